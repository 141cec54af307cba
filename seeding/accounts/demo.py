"""Demo agencies and one account per role."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from elearning.accounts import roles
from elearning.accounts.models import Agency, Sector, User
from elearning.core.demo_mfa import DEMO_TOTP_SECRET
from seeding.demo import DEMO_PASSWORD

DEMO_AGENCIES = [
    ("Northbridge Community Health NHS Trust", Sector.HEALTH),
    ("Northbridge Children's Services", Sector.CHILDRENS_SOCIAL_CARE),
    ("Northbridge Police", Sector.POLICE),
    ("St Anne's Primary School", Sector.EDUCATION),
    ("Riverside Academy", Sector.EDUCATION),
    ("Northbridge Homes", Sector.HOUSING),
    ("Probation Service, Northbridge", Sector.PROBATION),
    ("Family Hubs Voluntary Alliance", Sector.VOLUNTARY),
    ("Safeguarding Children Partnership team", Sector.OTHER),
]

# email, first name, last name, role label, agency, job title
DEMO_USERS = [
    (
        "practitioner@demo.example",
        "Priya",
        "Shah",
        "practitioner",
        "Northbridge Community Health NHS Trust",
        "Health visitor",
    ),
    (
        "teacher@demo.example",
        "Tom",
        "Ellis",
        "practitioner",
        "St Anne's Primary School",
        "Designated safeguarding lead",
    ),
    (
        "social.worker@demo.example",
        "Sam",
        "Okafor",
        "practitioner",
        "Northbridge Children's Services",
        "Social worker",
    ),
    (
        "supervisor@demo.example",
        "Morgan",
        "Hughes",
        "supervisor",
        "Northbridge Children's Services",
        "Practice supervisor",
    ),
    (
        "team.manager@demo.example",
        "Rowan",
        "Clarke",
        "supervisor",
        "Northbridge Community Health NHS Trust",
        "Health visiting team manager",
    ),
    (
        "staff@demo.example",
        "Alex",
        "Reid",
        "partnership staff",
        "Safeguarding Children Partnership team",
        "Learning and development officer",
    ),
    (
        "moderator@demo.example",
        "Jo",
        "Brennan",
        "partnership moderator",
        "Safeguarding Children Partnership team",
        "Business manager",
    ),
    (
        "admin@demo.example",
        "Chris",
        "Patel",
        "partnership admin",
        "Safeguarding Children Partnership team",
        "Partnership administrator",
    ),
]

ROLE_TO_GROUP = {
    "practitioner": None,
    "supervisor": roles.SUPERVISORS_GROUP,
    "partnership staff": roles.STAFF_GROUP,
    "partnership moderator": roles.MODERATORS_GROUP,
    "partnership admin": roles.ADMINS_GROUP,
}


def seed_demo() -> None:
    agencies = {}
    for name, sector in DEMO_AGENCIES:
        agencies[name], _ = Agency.objects.update_or_create(name=name, defaults={"sector": sector})

    for email, first, last, role, agency, job in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "agency": agencies[agency],
                "job_title": job,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        group_name = ROLE_TO_GROUP[role]
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
                RecoveryCodes.activate(user)
