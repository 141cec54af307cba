from django.urls import path

from . import listing, views

app_name = "quizzes"

urlpatterns = [
    path("", listing.quiz_list, name="index"),
    path("mine/", views.my_quizzes, name="mine"),
    path("extra-attempts/", views.attempt_grants, name="attempt_grants"),
    path("analytics/", views.analytics_index, name="analytics_index"),
    path("analytics/<int:page_id>/", views.analytics_detail, name="analytics"),
    path("analytics/<int:page_id>/item-analysis.csv", views.analytics_csv, name="analytics_csv"),
]
