"""The impact section: confidence before, after and three months on, by agency and course,
under the disclosure rules.

City Hospital has 22 learners on "Neglect essentials", each rated 2 before and 4 after; 20
rated 4 three months on and 2 rated 3; their manager confirmed every answer. Riverside Clinic
has 3 learners on "Keeping a chronology", rated 3, 3 and 5, whose manager confirmed none.
Two more hospital follow-ups are not counted: one unanswered, one by a learner who never
evaluated the course.
"""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses.models import Enrolment, ImpactFollowUp
from elearning.accounts.models import Sector
from elearning.reports.disclosure import WITHHELD
from tests.courses.factories import make_course
from tests.factories import AgencyFactory, UserFactory, role_user

from .helpers import HIDDEN, assert_withheld, figures_of, page_results, rows_by
from .test_disclosure_attacks import _possible

pytestmark = pytest.mark.django_db


def _follow_up(user, course, *, before, after, now, confirms, manager, answered=True):
    enrolment = Enrolment.objects.create(
        user=user,
        course=course,
        agency=user.agency,
        confidence_before=before,
        confidence_after=after,
        evaluated_at=timezone.now() if after else None,
    )
    return ImpactFollowUp.objects.create(
        enrolment=enrolment,
        due_on=timezone.localdate(),
        sent_at=timezone.now(),
        answered_at=timezone.now() if answered else None,
        confidence_now=now if answered else None,
        manager=manager if answered else None,
        manager_confirms=confirms if answered else None,
    )


@pytest.fixture
def impact_world(db):
    hospital = AgencyFactory(name="City Hospital", sector=Sector.HEALTH)
    clinic = AgencyFactory(name="Riverside Clinic", sector=Sector.HEALTH)
    essentials = make_course(title="Neglect essentials", steps=0)
    chronology = make_course(title="Keeping a chronology", steps=0)
    manager = UserFactory(agency=hospital)
    for i in range(22):
        _follow_up(
            UserFactory(agency=hospital),
            essentials,
            before=2,
            after=4,
            now=4 if i < 20 else 3,
            confirms=True,
            manager=manager,
        )
    for now in (3, 3, 5):
        _follow_up(
            UserFactory(agency=clinic),
            chronology,
            before=3,
            after=3,
            now=now,
            confirms=False,
            manager=manager,
        )
    _follow_up(
        UserFactory(agency=hospital),
        essentials,
        before=1,
        after=5,
        now=None,
        confirms=None,
        manager=None,
        answered=False,
    )
    _follow_up(
        UserFactory(agency=hospital),
        essentials,
        before=1,
        after=None,
        now=1,
        confirms=True,
        manager=manager,
    )
    return SimpleNamespace(hospital=hospital, clinic=clinic, staff=role_user("staff"))


def test_three_stage_confidence_by_agency_and_course(login, impact_world):
    result = page_results(login(impact_world.staff))["impact"]
    assert figures_of(result) == {
        "Follow-up answers": 25,  # 25
        "Mean confidence before": 2.1,  # (44 + 9) / 25
        "Mean confidence after": 3.9,  # (88 + 9) / 25
        "Mean confidence three months on": 3.9,  # (86 + 11) / 25 = 3.88
        "Share confirmed by their line manager": 88,  # 22 of 25
    }
    agencies = rows_by(result, "impact-by-agency", "agency")
    hospital = agencies["City Hospital"]
    assert (hospital["responses"], hospital["before"], hospital["after"]) == (20, 2.0, 4.0)
    assert (hospital["now"], hospital["kept"], hospital["confirmed_percent"]) == (3.9, -0.1, 100)
    clinic = agencies["Riverside Clinic"]
    assert {clinic[k] for k in ("responses", "before", "after", "now", "kept")} == {HIDDEN}
    assert clinic["confirmed_percent"] == HIDDEN
    courses = rows_by(result, "impact-by-course", "course")
    assert courses["Neglect essentials"]["responses"] == 20  # 22
    assert courses["Keeping a chronology"]["responses"] == HIDDEN  # 3
    assert courses["Keeping a chronology"]["now"] == HIDDEN


def test_the_total_minus_the_visible_rows_does_not_give_the_hidden_one(login, impact_world):
    result = page_results(login(impact_world.staff))["impact"]
    total = next(f.value for f in result.figures if str(f.label) == "Follow-up answers")
    for table_id, key, hidden_name in (
        ("impact-by-agency", "agency", "Riverside Clinic"),
        ("impact-by-course", "course", "Keeping a chronology"),
    ):
        rows = {
            str(r[key]): r["responses"]
            for r in next(t for t in result.tables if t.id == table_id).rows
        }
        assert rows[hidden_name] is WITHHELD
        visible = [v for name, v in rows.items() if name != hidden_name]
        possible = _possible(total, visible, rows[hidden_name])
        assert len(possible) >= 2, f"{table_id}: the hidden figure can be worked out: {possible}"


def test_a_small_agency_shows_no_figures(login, impact_world):
    results = page_results(login(impact_world.staff), agency=impact_world.clinic.pk)
    assert_withheld(results["impact"])


def test_a_small_partnership_shows_counts_but_no_means(login, impact_world):
    ImpactFollowUp.objects.filter(enrolment__agency=impact_world.hospital).delete()
    result = page_results(login(impact_world.staff))["impact"]
    figures = figures_of(result)
    assert figures["Follow-up answers"] == HIDDEN  # 3
    assert figures["Mean confidence three months on"] == HIDDEN
