from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.library_index, name="index"),
    path("tools/pdf/<int:page_id>/", views.page_pdf, name="page_pdf"),
    path("tools/team-use/", views.team_use_rollup_view, name="team_use_rollup"),
    path("tools/team-use/<int:page_id>/record/", views.team_use_create, name="team_use_create"),
    path("tools/team-use/<int:page_id>/csv/", views.team_use_csv, name="team_use_csv"),
]
