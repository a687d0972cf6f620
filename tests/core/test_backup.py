"""`manage.py backup` and `restore --verify`: a backup restored into an empty database and an
empty media folder holds every row and every file; a damaged backup is refused untouched."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from iqa_district.backup import MANIFEST, MEDIA_ARCHIVE, read_manifest, verify_restore
from schools.models import School
from tests.core.backups import Cursor, restore_into, rows_of

pytestmark = pytest.mark.django_db(transaction=True)


def _backup(tmp_path):
    out = io.StringIO()
    call_command("backup", to=str(tmp_path / "backups"), stdout=out)
    (folder,) = (tmp_path / "backups").iterdir()
    return folder, out.getvalue()


def test_a_backup_restores_every_row_and_file_into_an_empty_database(district, scratch, tmp_path):
    schools, names = district
    url, target = scratch
    folder, said = _backup(tmp_path)
    assert "สำรองข้อมูลแล้ว" in said
    manifest = read_manifest(folder)
    assert manifest["tables"]["schools_school"] == School.objects.count() == 3
    assert set(manifest["media"]) == set(names)

    media = tmp_path / "restored-media"
    said = restore_into(folder, url, media, "--verify")
    assert "ตรวจแล้ว: ครบทุกแถว" in said
    assert rows_of(target, "schools_school") == sorted(s.name for s in schools)
    for name in names:
        assert (media / name).read_bytes() == default_storage.open(name).read()
    assert verify_restore(manifest, target=target, media_root=media) == []


def test_verify_names_what_a_restore_lacks(district, scratch, tmp_path):
    schools, names = district
    url, target = scratch
    folder, _ = _backup(tmp_path)
    media = tmp_path / "restored-media"
    restore_into(folder, url, media)
    (media / names[0]).unlink()
    (media / names[1]).write_bytes(b"changed")
    with Cursor(target) as cursor:
        cursor.execute(
            "DELETE FROM schools_school WHERE code = %s"
            if target.vendor != "sqlite"
            else "DELETE FROM schools_school WHERE code = ?",
            [schools[0].code],
        )
        cursor.connection.commit()
    problems = verify_restore(read_manifest(folder), target=target, media_root=media)
    assert f"file {names[0]} is missing" in problems
    assert f"file {names[1]} differs from the backup" in problems
    assert "table schools_school: 2 rows, the backup has 3" in problems


def test_a_damaged_backup_is_refused_before_anything_is_touched(district, scratch, tmp_path):
    url, target = scratch
    folder, _ = _backup(tmp_path)
    manifest = json.loads((folder / MANIFEST).read_text())
    dump = folder / manifest["database_file"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="checksum"):
        restore_into(folder, url, media)
    assert not media.exists()
    with Cursor(target) as cursor:
        if target.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchall() == []


def test_an_archive_member_outside_the_media_folder_is_refused(district, scratch, tmp_path):
    url, target = scratch
    folder, _ = _backup(tmp_path)
    archive_path = folder / MEDIA_ARCHIVE
    with tarfile.open(archive_path, "w:gz") as archive:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"bad"))
    # A forger who rewrites the archive rewrites its checksum too.
    from iqa_district.backup import sha256_of

    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"][MEDIA_ARCHIVE] = sha256_of(archive_path)
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="escaped"):
        restore_into(folder, url, tmp_path / "restored-media")
    assert not Path(tmp_path / "escaped.txt").exists()
    # Nothing was restored: the database is still empty.
    problems = verify_restore(manifest, target=target, media_root=tmp_path / "restored-media")
    tables = sorted(manifest["tables"])
    assert problems[: len(tables)] == [f"table {table} is missing" for table in tables]
