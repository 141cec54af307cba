"""Who writes which part of a reflection, enforced by the service itself
(supervision.services.reflections): called directly as the wrong party, it refuses and
nothing is stored."""

import pytest

from supervision import services
from supervision.models import AccessLogEntry, ReflectiveEntry
from tests.factories import UserFactory

from .factories import add_reflection, make_agreement, make_record

pytestmark = pytest.mark.django_db

REFLECTION = {
    "theme": "drift",
    "prompt": "Have we tried this plan before?",
    "what_happened": "A visit.",
    "thoughts_feelings": "Tired.",
    "analysis": "Nothing has changed.",
    "next_steps": "Review the plan.",
}


@pytest.fixture
def record():
    return make_record(make_agreement())


def _unchanged(record):
    """What a refused save must leave as it was."""
    record.refresh_from_db()
    return (
        record.version,
        list(ReflectiveEntry.objects.filter(record=record).values()),
        AccessLogEntry.objects.filter(record_id=record.pk).count(),
    )


def test_each_party_writes_only_their_own_fields(record):
    assert services.reflection_fields_for(record.supervisee, record) == services.SUPERVISEE_FIELDS
    assert services.reflection_fields_for(record.supervisor, record) == ("peer_reflection",)
    assert services.reflection_fields_for(UserFactory(), record) == ()
    assert services.reflection_may_add(record.supervisee, record)
    assert not services.reflection_may_add(record.supervisor, record)


def test_the_supervisor_cannot_add_a_reflection(record):
    before = _unchanged(record)
    with pytest.raises(services.SupervisionError, match="written by the supervisee"):
        services.reflection_save(
            by=record.supervisor, record=record, version=record.version, data=REFLECTION
        )
    assert _unchanged(record) == before
    assert not ReflectiveEntry.objects.filter(record=record).exists()


def test_the_supervisor_cannot_add_one_holding_only_their_response(record):
    before = _unchanged(record)
    with pytest.raises(services.SupervisionError):
        services.reflection_save(
            by=record.supervisor,
            record=record,
            version=record.version,
            data={"peer_reflection": "My response."},
        )
    assert _unchanged(record) == before


@pytest.mark.parametrize("field", services.SUPERVISEE_FIELDS)
def test_the_supervisor_cannot_change_the_supervisees_reflection(record, field):
    entry = add_reflection(record)
    before = _unchanged(record)
    value = "bias" if field == "theme" else "Rewritten by the supervisor."
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.reflection_save(
            by=record.supervisor,
            record=record,
            version=record.version,
            entry=entry,
            data={field: value, "peer_reflection": "My response."},
        )
    assert _unchanged(record) == before


def test_the_supervisee_cannot_write_the_supervisors_response(record):
    entry = add_reflection(record)
    before = _unchanged(record)
    with pytest.raises(services.SupervisionError, match="Only the supervisor"):
        services.reflection_save(
            by=record.supervisee,
            record=record,
            version=record.version,
            entry=entry,
            data={**REFLECTION, "peer_reflection": "Written as if by the supervisor."},
        )
    assert _unchanged(record) == before


def test_the_supervisee_cannot_add_one_with_a_supervisors_response(record):
    before = _unchanged(record)
    with pytest.raises(services.SupervisionError, match="Only the supervisor"):
        services.reflection_save(
            by=record.supervisee,
            record=record,
            version=record.version,
            data={**REFLECTION, "peer_reflection": "Written as if by the supervisor."},
        )
    assert _unchanged(record) == before


def test_someone_outside_the_record_cannot_write_any_field(record):
    entry = add_reflection(record)
    before = _unchanged(record)
    with pytest.raises(services.SupervisionError):
        services.reflection_save(
            by=UserFactory(),
            record=record,
            version=record.version,
            entry=entry,
            data={"peer_reflection": "Not theirs."},
        )
    assert _unchanged(record) == before


def test_each_party_saves_their_own_part_and_may_repeat_the_others_unchanged(record):
    entry = add_reflection(record)
    record.refresh_from_db()
    services.reflection_save(
        by=record.supervisor,
        record=record,
        version=record.version,
        entry=entry,
        # A form's read-only fields come back with their stored values: not a change.
        data={**REFLECTION, "peer_reflection": "My response."},
    )
    entry.refresh_from_db()
    assert entry.peer_reflection == "My response."
    assert entry.what_happened == "A visit."
    record.refresh_from_db()
    services.reflection_save(
        by=record.supervisee,
        record=record,
        version=record.version,
        entry=entry,
        data={
            **REFLECTION,
            "analysis": "Something has changed.",
            "peer_reflection": "My response.",
        },
    )
    entry.refresh_from_db()
    assert (entry.analysis, entry.peer_reflection) == ("Something has changed.", "My response.")
