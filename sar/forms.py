"""Forms of the SAR pages. They validate only; ``sar.services`` writes."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from schools.models import AcademicYear, Cluster
from standards.models import QualityLevel

from .models import HelpNeed, SelfAssessmentReport
from .validators import validate_sar_docx, validate_sar_pdf

LEVEL_CHOICES = [("", _("— เลือกระดับ —")), *QualityLevel.choices]

_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class BEDateInput(forms.TextInput):
    """Shows a date as ``16/12/2565`` (Buddhist Era), the way Thai staff type it."""

    input_type = "text"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.day:02d}/{value.month:02d}/{thai.be_year(value.year)}"
        return super().format_value(value)


class BEDateField(forms.DateField):
    """Accepts ``16/12/2565`` (BE, Thai or Arabic digits) or ``2022-12-16`` (ISO, CE, what
    a browser's date picker sends). A four-digit year above 2400 is read as BE."""

    widget = BEDateInput

    default_error_messages = {
        "invalid": _("วันที่ไม่ถูกต้อง โปรดกรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 16/12/2565"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        text = thai.arabic_digits(str(value))
        if match := _DATE_RE.match(text):
            day, month, year = (int(g) for g in match.groups())
        elif match := _ISO_RE.match(text):
            year, month, day = (int(g) for g in match.groups())
        else:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if year > 2400:
            year = thai.ce_year(year)
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class SARMainForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    board_approved_on = BEDateField(
        label=_("วันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบ"),
        required=False,
        help_text=_("วัน/เดือน/ปี พ.ศ. เช่น 16/12/2565 หรือเลือกจากปฏิทิน"),
    )
    innovations = forms.CharField(
        label=_("นวัตกรรม/แบบอย่างที่ดี (Best Practice)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pdf = forms.FileField(
        label=_("ไฟล์ SAR (PDF) ที่ลงนามแล้ว"),
        required=False,
        validators=[validate_sar_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    docx = forms.FileField(
        label=_("ไฟล์ต้นฉบับ (DOCX) ถ้ามี"),
        required=False,
        validators=[validate_sar_docx],
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "lock_version",
            Field("pdf"),
            Field("docx"),
            Field("board_approved_on", placeholder="16/12/2565", autocomplete="off"),
            Field("innovations"),
        )

    def clean_board_approved_on(self):
        value = self.cleaned_data["board_approved_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("วันที่ให้ความเห็นชอบต้องไม่เป็นวันในอนาคต"))
        if value and value.year < 2000:
            raise forms.ValidationError(self.fields["board_approved_on"].error_messages["invalid"])
        return value


class ItemResultForm(forms.Form):
    result_percent = forms.DecimalField(
        label=_("ผลการดำเนินงาน (ร้อยละ)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "class": "form-control form-control-sm"}),
    )
    level = forms.TypedChoiceField(
        label=_("ระดับคุณภาพ"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


def _validate_links(value):
    validate = URLValidator(schemes=["http", "https"])
    bad = []
    for line in value.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            validate(line)
        except forms.ValidationError:
            bad.append(line)
    if bad:
        raise forms.ValidationError(
            _("ลิงก์ต่อไปนี้ไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https://): %(links)s"),
            params={"links": ", ".join(bad[:5])},
        )


class StandardResultForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("ระดับคุณภาพของมาตรฐาน"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    strengths = forms.CharField(
        label=_("จุดเด่น"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    improvements = forms.CharField(
        label=_("จุดที่ควรพัฒนา"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    development_plan = forms.CharField(
        label=_("แผนพัฒนาเพื่อให้ได้มาตรฐานที่สูงขึ้น"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_links = forms.CharField(
        label=_("หลักฐาน/ลิงก์ข้อมูลสนับสนุน"),
        required=False,
        help_text=_("หนึ่งลิงก์ต่อบรรทัด"),
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[_validate_links],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class HelpNeedForm(forms.Form):
    category = forms.ChoiceField(
        label=_("ด้าน"),
        choices=[("", _("— เลือกด้าน —")), *HelpNeed.Category.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    description = forms.CharField(
        label=_("รายละเอียดความต้องการ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description", "").strip() and not cleaned.get("category"):
            self.add_error("category", _("โปรดเลือกด้านของความต้องการ"))
        return cleaned


HelpNeedFormSet = forms.formset_factory(HelpNeedForm, extra=2, can_delete=True, max_num=30)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("สิ่งที่สถานศึกษาต้องแก้ไข"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("โปรดระบุสิ่งที่สถานศึกษาต้องแก้ไขก่อนส่งกลับ")},
    )

    def clean_comment(self):
        value = self.cleaned_data["comment"].strip()
        if not value:
            raise forms.ValidationError(self.fields["comment"].error_messages["required"])
        return value


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("ความเห็น (ถ้ามี)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


NOT_STARTED = "not_started"
TRACKER_STATUS_CHOICES = [
    ("", _("ทุกสถานะ")),
    (NOT_STARTED, _("ยังไม่เริ่มจัดทำ")),
    *SelfAssessmentReport.Status.choices,
]


class TrackerFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปีการศึกษา"), coerce=int, required=False)
    cluster = forms.ModelChoiceField(
        label=_("สหวิทยาเขต/กลุ่มเครือข่าย"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("ทุกกลุ่ม"),
    )
    status = forms.ChoiceField(label=_("สถานะ"), choices=TRACKER_STATUS_CHOICES, required=False)
    q = forms.CharField(label=_("ค้นหาสถานศึกษา"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (y, _("ปีการศึกษา %(year)s") % {"year": y})
            for y in AcademicYear.objects.values_list("year", flat=True)
        ]
        self.fields["cluster"].queryset = Cluster.objects.visible_to(user)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
