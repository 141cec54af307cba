"""Encrypt authenticator secrets stored readable before ENCRYPTION_KEY was used (see
elearning.accounts.mfa_secrets). Migrating backwards stores them readable again."""

from django.db import migrations


def encrypt(apps, schema_editor):
    from elearning.accounts.mfa_secrets import authenticators_reencrypt

    authenticators_reencrypt(apps.get_model("mfa", "Authenticator").objects.all())


def decrypt(apps, schema_editor):
    from elearning.accounts.mfa_secrets import authenticators_decrypt

    authenticators_decrypt(apps.get_model("mfa", "Authenticator").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_rolechange"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
