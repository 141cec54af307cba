"""Factories shared by every app's tests."""

import contextlib
import time
from collections.abc import Iterator

import factory
import time_machine
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group

from elearning.accounts import roles
from elearning.accounts.models import Agency, ManagerLink, Sector, User

PASSWORD = "correct-horse-battery-9"


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page made under ``parent`` (each subclass says where by default) with a revision,
    published unless ``live=False``, as an editor publishing it in Wagtail leaves it.
    ``publish=False`` skips the revision too, for tests that build many pages quickly."""

    class Meta:
        abstract = True

    live = True

    @classmethod
    def default_parent(cls):
        raise NotImplementedError("a page factory says where its pages go")

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = cls._create_instance(model_class, parent or cls.default_parent(), kwargs)
        if publish:
            revision = page.save_revision()
            if page.live:
                revision.publish()
        return model_class.objects.get(pk=page.pk)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = Sector.HEALTH


def manager_link_confirmed(*, learner, manager, at=None) -> ManagerLink:
    """A line-manager relationship the manager has confirmed, ending any the learner had open,
    without the e-mails the services send (tests of those use ``services.managers`` itself)."""
    from django.utils import timezone

    at = at or timezone.now()
    ManagerLink.objects.filter(learner=learner, ended_at__isnull=True).update(ended_at=at)
    return ManagerLink.objects.create(
        learner=learner, manager=manager, requested_at=at, confirmed_at=at
    )


class UserFactory(factory.django.DjangoModelFactory):
    """A practitioner with a verified e-mail address. ``groups=[...]`` adds role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    agency = factory.SubFactory(AgencyFactory)
    job_title = "Practitioner"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def confirmed_manager(self, create, extracted, **kwargs):
        """``confirmed_manager=person``: a line manager who has already confirmed."""
        if create and extracted:
            manager_link_confirmed(learner=self, manager=extracted)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def totp_secret(self, create, extracted, **kwargs):
        """Pass ``totp_secret=True`` (or a secret) to give the user an authenticator."""
        if create and extracted:
            secret = extracted if isinstance(extracted, str) else generate_totp_secret()
            TOTP.activate(self, secret)
            self._totp_secret = secret
        self.save()


def role_user(role: str, **kwargs) -> User:
    """A user in one of the site's roles, with MFA set up where the role requires it."""
    group = {
        "practitioner": None,
        "supervisor": roles.SUPERVISORS_GROUP,
        "staff": roles.STAFF_GROUP,
        "moderator": roles.MODERATORS_GROUP,
        "admin": roles.ADMINS_GROUP,
    }[role]
    if group is None:
        return UserFactory(**kwargs)
    return UserFactory(groups=[group], totp_secret=True, **kwargs)


def totp_code(secret: str, spare: float = 5) -> str:
    """The authenticator's current code, waiting for the next 30-second period when this one
    ends within ``spare`` seconds, so the code is still valid when the server checks it.

    For a server whose clock this process can stop (the test client, or the live server, a
    thread of this process), ``frozen_totp_code`` is surer: the code cannot roll over at all."""
    if 30 - time.time() % 30 < spare:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@contextlib.contextmanager
def frozen_totp_code(secret: str) -> Iterator[str]:
    """Stops the clock for the ``with`` block and gives the authenticator's code for that moment.

    ``time_machine`` stops the clock for every thread of this process, so the test client and
    the live server's thread check the code in the same 30-second period however slowly the
    machine runs; a server in another process does not see it (use ``totp_code`` there)."""
    with time_machine.travel(time.time(), tick=False):
        yield format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
