"""Fixtures of the backup tests (local folders and S3)."""

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from iqa_district.backup import Target
from tests.factories import SchoolFactory


@pytest.fixture
def scratch(tmp_path):
    """An empty database of the same kind as the test database, and its URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", Target("sqlite", str(path))
        return
    own = Target.from_settings()
    name = f"{own.name}_restore"
    admin = psycopg2.connect(**{**own.dsn(), "dbname": "postgres"})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = Target("postgresql", name, own.host, own.port, own.user, own.password)
    auth = f"{own.user}@" if own.user else ""
    where = f"{own.host}:{own.port}" if own.host else ""
    try:
        yield f"postgres://{auth}{where}/{name}", target
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def district(office, cluster, settings):
    schools = [SchoolFactory(area_office=office, cluster=cluster) for _ in range(3)]
    names = [
        default_storage.save("sar/2568/รายงาน SAR.pdf", ContentFile(b"%PDF-1.7 first")),
        default_storage.save("synthesis/run-1.xlsx", ContentFile(b"PK\x03\x04 second")),
    ]
    return schools, names
