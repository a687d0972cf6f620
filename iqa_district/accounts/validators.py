"""Password rules (ASVS level 2), every message in Thai.

Django's validators with Thai messages, a minimum of 12 characters, and a validator that
refuses the words a guesser would try first against this system: the user's own names,
their school and area office, "obec", "sar" and this year in either calendar.
"""

import re
from typing import Any

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# What the system is and who runs it, in English and Thai.
SYSTEM_WORDS = ("obec", "sar", "iqa", "สพฐ", "สพป", "สพม")
# Prefixes of official names; a password holding the rest of the name is as guessable.
NAME_PREFIXES = (
    "โรงเรียน",
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "สำนักงานเขตพื้นที่การศึกษา",
)
# Shorter pieces of a name (a "เขต", a district number) would refuse too much.
MIN_WORD_LENGTH = 3


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def __init__(self, min_length: int = 12) -> None:
        super().__init__(min_length=min_length)

    def get_error_message(self) -> str:
        return ngettext(
            "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(min_length)d ตัวอักษร",
            "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(min_length)d ตัวอักษร",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านคล้ายกับ%(verbose_name)sมากเกินไป")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่คล้ายกับข้อมูลส่วนตัวของท่าน")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    """Django's list of 20,000 passwords most often found in breaches."""

    def get_error_message(self) -> str:
        return _("รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปหรือเคยรั่วไหล กรุณาตั้งรหัสผ่านอื่น")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นรหัสผ่านที่ใช้กันทั่วไป")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")


def _name_words(name: str) -> set[str]:
    """A name, the name without its official prefix, and its space-separated parts."""
    name = name.strip().casefold()
    forms = {name}
    for prefix in NAME_PREFIXES:
        if name.startswith(prefix):
            forms.add(name.removeprefix(prefix).strip())
    return forms | {part for form in forms for part in form.split()}


def context_words(user: Any | None) -> set[str]:
    year = timezone.localdate().year
    words: set[str] = {*SYSTEM_WORDS, str(year), str(year + 543)}
    if user is not None:
        for attribute in ("username", "first_name", "last_name"):
            words |= _name_words(str(getattr(user, attribute, "") or ""))
        # The user's school and office; a user being created may not have them yet.
        for relation in ("school", "area_office"):
            if getattr(user, f"{relation}_id", None):
                related = getattr(user, relation)
                words |= _name_words(related.name)
                words |= _name_words(related.code)
    return {word for word in words if len(word) >= MIN_WORD_LENGTH}


class ContextWordsValidator:
    """Refuse a password containing a word of the user's context (case ignored)."""

    def validate(self, password: str, user: Any | None = None) -> None:
        folded = re.sub(r"\s+", "", password.casefold())
        found = sorted(word for word in context_words(user) if re.sub(r"\s+", "", word) in folded)
        if found:
            raise ValidationError(
                _(
                    "รหัสผ่านต้องไม่มีคำที่เดาได้ง่าย เช่น ชื่อผู้ใช้ ชื่อ-นามสกุล ชื่อสถานศึกษาหรือเขตพื้นที่ ปีปัจจุบัน หรือชื่อระบบ (พบ: %(words)s)"
                ),
                code="password_context_word",
                params={"words": ", ".join(found)},
            )

    def get_help_text(self) -> str:
        return _(
            "รหัสผ่านต้องไม่มีชื่อผู้ใช้ ชื่อ-นามสกุล ชื่อสถานศึกษาหรือเขตพื้นที่ "
            "ปีปัจจุบัน (พ.ศ. หรือ ค.ศ.) หรือคำว่า obec, sar"
        )
