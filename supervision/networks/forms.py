"""Forms of process 5: opening the needs survey and a school's answer (form ๑)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sar.forms import BEDateField
from schools.models import AcademicYear

from .models import NeedArea, NeedsResponse, Support

PRIORITY_CHOICES = [
    ("", _("ไม่ต้องการ")),
    ("1", _("๑ น้อยที่สุด")),
    ("2", _("๒ น้อย")),
    ("3", _("๓ ปานกลาง")),
    ("4", _("๔ มาก")),
    ("5", _("๕ มากที่สุด")),
]


class SurveyOpenForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=_("ปีการศึกษา"), queryset=AcademicYear.objects.order_by("-year"), empty_label=None
    )
    closes_on = BEDateField(label=_("ปิดรับคำตอบวันที่"), required=False)


class NeedsAnswerForm(forms.Form):
    """One priority field per need area (``need_<area>``), the support wanted, comments."""

    supports = forms.MultipleChoiceField(
        label=_("รูปแบบการสนับสนุนที่ต้องการ"),
        choices=Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comments = forms.CharField(
        label=_("ข้อเสนอแนะเพิ่มเติม"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, response: NeedsResponse | None = None, **kwargs: Any):
        if response is not None and "initial" not in kwargs:
            initial: dict[str, Any] = {
                f"need_{item.area}": str(item.priority) for item in response.needs.all()
            }
            initial["supports"] = response.supports
            initial["comments"] = response.comments
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for area, label in NeedArea.choices:
            self.fields[f"need_{area}"] = forms.ChoiceField(
                label=label,
                choices=PRIORITY_CHOICES,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def need_fields(self) -> list[forms.BoundField]:
        return [self[f"need_{area}"] for area in NeedArea.values]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        priorities = {
            area: int(cleaned[f"need_{area}"])
            for area in NeedArea.values
            if cleaned.get(f"need_{area}")
        }
        if not priorities:
            raise forms.ValidationError(_("กรุณาระบุความต้องการอย่างน้อย ๑ ด้าน"))
        cleaned["priorities"] = priorities
        return cleaned
