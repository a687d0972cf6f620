"""The school list sorts an office's schools by Thai name (ICU collation) and code: an
index in that order lets the page's ids come from an index walk instead of a sort of
every school. PostgreSQL only: SQLite (the embedded demo) has no ICU collation."""

from django.db import migrations

INDEX = "school_office_thai_name"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON schools_school "
            '(area_office_id, (name COLLATE "th-TH-x-icu"), code)'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("schools", "0003_list_filter_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
