"""Backups kept off the machine, on S3-compatible storage (AWS S3, MinIO, Wasabi, a
university's Ceph): ``manage.py backup --to s3://bucket/prefix`` and
``manage.py restore s3://bucket/prefix/iqa-backup-<time>``.

A backup is made in a local folder as always, then each of its files is uploaded with
its SHA-256 in the object's metadata and read back (size and metadata) before the local
copy goes; the manifest is uploaded last, so a backup whose upload broke off has no
manifest and is never taken for a whole one. Restoring downloads the three files into a
temporary folder, where ``read_manifest`` checks every checksum as it does for a local
backup, then restores from there.

The endpoint and keys come from the environment: ``DJANGO_BACKUP_S3_ENDPOINT_URL`` (empty
for AWS itself), ``DJANGO_BACKUP_S3_REGION``, and boto3's own ``AWS_ACCESS_KEY_ID`` /
``AWS_SECRET_ACCESS_KEY``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.conf import settings

from .backup import MANIFEST, BackupError, create_backup, read_manifest, sha256_of

SCHEME = "s3://"
SHA_KEY = "sha256"


@dataclass(frozen=True)
class S3Location:
    bucket: str
    prefix: str  # without leading or trailing "/"

    @classmethod
    def parse(cls, url: str) -> S3Location:
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise BackupError(f"not an S3 location: {url!r} (expected s3://bucket/prefix)")
        return cls(bucket=parsed.netloc, prefix=parsed.path.strip("/"))

    def key(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)

    def url(self, *parts: str) -> str:
        return f"{SCHEME}{self.bucket}/{self.key(*parts)}"


def is_s3(location: str | Path) -> bool:
    return str(location).startswith(SCHEME)


def client() -> Any:
    import boto3  # imported here: only a deployment that backs up to S3 needs it

    return boto3.client(
        "s3",
        endpoint_url=settings.BACKUP_S3_ENDPOINT_URL or None,
        region_name=settings.BACKUP_S3_REGION or None,
    )


def upload_backup(folder: Path, location: S3Location, *, s3: Any = None) -> str:
    """Upload a checked local backup folder under ``location``; return its S3 URL."""
    s3 = s3 or client()
    manifest = read_manifest(folder)
    names = [*sorted(manifest["files"]), MANIFEST]  # the manifest last: it marks "whole"
    for name in names:
        path = folder / name
        digest = sha256_of(path)
        key = location.key(folder.name, name)
        s3.upload_file(str(path), location.bucket, key, ExtraArgs={"Metadata": {SHA_KEY: digest}})
        head = s3.head_object(Bucket=location.bucket, Key=key)
        if head["ContentLength"] != path.stat().st_size or head["Metadata"].get(SHA_KEY) != digest:
            raise BackupError(f"{name} was not stored whole at {location.url(folder.name, name)}")
    return location.url(folder.name)


def backup_to_s3(location: S3Location, *, media_root: Path | None = None, s3: Any = None) -> str:
    """Make a backup and keep it only on S3; return its S3 URL."""
    with tempfile.TemporaryDirectory(prefix="iqa-backup-") as scratch:
        folder = create_backup(Path(scratch), media_root=media_root)
        return upload_backup(folder, location, s3=s3)


@contextmanager
def downloaded(location: S3Location, *, s3: Any = None) -> Iterator[Path]:
    """The backup at ``location`` (a ``iqa-backup-…`` prefix) as a local folder, checked."""
    s3 = s3 or client()
    scratch = Path(tempfile.mkdtemp(prefix="iqa-restore-"))
    folder = scratch / (location.prefix.rsplit("/", 1)[-1] or "backup")
    folder.mkdir()
    try:
        manifest_path = folder / MANIFEST
        try:
            s3.download_file(location.bucket, location.key(MANIFEST), str(manifest_path))
        except Exception as exc:  # botocore's ClientError: no manifest, no whole backup
            raise BackupError(f"no backup at {location.url()}: {exc}") from exc
        for name in json.loads(manifest_path.read_text()).get("files", {}):
            if "/" in name or name in ("", ".", ".."):
                raise BackupError(f"refusing the backup file name {name!r}")
            s3.download_file(location.bucket, location.key(name), str(folder / name))
        read_manifest(folder)  # every checksum, before anyone restores from it
        yield folder
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def list_backups(location: S3Location, *, s3: Any = None) -> list[str]:
    """The whole backups (those with a manifest) under ``location``, oldest first."""
    s3 = s3 or client()
    found: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=location.bucket, Prefix=location.key() + "/" if location.prefix else ""
    ):
        found.extend(
            f"{SCHEME}{location.bucket}/{item['Key'].rsplit('/', 1)[0]}"
            for item in page.get("Contents", [])
            if item["Key"].endswith("/" + MANIFEST)
        )
    return sorted(found)
