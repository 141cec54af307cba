from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:agreement_id>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:agreement_id>/answer/", views.agreement_answer, name="agreement_answer"),
    path("agreements/<int:agreement_id>/end/", views.agreement_end, name="agreement_end"),
    path("agreements/<int:agreement_id>/records/new/", views.record_start, name="record_start"),
    path("records/<int:record_id>/", views.record_detail, name="record_detail"),
    path("records/<int:record_id>/print/", views.record_print, name="record_print"),
    path("records/<int:record_id>/pdf/", views.record_pdf, name="record_pdf"),
    path("records/<int:record_id>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:record_id>/actions/", views.actions_review, name="actions_review"),
    path("records/<int:record_id>/discussions/new/", views.discussion_add, name="discussion_add"),
    path(
        "records/<int:record_id>/discussions/<int:discussion_id>/",
        views.discussion_edit,
        name="discussion_edit",
    ),
    path(
        "records/<int:record_id>/discussions/<int:discussion_id>/remove/",
        views.discussion_delete,
        name="discussion_delete",
    ),
    path(
        "records/<int:record_id>/discussions/<int:discussion_id>/escalate/",
        views.escalation_create,
        name="escalation_create",
    ),
    path("records/<int:record_id>/reflections/new/", views.reflection_add, name="reflection_add"),
    path(
        "records/<int:record_id>/reflections/<int:entry_id>/",
        views.reflection_edit,
        name="reflection_edit",
    ),
    path("records/<int:record_id>/send/", views.record_send, name="record_send"),
    path("records/<int:record_id>/sign/", views.record_sign, name="record_sign"),
    path("records/<int:record_id>/return/", views.record_return, name="record_return"),
    path("records/<int:record_id>/addenda/", views.addendum_add, name="addendum_add"),
    path("records/<int:record_id>/share/", views.record_share, name="record_share"),
    path(
        "records/<int:record_id>/shares/<int:share_id>/stop/",
        views.record_share_revoke,
        name="record_share_revoke",
    ),
    path("cases/<int:case_id>/", views.case_timeline, name="case_timeline"),
    path("flags/<int:flag_id>/", views.flag_detail, name="flag_detail"),
    path("escalations/", views.escalation_list, name="escalation_list"),
    path("escalations/<int:escalation_id>/", views.escalation_detail, name="escalation_detail"),
    path("access-log/", views.access_log, name="access_log"),
    path("cpd/", views.cpd_export_page, name="cpd_export_page"),
    path("cpd/export.<str:fmt>", views.cpd_export, name="cpd_export"),
    path("discuss/<int:page_id>/", views.topic_add, name="topic_add"),
]
