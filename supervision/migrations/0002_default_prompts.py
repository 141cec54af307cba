from django.db import migrations


def forwards(apps, schema_editor):
    from supervision.prompt_data import prompts_ensure

    prompts_ensure(apps.get_model("supervision", "PromptSet"))


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
