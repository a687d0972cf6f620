"""`manage.py backup [--to DIR | --to s3://bucket/prefix] [--list]`: the database and every
uploaded file, checksummed, kept in a folder or on S3-compatible storage."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from iqa_district.backup import BackupError, create_backup
from iqa_district.backup_s3 import S3Location, backup_to_s3, is_s3, list_backups


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์ที่อัปโหลดทั้งหมด พร้อมค่าตรวจสอบ (SHA-256)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--to",
            default=str(settings.BACKUP_DIR),
            help="โฟลเดอร์ หรือ s3://bucket/prefix ที่เก็บชุดสำรอง (ค่าเริ่มต้น DJANGO_BACKUP_DIR)",
        )
        parser.add_argument(
            "--list", action="store_true", help="แสดงชุดสำรองที่สมบูรณ์ที่ปลายทาง S3 แทนการสำรอง"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        to = options["to"]
        try:
            if options["list"]:
                if not is_s3(to):
                    raise CommandError("--list ใช้กับปลายทาง s3:// เท่านั้น")
                for url in list_backups(S3Location.parse(to)):
                    self.stdout.write(url)
                return
            where = backup_to_s3(S3Location.parse(to)) if is_s3(to) else create_backup(Path(to))
        except BackupError as exc:
            raise CommandError(f"สำรองข้อมูลไม่สำเร็จ: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"สำรองข้อมูลแล้ว: {where}"))
