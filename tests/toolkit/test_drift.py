"""The tenth drift rule, with its threshold in the supervision settings, and the demo."""

import datetime

import pytest

from supervision.flags import rule_toolkit_not_improving
from supervision.models import Flag, SupervisionSettings
from tests.supervision.factories import add_discussion, make_agreement, make_record
from tests.toolkit.factories import make_assessment, make_toolkit
from toolkit import services

D = datetime.date(2026, 1, 5)


def rows(*pairs):
    return [(n, day, dict(enumerate(levels))) for n, (day, levels) in enumerate(pairs, 1)]


def settings(weeks=12):
    return SupervisionSettings(toolkit_review_weeks=weeks)


def test_no_area_better_across_twelve_weeks_is_flagged():
    found = rule_toolkit_not_improving(
        rows((D, [2, 3]), (D + datetime.timedelta(weeks=12), [2, 3])), settings()
    )
    assert found is not None and "No area better" in str(found.evidence)
    assert found.key == "t2"


def test_less_than_the_threshold_apart_is_not_flagged_unless_worse():
    same = rows((D, [2, 3]), (D + datetime.timedelta(weeks=11), [2, 3]))
    assert rule_toolkit_not_improving(same, settings()) is None
    assert rule_toolkit_not_improving(same, settings(weeks=11)) is not None
    worse = rows((D, [2, 3]), (D + datetime.timedelta(weeks=2), [2, 4]))
    found = rule_toolkit_not_improving(worse, settings())
    assert found is not None and "1 area(s) worse" in str(found.evidence)


def test_one_area_better_is_not_flagged():
    better = rows((D, [2, 3]), (D + datetime.timedelta(weeks=13), [2, 2]))
    assert rule_toolkit_not_improving(better, settings()) is None
    assert rule_toolkit_not_improving(rows((D, [2])), settings()) is None


@pytest.mark.django_db
def test_attaching_the_review_raises_flag_ten_once(practitioner, supervisor):
    record = make_record(make_agreement(practitioner, supervisor))
    discussion = add_discussion(record, reference="Family Oak")
    toolkit = make_toolkit(areas=3)
    first = make_assessment(practitioner, toolkit, levels=[2, 2, 2], ago=90)
    second = make_assessment(practitioner, toolkit, levels=[2, 3, 2], ago=6)
    services.assessment_attach(by=practitioner, assessment=first, discussion=discussion)
    assert not Flag.objects.filter(rule=10).exists()
    services.assessment_attach(by=practitioner, assessment=second, discussion=discussion)
    services.assessment_attach(by=practitioner, assessment=second, discussion=discussion)
    flag = Flag.objects.get(rule=10)
    assert flag.case_id == discussion.case_id and flag.supervisee_id == practitioner.pk
    assert flag.rule_title == "Neglect toolkit: no better"


@pytest.mark.django_db
def test_the_demo_shows_the_tenth_flag():
    from seeding.accounts.demo import seed_demo as accounts_demo
    from seeding.supervision.demo import seed_demo as supervision_demo
    from seeding.toolkit.demo import seed_demo as toolkit_demo
    from toolkit.models import Assessment, ToolkitPage

    accounts_demo()
    supervision_demo()
    toolkit_demo()
    toolkit_demo()  # idempotent
    assert len(ToolkitPage.objects.get(slug="neglect-toolkit").area_list()) == 9
    oak = Assessment.objects.filter(case_reference="Family Oak").order_by("assessed_on")
    assert oak.count() == 2
    assert (oak[1].assessed_on - oak[0].assessed_on).days == 84
    assert all(a.discussion_id for a in oak)
    assert Flag.objects.filter(rule=10, supervisee__email="practitioner@demo.example").count() == 1


@pytest.mark.django_db
def test_the_record_and_case_timeline_show_the_latest_levels_and_change(
    login, practitioner, supervisor, staff
):
    from django.urls import reverse

    record = make_record(make_agreement(practitioner, supervisor))
    discussion = add_discussion(record, reference="Family Oak")
    toolkit = make_toolkit(areas=2)
    for levels, ago in (([2, 2], 90), ([3, 2], 6)):
        assessment = make_assessment(practitioner, toolkit, levels=levels, ago=ago)
        services.assessment_attach(by=practitioner, assessment=assessment, discussion=discussion)
    for url in (
        reverse("supervision:record_detail", args=[record.pk]),
        reverse("supervision:case_timeline", args=[discussion.case_id]),
    ):
        html = login(supervisor).get(url).content.decode()
        assert "Neglect toolkit: Family Oak, latest levels" in html
        assert "12 weeks before" in html and "Worse" in html and "3. Needs unmet" in html
