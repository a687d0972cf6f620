"""Backups a district can restore: the database and the uploaded files, checksummed.

A backup is a folder ``iqa-backup-<UTC time>/`` holding

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite),
- ``media.tar.gz``: every file under MEDIA_ROOT (SAR files, synthesis outputs, photos),
- ``manifest.json``: when and from what it was made, the row count of every table and the
  SHA-256 of every file, the archive members' included.

On PostgreSQL the row counts and the dump read the same snapshot (``pg_dump --snapshot``
with a snapshot exported by the counting transaction), so a backup taken while people work
still verifies exactly. Restoring checks every checksum before it touches anything, and
``verify`` proves a restored database and media folder hold every row and file.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

import django
from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup could not be made, read or restored; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where a database lives: the project's own, or one named by a URL for a drill."""

    vendor: str  # "postgresql" or "sqlite"
    name: str  # database name, or the SQLite file path
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> Target:
        db = settings.DATABASES[alias]
        engine = db["ENGINE"]
        if engine == "django.db.backends.postgresql":
            return cls(
                "postgresql",
                str(db["NAME"]),
                str(db.get("HOST") or ""),
                str(db.get("PORT") or ""),
                str(db.get("USER") or ""),
                str(db.get("PASSWORD") or ""),
            )
        if engine == "django.db.backends.sqlite3":
            return cls("sqlite", str(db["NAME"]))
        raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")

    @classmethod
    def from_url(cls, url: str) -> Target:
        parsed = urlparse(url)
        if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
            return cls(
                "postgresql",
                unquote(parsed.path.lstrip("/")),
                parsed.hostname or "",
                str(parsed.port or ""),
                unquote(parsed.username or ""),
                unquote(parsed.password or ""),
            )
        if parsed.scheme == "sqlite":
            return cls("sqlite", unquote(parsed.path))
        raise BackupError(f"unsupported database URL scheme: {parsed.scheme!r}")

    def pg_args(self) -> list[str]:
        args = []
        for flag, value in (
            ("--host", self.host),
            ("--port", self.port),
            ("--username", self.user),
        ):
            if value:
                args += [flag, value]
        return args

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def dsn(self) -> dict[str, str]:
        params = {"dbname": self.name, "host": self.host, "port": self.port, "user": self.user}
        if self.password:
            params["password"] = self.password
        return {k: v for k, v in params.items() if v}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(media_root: Path) -> Iterator[Path]:
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _count_rows(cursor: Any, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(args: list[str], *, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [row[0] for row in cursor.fetchall()]


def _sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [row[0] for row in cursor.fetchall()]


def _backup_postgresql(target: Target, folder: Path) -> dict[str, int]:
    """Count every table and dump the database from one exported snapshot."""
    import psycopg2

    db = psycopg2.connect(**target.dsn())
    try:
        db.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with db.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_rows(cursor, _pg_tables(cursor), _quote)
            # The snapshot lives while this transaction is open: pg_dump reads it.
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={folder / PG_DUMP}",
                    *target.pg_args(),
                    target.name,
                ],
                env=target.pg_env(),
            )
        db.rollback()
    finally:
        db.close()
    return counts


def _backup_sqlite(folder: Path) -> dict[str, int]:
    """SQLite's online backup of the project's own connection: a consistent copy, even
    of an in-memory database."""
    copy_path = folder / SQLITE_COPY
    connection = connections["default"]
    connection.ensure_connection()
    destination = sqlite3.connect(copy_path)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return _sqlite_counts(copy_path)


def _sqlite_counts(path: Path | str) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        cursor = db.cursor()
        return _count_rows(cursor, _sqlite_tables(cursor), _quote)
    finally:
        db.close()


def create_backup(directory: Path, *, media_root: Path | None = None) -> Path:
    """Write a new backup folder under ``directory`` and return its path."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    target = Target.from_settings()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(directory) / f"iqa-backup-{stamp}"
    folder.mkdir(parents=True)
    try:
        if target.vendor == "postgresql":
            counts = _backup_postgresql(target, folder)
            database_file = PG_DUMP
        else:
            counts = _backup_sqlite(folder)
            database_file = SQLITE_COPY
        media = {}
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            for path in _media_files(media_root):
                name = path.relative_to(media_root).as_posix()
                archive.add(path, arcname=name, recursive=False)
                media[name] = sha256_of(path)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "django": django.get_version(),
            "vendor": target.vendor,
            "database_file": database_file,
            "tables": counts,
            "media": media,
            "files": {name: sha256_of(folder / name) for name in (database_file, MEDIA_ARCHIVE)},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def read_manifest(folder: Path) -> dict[str, Any]:
    """The backup's manifest, after checking every file it lists against its checksum."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup: no {MANIFEST}")
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        file = Path(folder) / name
        if not file.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if sha256_of(file) != expected:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        name = PurePosixPath(member.name)
        if not member.isfile() or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"refusing the archive member {member.name!r}")
    return members


def restore_backup(
    folder: Path, *, target: Target | None = None, media_root: Path | None = None
) -> dict[str, Any]:
    """Restore the database and the media files of a checked backup; return its manifest."""
    manifest = read_manifest(folder)
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if manifest["vendor"] != target.vendor:
        raise BackupError(
            f"the backup is of a {manifest['vendor']} database, the target is {target.vendor}"
        )
    database_file = Path(folder) / manifest["database_file"]
    with tarfile.open(Path(folder) / MEDIA_ARCHIVE, "r:gz") as archive:
        members = _safe_members(archive)  # refused before the database is touched
    if target.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={target.name}",
                *target.pg_args(),
                str(database_file),
            ],
            env=target.pg_env(),
        )
    else:
        Path(target.name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database_file, target.name)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(Path(folder) / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, members=members, filter="data")
    return manifest


@contextmanager
def _target_cursor(target: Target) -> Iterator[tuple[Any, list[str]]]:
    if target.vendor == "postgresql":
        import psycopg2

        db = psycopg2.connect(**target.dsn())
        try:
            with db.cursor() as cursor:
                yield cursor, _pg_tables(cursor)
        finally:
            db.close()
    else:
        lite = sqlite3.connect(target.name)
        try:
            cursor = lite.cursor()
            yield cursor, _sqlite_tables(cursor)
        finally:
            lite.close()


def verify_restore(
    manifest: dict[str, Any], *, target: Target | None = None, media_root: Path | None = None
) -> list[str]:
    """What the restored database and media folder lack compared with the backup (empty
    when every table has its rows and every file is there, byte for byte)."""
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    problems = []
    with _target_cursor(target) as (cursor, tables):
        present = set(tables)
        for table, expected in sorted(manifest["tables"].items()):
            if table not in present:
                problems.append(f"table {table} is missing")
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
            found = int(cursor.fetchone()[0])
            if found != expected:
                problems.append(f"table {table}: {found} rows, the backup has {expected}")
    for name, expected in sorted(manifest["media"].items()):
        path = media_root / name
        if not path.is_file():
            problems.append(f"file {name} is missing")
        elif sha256_of(path) != expected:
            problems.append(f"file {name} differs from the backup")
    return problems
