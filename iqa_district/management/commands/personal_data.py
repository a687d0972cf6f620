"""`manage.py personal_data export|erase USERNAME`: a person's PDPA rights from the shell.

``export`` writes ``<username>.json`` (every field of every row) and ``<username>.pdf`` (the
same, to read); ``erase`` pseudonymises a person who left, keeping the records they signed.
The acting administrator is named with ``--actor`` (a superuser, or a district admin of
the person's office) so the same permission rule applies as in the admin.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from iqa_district.accounts.models import User
from iqa_district.accounts.privacy import (
    person_pseudonymise,
    personal_data_export,
    personal_data_pdf,
)


class Command(BaseCommand):
    help = "ส่งออกหรือลบข้อมูลส่วนบุคคลของผู้ใช้หนึ่งคน (PDPA)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("username")
        parser.add_argument("--actor", required=True, help="ชื่อผู้ใช้ของผู้ดำเนินการ")
        parser.add_argument("--out", default=".", help="โฟลเดอร์ที่เก็บไฟล์ส่งออก")
        parser.add_argument("--noinput", action="store_true", help="ไม่ต้องถามยืนยันการลบ")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = User.objects.get(username=options["username"])
            actor = User.objects.get(username=options["actor"])
        except User.DoesNotExist as exc:
            raise CommandError("ไม่พบผู้ใช้ที่ระบุ") from exc
        try:
            if options["action"] == "export":
                self._export(person, actor, Path(options["out"]))
            else:
                self._erase(person, actor, noinput=options["noinput"])
        except PermissionDenied as exc:
            raise CommandError(f"ไม่มีสิทธิ์ดำเนินการกับข้อมูลของผู้ใช้นี้ {exc}".strip()) from exc

    def _export(self, person: User, actor: User, out: Path) -> None:
        data = personal_data_export(person=person, actor=actor)
        out.mkdir(parents=True, exist_ok=True)
        stem = out / person.username
        stem.with_suffix(".json").write_text(
            json.dumps(data.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        stem.with_suffix(".pdf").write_bytes(personal_data_pdf(data))
        rows = sum(len(r.rows) for r in data.relations)
        self.stdout.write(f"ส่งออกแล้ว: {stem}.json และ {stem}.pdf ({rows} ระเบียน)")

    def _erase(self, person: User, actor: User, *, noinput: bool) -> None:
        if not noinput:
            answer = input(f"ลบข้อมูลส่วนบุคคลของ {person.display_name} พิมพ์ yes เพื่อยืนยัน: ")
            if answer.strip().lower() != "yes":
                raise CommandError("ยกเลิกการลบข้อมูล")
        erased = person_pseudonymise(person=person, actor=actor)
        self.stdout.write(f"ลบข้อมูลส่วนบุคคลแล้ว: บัญชีหมายเลข {erased.pk} ไม่ระบุตัวบุคคลอีกต่อไป")
