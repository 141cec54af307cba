from django.urls import path

from . import learning_record, views

app_name = "courses"

urlpatterns = [
    path("my/", views.my_learning, name="my_learning"),
    path(
        "my/record.<str:fmt>",
        learning_record.learning_record_download,
        name="learning_record",
    ),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/steps/<int:step_id>/", views.step, name="step"),
    path("courses/<int:course_id>/resume/", views.resume, name="resume"),
    path("courses/<int:course_id>/evaluation/", views.evaluation, name="evaluation"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:session_id>/", views.session_detail, name="session_detail"),
    path("sessions/<int:session_id>/book/", views.session_book, name="session_book"),
    path("sessions/<int:session_id>/calendar.ics", views.session_ics, name="session_ics"),
    path("bookings/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("approvals/", views.approvals, name="approvals"),
    path("sessions/<int:session_id>/register/", views.register, name="register"),
    path("sessions/<int:session_id>/sign-in-sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path(
        "sessions/<int:session_id>/parts/<int:part_id>/check-in-code/",
        views.check_in_screen,
        name="check_in_screen",
    ),
    path("check-in/", views.check_in, name="check_in"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/", views.verify, name="verify"),
    path("reports/", views.reports, name="reports"),
    path("reports/sessions/<int:session_id>/", views.report_session, name="report_session"),
    path("reports/courses/<int:course_id>/", views.report_course, name="report_course"),
]
