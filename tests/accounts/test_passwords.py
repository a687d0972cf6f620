"""Item 8: passwords of 12 or more characters, no context words, not a common one, in Thai."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iqa_district.accounts.models import User

pytestmark = pytest.mark.django_db

GOOD = "ช้างป่าเดินผ่านทุ่งนา-ยามเช้า"


def refusal(password, user=None):
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user)
    return " ".join(excinfo.value.messages)


@pytest.fixture
def staff(office, school):
    return User.objects.create(
        username="wilai.k",
        first_name="วิไลวรรณ",
        last_name="Kaewkanya",
        role=User.Role.SCHOOL_STAFF,
        area_office=office,
        school=school,
    )


def test_a_good_password_passes(staff):
    validate_password(GOOD, staff)


def test_minimum_length_is_12(staff):
    assert "อย่างน้อย 12 ตัวอักษร" in refusal("k7#Vq!2mZp9", staff)  # 11 characters
    validate_password("k7#Vq!2mZp9x", staff)  # 12


@pytest.mark.parametrize(
    "password",
    [
        "Wilai.K-secure-word",  # user name, any case
        "รักวิไลวรรณตลอดไป!",  # first name
        "my-KAEWKANYA-house",  # last name
        "บ้านหนองไผ่ของเรา#1",  # school name without "โรงเรียน"
        "อุบลราชธานีบ้านเรา",  # office name's part
        "ubn5-Quality-Pass",  # office code
        "Obec-quality-pass",
        "mySAR-writing-day",
    ],
)
def test_context_words_are_refused(staff, password):
    assert "รหัสผ่านต้องไม่มีคำที่เดาได้ง่าย" in refusal(password, staff)


def test_this_year_in_either_calendar_is_refused(staff):
    year = timezone.localdate().year
    for password in (f"ปีใหม่สดใส-{year}", f"ปีใหม่สดใส-{year + 543}"):
        assert "ปีปัจจุบัน" in refusal(password, staff)


def test_system_words_are_refused_without_a_user():
    assert "รหัสผ่านต้องไม่มีคำที่เดาได้ง่าย" in refusal("Obec-quality-pass")


@pytest.mark.parametrize("password", ["q1w2e3r4t5y6", "qwerty123456", "telechargement"])
def test_common_and_breached_passwords_are_refused(password):
    assert "ใช้กันทั่วไปหรือเคยรั่วไหล" in refusal(password)


def test_similar_to_the_email_is_refused_in_thai(staff):
    staff.email = "pornthip.rungruang@example.go.th"
    assert "คล้ายกับ" in refusal("pornthip.rungruang", staff)


def test_all_digits_is_refused_in_thai():
    assert "ตัวเลขทั้งหมด" in refusal("804716295301")


def test_password_change_page_shows_the_rules_in_thai(as_user, supervisor):
    response = as_user(supervisor).post(
        reverse("accounts:password_change"),
        {"old_password": "demo12345", "new_password1": "sar12", "new_password2": "sar12"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "อย่างน้อย 12 ตัวอักษร" in body and "คำที่เดาได้ง่าย" in body
    supervisor.refresh_from_db()
    assert supervisor.check_password("demo12345")
