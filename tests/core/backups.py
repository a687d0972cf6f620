"""Helpers of the backup tests: restore a backup somewhere and read a table there."""

import io

import psycopg2
from django.core.management import call_command


def restore_into(folder, url, media, *extra):
    out = io.StringIO()
    call_command(
        "restore",
        str(folder),
        "--noinput",
        f"--database-url={url}",
        f"--media-root={media}",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def rows_of(target, table):
    with Cursor(target) as cursor:
        cursor.execute(f"SELECT name FROM {table} ORDER BY name")  # noqa: S608 - a fixed name
        return [row[0] for row in cursor.fetchall()]


class Cursor:
    def __init__(self, target):
        self.target = target

    def __enter__(self):
        if self.target.vendor == "sqlite":
            import sqlite3

            self.db = sqlite3.connect(self.target.name)
        else:
            self.db = psycopg2.connect(**self.target.dsn())
        return self.db.cursor()

    def __exit__(self, *exc):
        self.db.close()
