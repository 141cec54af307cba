from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:assessment_id>/areas/<int:position>/",
        views.area_edit,
        name="area_edit",
    ),
    path(
        "assessments/<int:assessment_id>/complete/",
        views.assessment_complete,
        name="assessment_complete",
    ),
    path(
        "assessments/<int:assessment_id>/delete/", views.assessment_delete, name="assessment_delete"
    ),
    path("assessments/<int:assessment_id>/pdf/", views.assessment_pdf, name="assessment_pdf"),
    path(
        "assessments/<int:assessment_id>/attach/",
        views.assessment_attach,
        name="assessment_attach",
    ),
    path("<int:page_id>/blank-form.pdf", views.blank_pdf, name="blank_pdf"),
]
