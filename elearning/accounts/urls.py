from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("manager-requests/", views.manager_requests, name="manager_requests"),
    path("manager-requests/<int:link_id>/", views.manager_request, name="manager_request"),
    path(
        "manager-links/<int:link_id>/end/",
        views.manager_link_end_view,
        name="manager_link_end",
    ),
]
