"""Importing ONESQA's results per standard (form ๗.๒): a good file in UTF-8 with a BOM, in
TIS-620 and as XLSX; bad rows with their row numbers and Thai reasons; all or nothing by
default; formulas never run; the pages' roles."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from external_eval import services
from external_eval.imports import check_file
from external_eval.models import OnesqaStandardResult
from sar.followup.models import Recommendation
from schools.models import School
from tests.sar.factories import make_test_standards

from .factories import make_evaluation, make_round

pytestmark = pytest.mark.django_db
HEADER = "รหัสสถานศึกษา สมศ.,รหัสสถานศึกษา,ระดับการศึกษา,มาตรฐานที่,ระดับคุณภาพ,จุดเด่น,ข้อเสนอแนะ"


@pytest.fixture
def onesqa_round(db):
    return make_round(*make_test_standards().values())


@pytest.fixture
def evaluations(school, school2, onesqa_round, academic_year):
    School.objects.filter(pk=school.pk).update(onesqa_code="S34001")
    return [make_evaluation(s, onesqa_round, academic_year) for s in (school, school2)]


GOOD = "\n".join(
    [
        HEADER,
        "S34001,,ปฐมวัย,1,ดีเลิศ,เด็กมีพัฒนาการสมวัย,ควรจัดกิจกรรมเล่นตามมุม",
        "S34001,,ปฐมวัย,1,,,ควรส่งเสริมการอ่านนิทานร่วมกับผู้ปกครอง",
        "S34001,,ขั้นพื้นฐาน,๒,ดี,,",
        ",1034550002,ขั้นพื้นฐาน,1,5,ผู้เรียนอ่านคล่อง,",
    ]
)


def apply(onesqa_round, office, data, actor, **kwargs):
    return services.results_import_apply(
        onesqa_round=onesqa_round,
        office=office,
        data=data,
        filename="onesqa.csv",
        source="final",
        actor=actor,
        **kwargs,
    )


def levels():
    return sorted(
        (r.evaluation.school.code, r.standard.standard_set.level, r.standard.number, r.level.value)
        for r in OnesqaStandardResult.objects.select_related(
            "evaluation__school", "standard__standard_set", "level"
        )
    )


EXPECTED = [
    ("1034550001", "basic", 2, 3),
    ("1034550001", "ece", 1, 4),
    ("1034550002", "basic", 1, 5),
]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("cp874"),  # TIS-620, as Thai Excel on Windows saves it
    ],
    ids=["utf8-bom", "tis620"],
)
def test_a_good_file_imports_results_and_recommendations(
    onesqa_round, office, evaluations, supervisor, encode
):
    data = encode(GOOD)
    check = check_file(onesqa_round, office, data)
    assert check.counts == {"new": 3, "updated": 0, "unchanged": 0, "more": 1, "error": 0}
    apply(onesqa_round, office, data, supervisor)
    assert levels() == EXPECTED
    result = OnesqaStandardResult.objects.get(level__value=4)
    assert (result.strengths, result.source, result.updated_by) == (
        "เด็กมีพัฒนาการสมวัย",
        "final",
        supervisor,
    )
    given = Recommendation.objects.filter(source="onesqa").order_by("pk")
    assert [r.text for r in given] == ["ควรจัดกิจกรรมเล่นตามมุม", "ควรส่งเสริมการอ่านนิทานร่วมกับผู้ปกครอง"]
    assert {r.standard for r in given} == {result.standard}
    assert evaluations[0].events.filter(action="import").count() == 1
    # A second import changes nothing and adds no recommendation twice.
    again = apply(onesqa_round, office, data, supervisor)
    assert again.counts["unchanged"] == 3 and given.count() == 2


def test_an_xlsx_file_imports_the_same(onesqa_round, office, evaluations, supervisor):
    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD.splitlines():
        sheet.append([int(c) if c.isdigit() and len(c) < 3 else c for c in line.split(",")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    apply(onesqa_round, office, buffer.getvalue(), supervisor)
    assert levels() == EXPECTED


def test_bad_rows_are_numbered_and_nothing_is_written(
    onesqa_round, office, evaluations, other_office_school, supervisor
):
    data = "\n".join(
        [
            HEADER,
            "S34001,,ปฐมวัย,1,ดีเลิศ,,",  # row 2: good
            ",12345,ปฐมวัย,1,ดี,,",  # 3: not 10 digits
            f",{other_office_school.code},ปฐมวัย,1,ดี,,",  # 4: another office
            ",1034550002,มัธยม,1,ดี,,",  # 5: no such level
            ",1034550002,ขั้นพื้นฐาน,9,ดี,,",  # 6: no such standard
            ",1034550002,ขั้นพื้นฐาน,1,ดีมาก,,",  # 7: not on the scale
            "S34001,,ปฐมวัย,1,ดี,,",  # 8: disagrees with row 2
            "S34001,,ปฐมวัย,1,,,",  # 9: a repeat without a recommendation
            "S99999,,ปฐมวัย,1,ดี,,",  # 10: unknown ONESQA code
            ",1034550002,ขั้นพื้นฐาน,2,,,",  # 11: no level
        ]
    ).encode()
    check = check_file(onesqa_round, office, data)
    errors = {r.number: r.reason for r in check.rows if r.status == "error"}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "10 หลัก" in errors[3]
    assert "ไม่ได้อยู่ในสังกัด" in errors[4]
    assert "ระดับการศึกษา “มัธยม”" in errors[5]
    assert "ไม่มีมาตรฐานที่ 9" in errors[6]
    assert "“ดีมาก” ไม่อยู่ในมาตรวัด" in errors[7]
    assert "ไม่ตรงกับแถวที่ 2" in errors[8]
    assert "ซ้ำกับแถวที่ 2" in errors[9]
    assert "ไม่พบสถานศึกษารหัส “S99999”" in errors[10]
    assert "กรุณาระบุระดับคุณภาพ" in errors[11]
    with pytest.raises(ValidationError, match="ผิดพลาด 9 แถว"):
        apply(onesqa_round, office, data, supervisor)
    assert not OnesqaStandardResult.objects.exists()
    # Skipping the wrong rows is a choice the user makes.
    apply(onesqa_round, office, data, supervisor, skip_errors=True)
    assert levels() == [("1034550001", "ece", 1, 4)]


def test_a_school_without_an_evaluation_in_the_round(onesqa_round, office, school, supervisor):
    data = f"{HEADER}\n,{school.code},ปฐมวัย,1,ดี,,".encode()
    (row,) = check_file(onesqa_round, office, data).rows
    assert "ยังไม่มีการประเมินใน" in row.reason


def test_formulas_are_never_run_nor_taken_as_levels(onesqa_round, office, evaluations, supervisor):
    data = "\n".join(
        [
            HEADER,
            # An exported (neutralised) cell comes back as the text it was.
            "S34001,,ปฐมวัย,1,ดีเลิศ,'=ผู้เรียนอ่านคล่อง,",
            ',1034550002,ขั้นพื้นฐาน,1,"=HYPERLINK(""http://x"",""5"")",,',
        ]
    ).encode()
    check = check_file(onesqa_round, office, data)
    assert [r.status for r in check.rows] == ["new", "error"]
    assert "ไม่อยู่ในมาตรวัด" in check.rows[1].reason
    apply(onesqa_round, office, data, supervisor, skip_errors=True)
    assert OnesqaStandardResult.objects.get().strengths == "=ผู้เรียนอ่านคล่อง"
    # In an XLSX a formula cell is read for its value; one never calculated is empty.
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["", "1034550002", "ขั้นพื้นฐาน", 2, "=1+4", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (row,) = check_file(onesqa_round, office, buffer.getvalue()).rows
    assert row.status == "error" and row.level is None


def test_a_file_that_cannot_be_read(onesqa_round, office, evaluations):
    from schools.tables import ImportFileError

    with pytest.raises(ImportFileError, match="ไม่พบคอลัมน์ที่จำเป็น"):
        check_file(onesqa_round, office, "รหัสสถานศึกษา,ชื่อ\n1034550001,x".encode())
    with pytest.raises(ImportFileError, match="รหัสสถานศึกษา"):
        check_file(onesqa_round, office, "มาตรฐานที่,ระดับคุณภาพ\n1,ดี".encode())


def test_only_the_offices_quality_managers_import(
    onesqa_round, office, evaluations, executive, other_supervisor
):
    from django.core.exceptions import PermissionDenied

    for user in (executive, other_supervisor):
        with pytest.raises(PermissionDenied):
            apply(onesqa_round, office, GOOD.encode(), user)


# The pages ------------------------------------------------------------------------------


def upload(client, onesqa_round, data, name="onesqa.csv"):
    return client.post(
        reverse("external_eval:import"),
        {"round": onesqa_round.pk, "source": "draft", "file": SimpleUploadedFile(name, data)},
    )


def test_upload_preview_and_confirm(as_user, onesqa_round, evaluations, supervisor):
    client = as_user(supervisor)
    assert "ตรวจสอบไฟล์" in client.get(reverse("external_eval:import")).content.decode()
    response = upload(client, onesqa_round, GOOD.encode())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert (
        preview.status_code == 200 and "ข้อเสนอแนะเพิ่ม" in html and evaluations[1].school.name in html
    )
    token = preview.context["token"]
    confirm = reverse("external_eval:import_confirm", args=[token])
    response = client.post(confirm, {"round": onesqa_round.pk, "source": "draft"})
    assert response.status_code == 302
    assert levels() == EXPECTED
    assert set(OnesqaStandardResult.objects.values_list("source", flat=True)) == {"draft"}
    # The upload is gone once imported.
    assert client.post(confirm, {"round": onesqa_round.pk, "source": "draft"}).status_code == 404


def test_preview_shows_bad_rows_and_confirm_refuses_them(
    as_user, onesqa_round, evaluations, supervisor
):
    client = as_user(supervisor)
    data = f"{HEADER}\n,12345,ปฐมวัย,1,ดี,,".encode()
    preview = client.get(upload(client, onesqa_round, data)["Location"])
    assert "10 หลัก" in preview.content.decode()
    token = preview.context["token"]
    response = client.post(
        reverse("external_eval:import_confirm", args=[token]),
        {"round": onesqa_round.pk, "source": "draft"},
        follow=True,
    )
    assert "จึงยังไม่นำเข้าข้อมูลใด ๆ" in response.content.decode()
    assert not OnesqaStandardResult.objects.exists()


def test_import_pages_refuse_the_rest(
    client,
    as_user,
    onesqa_round,
    evaluations,
    supervisor,
    executive,
    school_staff,
    other_supervisor,
):
    page = reverse("external_eval:import")
    assert client.get(page).status_code == 302
    for user in (executive, school_staff):
        assert as_user(user).get(page).status_code == 403
    # Another session's token (another office's supervisor) is not found.
    preview = as_user(supervisor).get(
        upload(as_user(supervisor), onesqa_round, GOOD.encode())["Location"]
    )
    token = preview.context["token"]
    other = as_user(other_supervisor)
    url = reverse("external_eval:import_preview", args=[token])
    assert other.get(f"{url}?round={onesqa_round.pk}&source=final").status_code == 404
    confirm = reverse("external_eval:import_confirm", args=[token])
    assert other.post(confirm, {"round": onesqa_round.pk, "source": "final"}).status_code == 404
    assert not OnesqaStandardResult.objects.exists()
