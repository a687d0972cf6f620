"""A counter that every write to what the office-wide counts read moves on (issue 19
item 6: the dashboards' cards and the compliance summary cached, invalidated on write;
iqa_district/counts_cache.py).

The triggers are the database's, not the services': they also see bulk updates, COPY,
the admin and imports, which a Python hook would miss. The counter is a sequence, so
concurrent writers do not queue on one row. Statement-level triggers move it inside the
writing transaction (so the writer's own next read sees a new version); a deferred row
trigger moves it again at commit, so a count made by another session while the writer's
rows were still uncommitted is never read under the final version. PostgreSQL only: on
SQLite (the embedded demo) the counts are not cached.
"""

from django.db import migrations

TABLES = [
    "supervision_visit",
    "supervision_selfevaluation",
    "sar_selfassessmentreport",
    "schools_school",
    "schools_academicyear",
    "standards_schooltarget",
]

CREATE = """
CREATE SEQUENCE IF NOT EXISTS counts_data_version;
CREATE OR REPLACE FUNCTION counts_data_version_bump() RETURNS trigger AS $$
BEGIN
    PERFORM nextval('counts_data_version');
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""
PER_TABLE = """
CREATE TRIGGER {table}_counts_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION counts_data_version_bump();
CREATE CONSTRAINT TRIGGER {table}_counts_version_commit
    AFTER INSERT OR UPDATE OR DELETE ON {table}
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION counts_data_version_bump();
"""
DROP_PER_TABLE = """
DROP TRIGGER IF EXISTS {table}_counts_version ON {table};
DROP TRIGGER IF EXISTS {table}_counts_version_commit ON {table};
"""
DROP = """
DROP FUNCTION IF EXISTS counts_data_version_bump();
DROP SEQUENCE IF EXISTS counts_data_version;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        for table in TABLES:
            schema_editor.execute(PER_TABLE.format(table=table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(DROP_PER_TABLE.format(table=table))
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0014_merge_indexes_readiness"),
        ("sar", "0006_national_batch"),
        ("schools", "0003_list_filter_indexes"),
        ("standards", "0003_target_lock"),
    ]

    operations = [migrations.RunPython(create, drop)]
