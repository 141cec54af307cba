"""Stored XSS: a script payload in every user-editable text field is shown escaped everywhere.

Sample objects come from the authorisation matrix's setups and the page samples; then every
plain text field (CharField and TextField, not rich text, which Wagtail sanitises on input) of
every project model and every page's title is overwritten with a payload, and every HTML view
is opened by every role that may see it.
"""

import pytest
from django.apps import apps
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page

from tests.e2e.test_accessibility_sweep import page_samples
from tests.security.matrix import ANON, ROLES, Ctx
from tests.security.test_authorization_matrix import all_rows, client_for, make_users, url_for

PAYLOAD = '"><script>xss()</script>'
ESCAPED = "&lt;script&gt;xss()&lt;/script&gt;"
PROJECT_APP_PREFIXES = ("elearning.", "courses", "quizzes", "supervision", "toolkit")


def project_models():
    for config in apps.get_app_configs():
        if config.name.startswith(PROJECT_APP_PREFIXES):
            yield from config.get_models()


def editable_text_fields(model):
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, RichTextField | models.EmailField | models.SlugField):
            continue
        if field.choices or not field.editable or field.primary_key:
            continue
        if field.name in ("password",) or (field.max_length or 1000) < len(PAYLOAD) + 6:
            continue
        if field.model is not model:  # inherited from a parent table; updated via the parent
            continue
        yield field


def poison_everything() -> int:
    poisoned = 0
    for model in project_models():
        fields = list(editable_text_fields(model))
        if not fields:
            continue
        for obj in model._base_manager.all():
            values = {f.attname: f"{PAYLOAD}{obj.pk}" if f.unique else PAYLOAD for f in fields}
            model._base_manager.filter(pk=obj.pk).update(**values)
            poisoned += 1
    Page.objects.filter(depth__gt=1).update(title=PAYLOAD, draft_title=PAYLOAD)
    return poisoned


@pytest.mark.django_db
def test_payloads_in_every_text_field_are_escaped_on_every_page():
    ctx = Ctx(users=make_users())
    targets = []
    set_up = set()
    for name, (module, row) in sorted(all_rows().items()):
        if hasattr(module, "setup") and module.__name__ not in set_up:
            module.setup(ctx)
            set_up.add(module.__name__)
        targets.append((name, row))
    sample_urls = [page().url for page in page_samples().values()]
    assert poison_everything() > 0

    clients = {role: client_for(role, ctx.users) for role in ROLES}
    opened = 0
    escaped_seen = 0
    for name, row in targets:
        url = url_for(row, ctx)
        for role in ROLES:
            if row.expect[role] != 200 or row.method != "GET":
                continue
            response = clients[role].get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            opened += 1
            assert PAYLOAD not in html, f"{name} as {role}: raw payload in {url}"
            escaped_seen += ESCAPED in html
    for url in sample_urls:
        html = clients[ANON].get(url).content.decode()
        assert PAYLOAD not in html, f"raw payload on {url}"
        assert ESCAPED in html, f"the poisoned title is not shown on {url}"
        opened += 1
    assert opened > 20
    assert escaped_seen > 0, "no page showed a poisoned value, so the sweep proved nothing"
