"""`manage.py restore BACKUP [--verify]`: put a backup back, checking it first.

Every checksum is checked before anything is touched. ``--verify`` then proves that the
restored database has every table with its rows and the media folder every file, byte
for byte. ``--database-url`` and ``--media-root`` restore somewhere else: a restore drill
into a scratch database proves a backup good without touching the live system.
"""

from argparse import ArgumentParser
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from iqa_district.backup import BackupError, Target, restore_backup, verify_restore
from iqa_district.backup_s3 import S3Location, downloaded, is_s3


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์จากชุดสำรอง (ตรวจค่า SHA-256 ก่อนทุกครั้ง)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "backup", help="โฟลเดอร์ชุดสำรอง iqa-backup-... หรือ s3://bucket/prefix/iqa-backup-..."
        )
        parser.add_argument("--verify", action="store_true", help="ตรวจว่าทุกตารางและทุกไฟล์กลับมาครบ")
        parser.add_argument("--database-url", help="กู้คืนลงฐานข้อมูลอื่น (เช่น ซ้อมกู้คืน)")
        parser.add_argument("--media-root", help="กู้คืนไฟล์ลงโฟลเดอร์อื่น")
        parser.add_argument("--noinput", action="store_true", help="ไม่ต้องถามยืนยัน")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Target.from_url(options["database_url"]) if options["database_url"] else None
        media_root = Path(options["media_root"]) if options["media_root"] else None
        if not options["noinput"]:
            answer = input("ข้อมูลปัจจุบันในฐานข้อมูลปลายทางจะถูกแทนที่ พิมพ์ yes เพื่อยืนยัน: ")
            if answer.strip().lower() != "yes":
                raise CommandError("ยกเลิกการกู้คืน")
        source: AbstractContextManager[Path] = (
            downloaded(S3Location.parse(options["backup"]))
            if is_s3(options["backup"])
            else nullcontext(Path(options["backup"]))
        )
        try:
            with source as folder:
                manifest = restore_backup(folder, target=target, media_root=media_root)
        except BackupError as exc:
            raise CommandError(f"กู้คืนไม่สำเร็จ: {exc}") from exc
        tables, files = len(manifest["tables"]), len(manifest["media"])
        self.stdout.write(f"กู้คืนแล้ว: {tables} ตาราง {files} ไฟล์ จากชุดสำรอง {manifest['created_at']}")
        if options["verify"]:
            problems = verify_restore(manifest, target=target, media_root=media_root)
            if problems:
                raise CommandError("ตรวจพบข้อมูลไม่ครบ:\n" + "\n".join(problems))
            rows = sum(manifest["tables"].values())
            self.stdout.write(self.style.SUCCESS(f"ตรวจแล้ว: ครบทุกแถว ({rows} แถว) และทุกไฟล์"))
