"""Accounts from a file (CSV or XLSX): school QA staff, supervisors, executives and
committee members of one office, checked row by row before anything is written.

The file is read by the school import's reader (``schools.tables.read_table``: the type
told by content, UTF-8 / TIS-620 / XLSX, Thai digits), so both imports accept the same
files. Columns: school code (empty for district people), name, position, e-mail, phone,
role. Every error names its spreadsheet row in Thai; cells that a spreadsheet would run
as a formula are refused, not stored (an exported ``'=…`` cell is taken back as text).
The accounts are created by ``iqa_district.accounts.services.accounts_import_create``.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.accounts.services import AccountRow
from iqa_district.spreadsheets import FORMULA_PREFIXES, unneutralise

from .models import AreaOffice, School
from .tables import MAX_ROWS, ImportFileError, arabic_digits, map_headers, read_table

# Canonical column -> (English header, Thai header)
COLUMNS = {
    "school_code": ("school_code", "รหัสสถานศึกษา"),
    "name": ("name", "ชื่อ-นามสกุล"),
    "position": ("position", "ตำแหน่ง"),
    "email": ("email", "อีเมล"),
    "phone": ("phone", "โทรศัพท์"),
    "role": ("role", "บทบาท"),
}
HEADER_ALIASES = {
    "รหัสโรงเรียน": "school_code",
    "code": "school_code",
    "school code": "school_code",
    "ชื่อ": "name",
    "ชื่อ - นามสกุล": "name",
    "ชื่อ นามสกุล": "name",
    "ชื่อ-สกุล": "name",
    "e-mail": "email",
    "อีเมล์": "email",
    "เบอร์โทรศัพท์": "phone",
    "หน้าที่": "role",
}
for _key, (_en, _th) in COLUMNS.items():
    HEADER_ALIASES[_en] = _key
    HEADER_ALIASES[_th] = _key
REQUIRED_COLUMNS = ["name", "role"]

ROLE_ALIASES = {
    "school_staff": User.Role.SCHOOL_STAFF,
    "โรงเรียน": User.Role.SCHOOL_STAFF,
    "สถานศึกษา": User.Role.SCHOOL_STAFF,
    "ครู": User.Role.SCHOOL_STAFF,
    "ผู้รับผิดชอบงานประกัน": User.Role.SCHOOL_STAFF,
    "supervisor": User.Role.SUPERVISOR,
    "ศน.": User.Role.SUPERVISOR,
    "executive": User.Role.EXECUTIVE,
    "ผู้บริหาร": User.Role.EXECUTIVE,
    "committee": User.Role.COMMITTEE,
    "กรรมการ": User.Role.COMMITTEE,
}
for _role in (
    User.Role.SCHOOL_STAFF,
    User.Role.SUPERVISOR,
    User.Role.EXECUTIVE,
    User.Role.COMMITTEE,
):
    ROLE_ALIASES[str(_role.label)] = _role
TEXT_LIMITS = {"name": 300, "position": 200, "phone": 50}
PHONE = re.compile(r"\+?[0-9][0-9 ()\-,/]*(?:ต่อ\s*[0-9]+)?")


@dataclass
class AccountRowCheck:
    number: int
    name: str
    school_code: str = ""
    email: str = ""
    role_label: str = ""
    status: str = "new"  # new | exists | error
    errors: list[str] = field(default_factory=list)
    account: AccountRow | None = None

    @property
    def status_label(self) -> str:
        return {"new": _("ใหม่"), "exists": _("มีบัญชีแล้ว"), "error": _("ผิดพลาด")}[self.status]

    @property
    def reason(self) -> str:
        if self.errors:
            return "; ".join(self.errors)
        if self.status == "exists":
            return _("มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว จะข้ามแถวนี้")
        if self.account is not None and self.account.email:
            return _("สร้างบัญชีและส่งคำเชิญทางอีเมล")
        return _("สร้างบัญชีพร้อมรหัสครั้งเดียวสำหรับพิมพ์แจก")


@dataclass
class AccountImportCheck:
    description: str
    rows: list[AccountRowCheck]
    ignored_headers: list[str]

    @property
    def counts(self) -> dict[str, int]:
        result = {"new": 0, "exists": 0, "error": 0}
        for row in self.rows:
            result[row.status] += 1
        return result

    @property
    def has_errors(self) -> bool:
        return any(r.status == "error" for r in self.rows)

    def accounts(self) -> list[AccountRow]:
        return [r.account for r in self.rows if r.status == "new" and r.account is not None]


def _map_headers(headers: list[str]) -> tuple[list[str | None], list[str]]:
    return map_headers(headers, aliases=HEADER_ALIASES, required=REQUIRED_COLUMNS, columns=COLUMNS)


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    return " ".join(parts[:-1])[:150], parts[-1][:150]


LABELS = {
    "school_code": "รหัสสถานศึกษา",
    "name": "ชื่อ-นามสกุล",
    "position": "ตำแหน่ง",
    "email": "อีเมล",
    "phone": "โทรศัพท์",
    "role": "บทบาท",
}


def _check_cells(cells: dict[str, str], formulas: set[str], row: AccountRowCheck) -> None:
    for column, text in cells.items():
        if column in formulas and not (column == "phone" and PHONE.fullmatch(text)):
            row.errors.append(
                _("ช่อง%(label)s ขึ้นต้นด้วยเครื่องหมายสูตร (= + - @) ซึ่งไม่รับ กรุณาพิมพ์เป็นข้อความ")
                % {"label": LABELS[column]}
            )
            cells[column] = ""
        limit = TEXT_LIMITS.get(column)
        if limit and len(text) > limit:
            row.errors.append(
                _("ช่อง%(label)s ยาวเกิน %(limit)s ตัวอักษร")
                % {"label": LABELS[column], "limit": limit}
            )


def check_account_rows(
    office: AreaOffice, headers: list[str], rows: object, description: str = ""
) -> AccountImportCheck:
    """Every row of an account list against ``office``'s registry and users."""
    mapping, ignored = _map_headers(headers)
    parsed: list[tuple[int, dict[str, str]]] = []
    formulas: dict[int, set[str]] = {}  # row -> columns whose cell a spreadsheet would run
    for number, texts in rows:  # type: ignore[attr-defined]
        if number - 1 > MAX_ROWS:
            raise ImportFileError(
                _("ไฟล์มีข้อมูลเกิน %(max)s แถว กรุณาแบ่งไฟล์") % {"max": f"{MAX_ROWS:,}"}
            )
        cells = dict.fromkeys(COLUMNS, "")
        for position, column in enumerate(mapping):
            if column is not None and position < len(texts):
                raw = texts[position].strip()
                if raw.startswith(FORMULA_PREFIXES):
                    formulas.setdefault(number, set()).add(column)
                cells[column] = unneutralise(" ".join(raw.split()))
        if any(cells.values()):
            parsed.append((number, cells))

    emails: dict[str, list[int]] = {}
    for number, cells in parsed:
        cells["email"] = cells["email"].lower()
        cells["school_code"] = arabic_digits(cells["school_code"]).replace(" ", "").replace("-", "")
        if cells["email"]:
            emails.setdefault(cells["email"], []).append(number)
    schools = {
        s.code: s
        for s in School.objects.filter(
            area_office=office, code__in=[c["school_code"] for _n, c in parsed if c["school_code"]]
        )
    }
    known_emails = set(
        User.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=list(emails))
        .values_list("lower_email", flat=True)
    )

    checked = []
    for number, cells in parsed:
        row = AccountRowCheck(
            number=number,
            name=cells["name"],
            school_code=cells["school_code"],
            email=cells["email"],
            role_label=cells["role"],
        )
        _check_cells(cells, formulas.get(number, set()), row)
        if not cells["name"]:
            row.errors.append(_("ต้องระบุชื่อ-นามสกุล"))
        role = ROLE_ALIASES.get(cells["role"]) or ROLE_ALIASES.get(cells["role"].lower())
        if role is None:
            row.errors.append(
                _(
                    "ไม่รู้จักบทบาท “%(role)s” (ใช้ได้: ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา, "
                    "ศึกษานิเทศก์, ผู้บริหารเขตพื้นที่, กรรมการประเมิน)"
                )
                % {"role": cells["role"] or _("ว่าง")}
            )
        school = schools.get(cells["school_code"])
        if role == User.Role.SCHOOL_STAFF:
            if not cells["school_code"]:
                row.errors.append(_("ผู้ใช้ของสถานศึกษาต้องระบุรหัสสถานศึกษา"))
            elif school is None:
                row.errors.append(
                    _("ไม่พบรหัสสถานศึกษา “%(code)s” ในทะเบียนของเขต") % {"code": cells["school_code"]}
                )
        elif role is not None and cells["school_code"]:
            row.errors.append(_("ระบุรหัสสถานศึกษาได้เฉพาะผู้ใช้ของสถานศึกษา"))
        if cells["email"]:
            try:
                validate_email(cells["email"])
            except ValidationError:
                row.errors.append(_("อีเมล “%(email)s” ไม่ถูกต้อง") % {"email": cells["email"]})
            others = [n for n in emails.get(cells["email"], []) if n != number]
            if others:
                row.errors.append(
                    _("อีเมลซ้ำกับแถวที่ %(rows)s ในไฟล์") % {"rows": ", ".join(map(str, others))}
                )
        phone = arabic_digits(cells["phone"])
        if phone and not PHONE.fullmatch(phone):
            row.errors.append(_("หมายเลขโทรศัพท์ “%(phone)s” ไม่ถูกต้อง") % {"phone": cells["phone"]})
        if row.errors:
            row.status = "error"
        elif cells["email"] in known_emails:
            row.status = "exists"
        else:
            first, last = _split_name(cells["name"])
            row.account = AccountRow(
                first_name=first,
                last_name=last,
                position=cells["position"],
                email=cells["email"],
                phone=phone,
                role=str(role),
                school=school if role == User.Role.SCHOOL_STAFF else None,
            )
        checked.append(row)
    return AccountImportCheck(description=description, rows=checked, ignored_headers=ignored)


def check_account_file(office: AreaOffice, data: bytes, filename: str = "") -> AccountImportCheck:
    headers, rows, description = read_table(data, filename)
    return check_account_rows(office, headers, rows, description)
