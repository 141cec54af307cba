"""Figures of the impact follow-ups for the partnership reports: one aggregate query per
grouping, however many follow-ups there are."""

from django.db.models import Count, Q, Sum

from .models import ImpactFollowUp


def three_stage_confidence(follow_ups=None, by=()) -> list[dict]:
    """Per group, over answered follow-ups whose learner also rated their confidence when
    enrolling and when evaluating the course: responses, distinct people, the sums of the
    three ratings (for means), how many answers were put to a line manager (and their
    people) and how many the manager confirmed."""
    follow_ups = ImpactFollowUp.objects.all() if follow_ups is None else follow_ups
    asked = Q(manager__isnull=False)
    return list(
        follow_ups.filter(answered_at__isnull=False, enrolment__confidence_after__isnull=False)
        .values(*by)
        .annotate(
            responses=Count("pk"),
            people=Count("enrolment__user", distinct=True),
            before_total=Sum("enrolment__confidence_before"),
            after_total=Sum("enrolment__confidence_after"),
            now_total=Sum("confidence_now"),
            asked=Count("pk", filter=asked),
            asked_people=Count("enrolment__user", distinct=True, filter=asked),
            confirmed=Count("pk", filter=asked & Q(manager_confirms=True)),
        )
        .order_by(*by)
    )
