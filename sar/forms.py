"""Forms of the SAR pages. They validate only; ``sar.services`` writes."""

import datetime
from collections.abc import Iterator
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from schools.models import AcademicYear, Cluster
from standards.models import QualityLevel, SchoolTarget

from .models import HelpNeed, SARVersion, SelfAssessmentReport
from .validators import validate_sar_docx, validate_sar_pdf

LEVEL_CHOICES = [("", _("— เลือกระดับ —")), *QualityLevel.choices]


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
        try:
            return thai.parse_date(str(value))
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


def result_sections(version: SARVersion, report: SelfAssessmentReport) -> list[dict[str, Any]]:
    """The version's standards in order, grouped by standard set, each with its item rows,
    the school's target of each item and whether the row meets it: what the SAR's page
    shows and the editor puts its forms beside."""
    targets = {
        t.item_id: t
        for t in SchoolTarget.objects.filter(
            school=report.school_id, academic_year=report.academic_year_id
        )
    }
    item_rows = list(
        version.item_results.select_related("item__standard", "item__parent").order_by(
            "item__standard_id", "item__order", "item__code"
        )
    )
    by_standard: dict[int, list[dict[str, Any]]] = {}
    shown_headings = set()
    for row in item_rows:
        parent = row.item.parent
        if parent is not None and parent.pk not in shown_headings:
            # Headings (1.1, 1.2 of the basic set) are not assessed; they group the rows.
            shown_headings.add(parent.pk)
            by_standard.setdefault(row.item.standard_id, []).append({"heading": parent})
        target = targets.get(row.item_id)
        by_standard.setdefault(row.item.standard_id, []).append(
            {
                "row": row,
                "target": target,
                "met": target.is_met_by(level=row.level, percent=row.result_percent)
                if target and row.level
                else None,
            }
        )

    sections: list[dict[str, Any]] = []
    current_set: dict[str, Any] | None = None
    for result in version.standard_results.select_related("standard__standard_set").order_by(
        "standard__standard_set__level", "standard__standard_set__code", "standard__number"
    ):
        standard_set = result.standard.standard_set
        if current_set is None or current_set["set"].pk != standard_set.pk:
            current_set = {"set": standard_set, "standards": []}
            sections.append(current_set)
        current_set["standards"].append(
            {"result": result, "items": by_standard.get(result.standard_id, [])}
        )
    return sections


class SAREditorForms:
    """Every form of the SAR editor as one: the main form (files, board date,
    innovations, lock version), the help-needs formset, and a form per standard and per
    assessed item, placed beside their rows in ``sections`` for the template."""

    def __init__(
        self,
        report: SelfAssessmentReport,
        version: SARVersion,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
    ) -> None:
        self.report = report
        self.version = version
        if data is None:
            self.main = SARMainForm(
                initial={
                    "lock_version": report.lock_version,
                    "board_approved_on": version.board_approved_on,
                    "innovations": version.innovations,
                }
            )
        else:
            self.main = SARMainForm(data, files)
        self.sections = result_sections(version, report)
        for standard in self._standards():
            result = standard["result"]
            standard["form"] = StandardResultForm(
                data,
                prefix=f"std-{result.standard_id}",
                initial={
                    "level": result.level,
                    "strengths": result.strengths,
                    "improvements": result.improvements,
                    "development_plan": result.development_plan,
                    "evidence_links": result.evidence_links,
                },
            )
            for item in standard["items"]:
                if "row" in item:
                    row = item["row"]
                    item["form"] = ItemResultForm(
                        data,
                        prefix=f"item-{row.item_id}",
                        initial={"result_percent": row.result_percent, "level": row.level},
                    )
        if data is None:
            self.help_formset = HelpNeedFormSet(
                prefix="help",
                initial=[
                    {"category": h.category, "description": h.description}
                    for h in version.help_needs.all()
                ],
            )
        else:
            self.help_formset = HelpNeedFormSet(data, prefix="help")

    def _standards(self) -> Iterator[dict[str, Any]]:
        for section in self.sections:
            yield from section["standards"]

    def _row_forms(self) -> Iterator[forms.Form]:
        for standard in self._standards():
            yield standard["form"]
            for item in standard["items"]:
                if "form" in item:
                    yield item["form"]

    def is_valid(self) -> bool:
        # Every form is validated, not only up to the first invalid one, so the page shows
        # every error at once.
        return all(
            [self.main.is_valid(), self.help_formset.is_valid()]
            + [form.is_valid() for form in self._row_forms()]
        )

    def draft(self) -> dict[str, Any]:
        """The cleaned input as the keyword arguments of ``sar_save_draft``."""
        item_results = {}
        standard_results = {}
        for standard in self._standards():
            standard_results[standard["result"].standard_id] = standard["form"].cleaned_data
            for item in standard["items"]:
                if "row" in item:
                    item_results[item["row"].item_id] = item["form"].cleaned_data
        help_needs = [
            (form.cleaned_data["category"], form.cleaned_data["description"])
            for form in self.help_formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("description", "").strip()
        ]
        cleaned = self.main.cleaned_data
        return {
            "lock_version": cleaned["lock_version"],
            "board_approved_on": cleaned["board_approved_on"],
            "innovations": cleaned["innovations"],
            "item_results": item_results,
            "standard_results": standard_results,
            "help_needs": help_needs,
            "pdf": cleaned.get("pdf") or None,
            "docx": cleaned.get("docx") or None,
        }

    @classmethod
    def kept_after_stale(
        cls, report: SelfAssessmentReport, version: SARVersion, data: QueryDict
    ) -> "SAREditorForms":
        """The posted input again, against the report's newer lock version, after a stale
        save: the user keeps what they typed, and a second save, after looking, is
        deliberate. The uploaded files are not kept (the page says so)."""
        data = data.copy()
        data["lock_version"] = str(report.lock_version)
        kept = cls(report, version, data)
        kept.main.is_valid()
        return kept


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
    recommendations = forms.CharField(
        label=_("ข้อเสนอแนะเพื่อติดตามผล (ข้อละหนึ่งบรรทัด ถ้ามี)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("แต่ละบรรทัดเป็นข้อเสนอแนะหนึ่งข้อ ที่สถานศึกษาต้องรายงานผลการดำเนินงาน"),
    )
    due_on = BEDateField(label=_("กำหนดแล้วเสร็จของข้อเสนอแนะ"), required=False)

    def clean_recommendations(self):
        lines = [line.strip() for line in self.cleaned_data["recommendations"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 20:
            raise forms.ValidationError(_("ระบุข้อเสนอแนะได้ไม่เกิน 20 ข้อต่อครั้ง"))
        return lines


NOT_STARTED = "not_started"
# Sent to the district but kept from the public: the seed counts disclosure toward 100 %.
HIDDEN = "hidden"
TRACKER_STATUS_CHOICES = [
    ("", _("ทุกสถานะ")),
    (NOT_STARTED, _("ยังไม่เริ่มจัดทำ")),
    *SelfAssessmentReport.Status.choices,
    (HIDDEN, _("ส่งแล้วแต่ไม่เผยแพร่ต่อสาธารณะ")),
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
