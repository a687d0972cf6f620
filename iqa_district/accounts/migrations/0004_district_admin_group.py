"""The "district admin" group with the model permissions a district admin needs.

Real districts need it as much as the demo: a district admin is staff but not a
superuser, and without it he could open no admin page.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from iqa_district.accounts.groups import district_admin_group_ensure


def create_group(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate); the
    # group needs them now, so create them here for every app (idempotent).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    district_admin_group_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_queryset"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sar", "0003_lock_targets_of_sent_sars"),
        ("schools", "0002_school_import"),
        ("standards", "0003_target_lock"),
        ("supervision", "0003_form_template_office"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
