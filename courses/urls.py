from django.urls import path

from . import learning_record, views

app_name = "courses"

urlpatterns = [
    path("my/", views.my_learning, name="my_learning"),
    path("my/email-preferences/", views.email_preferences, name="email_preferences"),
    path(
        "my/record.<str:fmt>",
        learning_record.learning_record_download,
        name="learning_record",
    ),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/steps/<int:step_id>/", views.step, name="step"),
    path("courses/<int:course_id>/resume/", views.resume, name="resume"),
    path("courses/<int:course_id>/evaluation/", views.evaluation, name="evaluation"),
    path("impact/<int:follow_up_id>/", views.impact_follow_up, name="impact_follow_up"),
    path("impact/<int:follow_up_id>/manager/", views.impact_manager, name="impact_manager"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:session_id>/", views.session_detail, name="session_detail"),
    path("sessions/<int:session_id>/book/", views.session_book, name="session_book"),
    path("sessions/<int:session_id>/calendar.ics", views.session_ics, name="session_ics"),
    path("bookings/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("approvals/", views.approvals, name="approvals"),
    path("team/", views.team, name="team"),
    path("courses/<int:course_id>/interest/", views.interest_register, name="interest_register"),
    path("interest/<int:interest_id>/withdraw/", views.interest_withdraw, name="interest_withdraw"),
    path("interest/<int:interest_id>/decline/", views.interest_decline, name="interest_decline"),
    path("interest-lists/", views.interest_demand, name="interest_demand"),
    path(
        "sessions/<int:session_id>/offer-to-interest-list/",
        views.session_offer_interest,
        name="session_offer_interest",
    ),
    path("sessions/<int:session_id>/register/", views.register, name="register"),
    path("sessions/<int:session_id>/sign-in-sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("sessions/mine/", views.sessions_i_run, name="sessions_i_run"),
    path("reports/no-shows/", views.no_show_files, name="no_shows"),
    path(
        "reports/no-shows/<int:year>-q<int:quarter>/agency-<int:agency_id>.csv",
        views.no_shows_csv,
        name="no_shows_csv",
    ),
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
