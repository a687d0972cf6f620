"""Generated school lists for import tests and the benchmark."""

import csv
import io

from schools.tables import COLUMNS

PREFIXES = ["หนอง", "โนน", "ดอน", "นา", "ห้วย", "โคก", "ท่า", "บุ่ง", "กุด", "ป่า"]
SUFFIXES = ["ไผ่", "สูง", "แดง", "ใหญ่", "ยาง", "คูณ", "เรือ", "ขาม", "บัว", "ตาล", "ผือ", "งิ้ว"]
LEVELS = ["ปฐมวัย, ประถมศึกษา", "ประถมศึกษา", "ปฐมวัย, ประถมศึกษา, มัธยมศึกษาตอนต้น"]


def school_rows(count, *, start=1, province_code="34"):
    """``count`` rows of a realistic OBEC list with Thai names (canonical keys)."""
    rows = []
    for n in range(start, start + count):
        village = PREFIXES[n % len(PREFIXES)] + SUFFIXES[(n // len(PREFIXES)) % len(SUFFIXES)]
        rows.append(
            {
                "code": f"10{province_code}{n:06d}",
                "name": f"โรงเรียนบ้าน{village} ({n})",
                "subdistrict": PREFIXES[(n + 3) % len(PREFIXES)] + "เมือง",
                "district": ["พิบูลมังสาหาร", "สิรินธร", "โขงเจียม"][n % 3],
                "province": "อุบลราชธานี",
                "levels": LEVELS[n % len(LEVELS)],
                "students": str(40 + (n * 37) % 900),
                "cluster": f"กลุ่มเครือข่ายที่ {n % 7 + 1}",
            }
        )
    return rows


def bad_thousand():
    """1,000 rows with three bad ones: a short code, a duplicate code, an unknown level."""
    rows = school_rows(1000)
    rows[10]["code"] = "12345"  # row 12 in the file
    rows[500]["code"] = rows[499]["code"]  # rows 501 and 502 share a code
    rows[900]["levels"] = "ปฐมวัย, อุดมศึกษา"  # row 902
    return rows


def to_csv(rows, *, thai_headers=False, encoding="utf-8", columns=None):
    columns = columns or [
        "code",
        "name",
        "subdistrict",
        "district",
        "province",
        "levels",
        "students",
        "cluster",
    ]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([COLUMNS[c][1] if thai_headers else COLUMNS[c][0] for c in columns])
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode(encoding)


def to_xlsx(rows, *, thai_headers=True):
    from openpyxl import Workbook

    columns = [
        "code",
        "name",
        "subdistrict",
        "district",
        "province",
        "levels",
        "students",
        "cluster",
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([COLUMNS[c][1] if thai_headers else COLUMNS[c][0] for c in columns])
    for row in rows:
        values = [row.get(c, "") for c in columns]
        values[0] = int(values[0]) if values[0].isdigit() else values[0]  # Excel stores numbers
        values[6] = int(values[6]) if values[6].isdigit() else values[6]
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
