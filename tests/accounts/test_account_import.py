"""Issue 17 item 1: accounts from a CSV/XLSX file (school staff, supervisors,
executives, committee members): row-numbered Thai errors, duplicates, formulas, TIS-620,
all or nothing by default, invitations or one-time codes, and the printable code sheet."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from iqa_district.accounts.models import User
from schools.account_import import check_account_file
from tests.factories import SchoolFactory, UserFactory
from tests.pdf.tools import check_official_pdf, pdftotext_pages, squash

pytestmark = pytest.mark.django_db

HEADER = "รหัสสถานศึกษา,ชื่อ-นามสกุล,ตำแหน่ง,อีเมล,โทรศัพท์,บทบาท\n"
GOOD = (
    HEADER
    + "1034550001,นางสาวสมศรี ใจดี,ครู,somsri@example.ac.th,081-234-5678,ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา\n"
    ",นายวิชัย สอนดี,ศึกษานิเทศก์ชำนาญการพิเศษ,wichai@example.go.th,,ศึกษานิเทศก์\n"
    ",นางกรรณิการ์ ประเมินดี,ผู้อำนวยการโรงเรียนบ้านโนนสูง,,,กรรมการประเมิน\n"
)


def _upload(client, content, name="accounts.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    response = client.post(
        reverse("schools:accounts_import"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def test_a_file_of_people_becomes_accounts(
    as_user, office_admin, school, django_capture_on_commit_callbacks
):
    client = as_user(office_admin)
    preview_url = _upload(client, GOOD)
    preview = client.get(preview_url).content.decode()
    assert 'id="count-new">3<' in preview
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schools:accounts_import_confirm", args=[token]), {"action": "import"}
        )
    assert response.url == reverse("schools:accounts_created")
    staff = User.objects.get(email="somsri@example.ac.th")
    assert (staff.role, staff.school, staff.username) == ("school_staff", school, "1034550001")
    assert (staff.first_name, staff.last_name, staff.phone) == ("นางสาวสมศรี", "ใจดี", "081-234-5678")
    supervisor = User.objects.get(email="wichai@example.go.th")
    assert (supervisor.role, supervisor.school, supervisor.username) == (
        "supervisor",
        None,
        "wichai",
    )
    assert supervisor.area_office == office_admin.area_office
    assert sorted(m.to[0] for m in mail.outbox) == ["somsri@example.ac.th", "wichai@example.go.th"]
    committee = User.objects.get(first_name="นางกรรณิการ์")
    assert committee.role == "committee" and committee.must_change_password
    page = client.get(response.url).content.decode()
    code = re.search(r'font-monospace">([A-Z2-9]{10})<', page).group(1)
    assert committee.check_password(code)
    # The printable sheet: one page per person, the code, the user name, the address.
    pdf = client.get(reverse("schools:accounts_sheets"))
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = squash("".join(pdftotext_pages(body)))
    assert code in text and squash("http://testserver/accounts/login/") in text
    check_official_pdf(body, "login-sheet-import", allowed_digits=re.findall(r"[0-9]+", code))


def test_errors_name_their_rows_and_nothing_is_written(as_user, office_admin, school):
    content = (
        HEADER
        + "1034550001,นางสาวสมศรี ใจดี,ครู,dup@example.ac.th,,ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา\n"
        + "9999999999,นายไม่มี โรงเรียน,ครู,,,ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา\n"
        + ",นายซ้ำ อีเมล,ศึกษานิเทศก์,DUP@example.ac.th,,ศึกษานิเทศก์\n"
        + ',=HYPERLINK("http://evil"),ครู,,,กรรมการประเมิน\n'
        + ",นายบทบาท แปลก,ครู,not-an-email,,นักเรียน\n"
        + "1034550001,นายผิด บทบาท,ครู,,,ศึกษานิเทศก์\n"
        + ",นายถูก ต้อง,ศึกษานิเทศก์,ok@example.go.th,,ศึกษานิเทศก์\n"
    )
    client = as_user(office_admin)
    preview_url = _upload(client, content)
    check = check_account_file(office_admin.area_office, content.encode())
    errors = {row.number: row.reason for row in check.rows if row.status == "error"}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert "อีเมลซ้ำกับแถวที่ 4" in errors[2] and "อีเมลซ้ำกับแถวที่ 2" in errors[4]
    assert "ไม่พบรหัสสถานศึกษา “9999999999”" in errors[3]
    assert "เครื่องหมายสูตร" in errors[5]
    assert "ไม่รู้จักบทบาท “นักเรียน”" in errors[6] and "อีเมล “not-an-email” ไม่ถูกต้อง" in errors[6]
    assert "ระบุรหัสสถานศึกษาได้เฉพาะผู้ใช้ของสถานศึกษา" in errors[7]
    page = client.get(preview_url).content.decode()
    assert 'id="count-error">6<' in page and "ผิดพลาด" in page
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    confirm = reverse("schools:accounts_import_confirm", args=[token])
    before = User.objects.count()
    response = client.post(confirm, {"action": "import"}, follow=True)
    assert "ยังไม่สร้างบัญชีใด ๆ" in response.content.decode()
    assert User.objects.count() == before  # all or nothing
    client.post(confirm, {"action": "import", "skip_errors": "1"})
    assert User.objects.count() == before + 1
    assert User.objects.filter(email="ok@example.go.th").exists()


def test_existing_accounts_are_skipped_and_exported_formulas_come_back_as_text(
    as_user, office_admin, school
):
    UserFactory(email="somsri@example.ac.th", area_office=office_admin.area_office)
    content = (
        HEADER
        + "1034550001,นางสาวสมศรี ใจดี,ครู,Somsri@Example.ac.th,,ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา\n"
        + ",'=นายเครื่องหมาย เท่ากับ,ครู,,'+66 81 234 5678,ศึกษานิเทศก์\n"
    )
    check = check_account_file(office_admin.area_office, content.encode())
    assert [r.status for r in check.rows] == ["exists", "new"]
    account = check.accounts()[0]
    assert account.first_name == "=นายเครื่องหมาย" and account.phone == "+66 81 234 5678"


def test_tis620_csv_and_xlsx_read_alike(office_admin, school):
    office = office_admin.area_office
    tis = check_account_file(office, GOOD.encode("cp874"))
    assert tis.description.startswith("CSV TIS-620")
    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD.splitlines():
        sheet.append([int(c) if c.isdigit() else (c or None) for c in line.split(",")])
    out = io.BytesIO()
    workbook.save(out)
    xlsx = check_account_file(office, out.getvalue())
    assert xlsx.description == "Excel (.xlsx)"
    for check in (tis, xlsx):
        assert [r.status for r in check.rows] == ["new", "new", "new"]
        assert [a.role for a in check.accounts()] == ["school_staff", "supervisor", "committee"]
        assert check.accounts()[0].school == school


def test_missing_columns_say_so(as_user, office_admin):
    client = as_user(office_admin)
    page = client.get(_upload(client, "foo,bar\n1,2\n")).content.decode()
    assert "ไม่พบคอลัมน์ที่จำเป็น" in page


@pytest.mark.parametrize("persona", ["supervisor", "school_staff", "executive"])
def test_only_a_district_admin_imports(as_user, request, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(reverse("schools:accounts_import")).status_code == 403
    upload = SimpleUploadedFile("a.csv", GOOD.encode())
    assert client.post(reverse("schools:accounts_import"), {"file": upload}).status_code == 403


def test_anonymous_and_another_sessions_upload(client, as_user, office_admin, other_supervisor):
    assert client.get(reverse("schools:accounts_import")).url.startswith(reverse("accounts:login"))
    admin_client = as_user(office_admin)
    preview_url = _upload(admin_client, GOOD)
    other_admin = UserFactory(role="district_admin", area_office=other_supervisor.area_office)
    admin_client.force_login(other_admin)
    assert admin_client.get(preview_url).status_code == 404


def test_another_offices_school_is_not_found(office_admin, other_office_school):
    content = HEADER + "1033530323,นายต่าง เขต,ครู,,,ผู้รับผิดชอบงานประกันฯ ของสถานศึกษา\n"
    check = check_account_file(office_admin.area_office, content.encode())
    assert "ไม่พบรหัสสถานศึกษา" in check.rows[0].reason


def test_the_sheet_expires_and_is_not_there_without_codes(as_user, office_admin):
    client = as_user(office_admin)
    assert client.get(reverse("schools:accounts_sheets")).status_code == 404
    SchoolFactory  # noqa: B018 - the registry path is covered by test_invitations
