"""`manage.py backup --to DIR`: the database and every uploaded file, checksummed."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from iqa_district.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์ที่อัปโหลดทั้งหมด พร้อมค่าตรวจสอบ (SHA-256)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--to",
            default=settings.BACKUP_DIR,
            help="โฟลเดอร์ที่เก็บชุดสำรอง (ค่าเริ่มต้น DJANGO_BACKUP_DIR)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = create_backup(Path(options["to"]))
        except BackupError as exc:
            raise CommandError(f"สำรองข้อมูลไม่สำเร็จ: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"สำรองข้อมูลแล้ว: {folder}"))
