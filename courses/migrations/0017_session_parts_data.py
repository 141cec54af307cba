"""Hand-written: give every existing session one part spanning its times, and carry each
booking's attendance mark over to that part, so every session has at least one part and
registers already marked read the same afterwards.

"Partly attended" on a one-part session becomes "attended" for the part (the person was there)
while the booking keeps its "partly" mark until the register is saved again."""

from django.db import migrations


def forwards(apps, schema_editor):
    TrainingSession = apps.get_model("courses", "TrainingSession")
    SessionPart = apps.get_model("courses", "SessionPart")
    Booking = apps.get_model("courses", "Booking")
    PartAttendance = apps.get_model("courses", "PartAttendance")
    parts = {}
    for session in TrainingSession.objects.filter(parts__isnull=True).iterator():
        parts[session.pk] = SessionPart(
            session_id=session.pk,
            sort_order=0,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
        )
    SessionPart.objects.bulk_create(parts.values(), batch_size=500)
    part_ids = dict(
        SessionPart.objects.filter(session_id__in=parts).values_list("session_id", "pk")
    )
    records = [
        PartAttendance(
            booking_id=booking.pk,
            part_id=part_ids[booking.session_id],
            attended=booking.attendance in ("attended", "partly"),
            method="trainer",
            marked_by_id=booking.attendance_marked_by_id,
            marked_at=booking.session.ends_at,
        )
        for booking in Booking.objects.filter(session_id__in=part_ids)
        .exclude(attendance="")
        .select_related("session")
        .iterator()
    ]
    PartAttendance.objects.bulk_create(records, batch_size=500)


def backwards(apps, schema_editor):
    apps.get_model("courses", "PartAttendance").objects.all().delete()
    apps.get_model("courses", "SessionPart").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0016_session_parts")]

    operations = [migrations.RunPython(forwards, backwards)]
