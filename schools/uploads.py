"""A school list waiting between upload, preview and confirm.

The file waits under MEDIA_ROOT/tmp/school_imports, named by a random token; the
uploader's session lists the tokens that are theirs, with the office and the uploaded
file's name. That name is shown and recorded, never used as a path, and no other
session reaches the file. Files older than a day go at the next upload.
"""

import datetime
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import UploadedFile

from .models import AreaOffice

SESSION_KEY = "school_imports"
MAX_AGE = datetime.timedelta(hours=24)
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class PendingImport:
    token: str
    office_id: int
    name: str  # the uploaded file's name, shown and recorded
    kind: str = SESSION_KEY  # school_imports, or account_imports for account lists

    @property
    def path(self) -> Path:
        return _folder(self.kind) / f"{self.token}.upload"

    def read(self) -> bytes:
        return self.path.read_bytes()


def _folder(kind: str = SESSION_KEY) -> Path:
    path = Path(settings.MEDIA_ROOT) / "tmp" / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def _purge_old(kind: str) -> None:
    limit = time.time() - MAX_AGE.total_seconds()
    for old in _folder(kind).glob("*.upload"):
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


def pending_import_store(
    session: SessionBase, *, upload: UploadedFile, office: AreaOffice, kind: str = SESSION_KEY
) -> PendingImport:
    """Keep ``upload`` for ``office`` until it is confirmed or cancelled."""
    _purge_old(kind)
    pending = PendingImport(
        token=secrets.token_hex(16), office_id=office.pk, name=(upload.name or "")[:200], kind=kind
    )
    with open(pending.path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    entries = session.get(kind, {})
    entries[pending.token] = {"office": pending.office_id, "name": pending.name}
    session[kind] = entries
    return pending


def pending_import_get(
    session: SessionBase, token: str, kind: str = SESSION_KEY
) -> PendingImport | None:
    """This session's upload ``token``, or None if it is not theirs or has gone."""
    entry = session.get(kind, {}).get(token) if TOKEN_RE.match(token) else None
    if entry is None:
        return None
    pending = PendingImport(token=token, office_id=entry["office"], name=entry["name"], kind=kind)
    return pending if pending.path.exists() else None


def pending_import_forget(session: SessionBase, pending: PendingImport) -> None:
    """Drop the upload once it is imported or cancelled."""
    entries = session.get(pending.kind, {})
    entries.pop(pending.token, None)
    session[pending.kind] = entries
    pending.path.unlink(missing_ok=True)
