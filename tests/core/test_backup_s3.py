"""`manage.py backup --to s3://…` and `restore s3://… --verify` against a real S3 endpoint
over HTTP (moto's server, as MinIO or AWS would answer): the backup leaves the machine
whole, restores into an empty database with every row and file, and a damaged or
half-uploaded one is refused before anything is touched."""

import io
import socket
import urllib.request

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from iqa_district.backup import MANIFEST
from schools.models import School
from tests.core.backups import restore_into, rows_of

pytestmark = pytest.mark.django_db(transaction=True)

BUCKET = "iqa-backups"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(settings, monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "backup-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "backup-test-secret")
    settings.BACKUP_S3_ENDPOINT_URL = endpoint
    settings.BACKUP_S3_REGION = "ap-southeast-1"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="ap-southeast-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    try:
        yield client
    finally:
        # moto keeps its buckets in the process, not the server: forget them.
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"))  # noqa: S310 - our own local server
        server.stop()


def _keys(s3):
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def _backup_to_s3():
    out = io.StringIO()
    call_command("backup", to=f"s3://{BUCKET}/office-34", stdout=out)
    said = out.getvalue()
    return said.split("สำรองข้อมูลแล้ว: ", 1)[1].strip()


def test_a_backup_on_s3_restores_every_row_and_file(s3, district, scratch, tmp_path):
    schools, names = district
    url, target = scratch
    where = _backup_to_s3()
    assert where.startswith(f"s3://{BUCKET}/office-34/iqa-backup-")
    prefix = where.removeprefix(f"s3://{BUCKET}/")
    database = "database.dump" if target.vendor == "postgresql" else "database.sqlite3"
    assert _keys(s3) == sorted(f"{prefix}/{n}" for n in (database, "media.tar.gz", MANIFEST))

    out = io.StringIO()
    call_command("backup", to=f"s3://{BUCKET}/office-34", list=True, stdout=out)
    assert out.getvalue().split() == [where]

    media = tmp_path / "restored-media"
    said = restore_into(where, url, media, "--verify")
    assert "ตรวจแล้ว: ครบทุกแถว" in said
    assert rows_of(target, "schools_school") == sorted(s.name for s in schools)
    assert School.objects.count() == 3
    for name in names:
        assert (media / name).read_bytes() == default_storage.open(name).read()


def test_a_damaged_object_is_refused_before_anything_is_touched(s3, district, scratch, tmp_path):
    url, target = scratch
    where = _backup_to_s3()
    prefix = where.removeprefix(f"s3://{BUCKET}/")
    s3.put_object(Bucket=BUCKET, Key=f"{prefix}/media.tar.gz", Body=b"not the archive")
    media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="media.tar.gz does not match its checksum"):
        restore_into(where, url, media)
    assert not media.exists()


def test_a_backup_whose_upload_broke_off_is_not_a_backup(s3, district, scratch, tmp_path):
    url, _ = scratch
    where = _backup_to_s3()
    prefix = where.removeprefix(f"s3://{BUCKET}/")
    # The manifest is uploaded last; without it the files are not a whole backup.
    s3.delete_object(Bucket=BUCKET, Key=f"{prefix}/{MANIFEST}")
    out = io.StringIO()
    call_command("backup", to=f"s3://{BUCKET}/office-34", list=True, stdout=out)
    assert out.getvalue().strip() == ""
    with pytest.raises(CommandError, match="no backup at"):
        restore_into(where, url, tmp_path / "restored-media")


def test_a_location_that_is_not_s3_is_a_thai_error():
    with pytest.raises(CommandError, match="--list ใช้กับปลายทาง s3:// เท่านั้น"):
        call_command("backup", to="/tmp/somewhere", list=True)
