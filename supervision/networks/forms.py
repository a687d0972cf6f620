"""Forms of process 5: opening the needs survey and a school's answer (form ๑)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sar.forms import BEDateField
from schools.models import AcademicYear, Cluster, School
from standards.models import Standard, StandardSet

from .models import (
    SATISFACTION_QUESTIONS,
    Activity,
    ActivityEvaluation,
    ActivityFile,
    NeedArea,
    NeedsResponse,
    Network,
    ParticipantRole,
    Support,
    TrainingEvent,
)


def _choices(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A model choice field of ``form`` (django-stubs types ``fields[name]`` as a bare Field)."""
    return cast(forms.ModelChoiceField, form.fields[name])


PRIORITY_CHOICES = [
    ("", _("ไม่ต้องการ")),
    ("1", _("1 น้อยที่สุด")),
    ("2", _("2 น้อย")),
    ("3", _("3 ปานกลาง")),
    ("4", _("4 มาก")),
    ("5", _("5 มากที่สุด")),
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
            raise forms.ValidationError(_("กรุณาระบุความต้องการอย่างน้อย 1 ด้าน"))
        cleaned["priorities"] = priorities
        return cleaned


# --- steps 2–5: networks, the plan, activities ------------------------------------------

TEXTAREA = {"rows": 3}


class PlanForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=_("ปีการศึกษา"), queryset=AcademicYear.objects.order_by("-year"), empty_label=None
    )
    goals = forms.CharField(
        label=_("เป้าหมายของแผน"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )


class NetworkForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทเครือข่าย"), choices=Network.Kind.choices)
    name = forms.CharField(label=_("ชื่อเครือข่าย"), max_length=200)
    level = forms.CharField(label=_("ระดับ/กลุ่มสาระ"), max_length=100, required=False)
    description = forms.CharField(
        label=_("บทบาทและภารกิจ"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )


class MemberForm(forms.Form):
    school = forms.ModelChoiceField(label=_("สถานศึกษา"), queryset=School.objects.none())
    person_name = forms.CharField(label=_("ชื่อ-สกุลครู"), max_length=150, required=False)
    position = forms.CharField(label=_("ตำแหน่ง/วิชาที่สอน"), max_length=150, required=False)

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "school").queryset = cluster.schools.order_by("code")


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทกิจกรรม"), choices=Activity.Kind.choices)
    title = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=250)
    network = forms.ModelChoiceField(
        label=_("เครือข่าย"), queryset=Network.objects.none(), required=False
    )
    starts_on = BEDateField(label=_("วันที่เริ่ม"))
    ends_on = BEDateField(label=_("วันที่สิ้นสุด"), required=False)
    place = forms.CharField(label=_("สถานที่"), max_length=250, required=False)
    target_schools = forms.ModelMultipleChoiceField(
        label=_("สถานศึกษาเป้าหมาย"),
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_teachers = forms.IntegerField(label=_("จำนวนครูเป้าหมาย (คน)"), min_value=0, initial=0)
    need_areas = forms.MultipleChoiceField(
        label=_("ความต้องการที่ตอบสนอง (แบบ 1)"),
        choices=NeedArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    standards = forms.ModelMultipleChoiceField(
        label=_("มาตรฐานที่เกี่ยวข้อง"),
        queryset=Standard.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    objectives = forms.CharField(
        label=_("วัตถุประสงค์ (บรรทัดละ 1 ข้อ)"), widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "network").queryset = Network.objects.filter(cluster=cluster)
        _choices(self, "target_schools").queryset = cluster.schools.order_by("code")
        _choices(self, "standards").queryset = (
            Standard.objects.filter(
                standard_set__area_office=None,
                standard_set__school=None,
                standard_set__level__in=(StandardSet.Level.ECE, StandardSet.Level.BASIC),
            )
            .select_related("standard_set")
            .order_by("standard_set__level", "number")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม"))
        return cleaned


class RecordForm(forms.Form):
    what_was_done = forms.CharField(label=_("การดำเนินงาน"), widget=forms.Textarea(attrs=TEXTAREA))
    results = forms.CharField(
        label=_("ผลการดำเนินงาน"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )


class ParticipantForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("สถานศึกษา"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("(ไม่สังกัดสถานศึกษาในกลุ่ม)"),
    )
    name = forms.CharField(label=_("ชื่อ-สกุล"), max_length=150)
    role = forms.ChoiceField(label=_("บทบาท"), choices=ParticipantRole.choices)

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "school").queryset = cluster.schools.order_by("code")


class ActivityFileForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), choices=ActivityFile.Kind.choices)
    file = forms.FileField(label=_("ไฟล์ (ภาพ JPEG/PNG หรือเอกสาร PDF/DOCX)"))


# --- form ๒ and the satisfaction link ----------------------------------------------------

LEVEL_CHOICES = [
    ("5", _("5 ยอดเยี่ยม")),
    ("4", _("4 ดีเลิศ")),
    ("3", _("3 ดี")),
    ("2", _("2 ปานกลาง")),
    ("1", _("1 กำลังพัฒนา")),
]
MET_CHOICES = [("met", _("บรรลุ")), ("not_met", _("ไม่บรรลุ"))]


class EvaluationForm(forms.Form):
    """Form ๒: one ``rating_<n>`` per objective of the activity, read by ``scale``."""

    scale = forms.ChoiceField(
        label=_("รูปแบบการประเมิน"),
        choices=ActivityEvaluation.Scale.choices,
        widget=forms.RadioSelect,
        initial=ActivityEvaluation.Scale.FIVE,
    )
    strengths = forms.CharField(
        label=_("จุดเด่น"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    improvements = forms.CharField(
        label=_("จุดที่ควรพัฒนา"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    recommendations = forms.CharField(
        label=_("ข้อเสนอแนะ"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    evaluator_name = forms.CharField(label=_("ผู้นิเทศ/ผู้ประเมิน"), max_length=150)
    evaluator_position = forms.CharField(label=_("ตำแหน่ง"), max_length=150, required=False)
    receiver_name = forms.CharField(label=_("ผู้รับการนิเทศ"), max_length=150, required=False)
    receiver_position = forms.CharField(label=_("ตำแหน่งผู้รับการนิเทศ"), max_length=150, required=False)
    signed_on = BEDateField(label=_("วันที่ลงนาม"))

    def __init__(self, *args: Any, objectives: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for number, text in enumerate(objectives, start=1):
            self.fields[f"rating_{number}"] = forms.ChoiceField(
                label=text,
                choices=[("", "-"), *LEVEL_CHOICES, *MET_CHOICES],
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def rating_fields(self) -> list[forms.BoundField]:
        return [self[f"rating_{n}"] for n in range(1, len(self.objectives) + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scale = cleaned.get("scale")
        ratings: dict[int, int | bool] = {}
        for number in range(1, len(self.objectives) + 1):
            value = cleaned.get(f"rating_{number}")
            if not value:
                continue
            if scale == ActivityEvaluation.Scale.MET:
                if value not in ("met", "not_met"):
                    self.add_error(f"rating_{number}", _("เลือก บรรลุ หรือ ไม่บรรลุ"))
                    continue
                ratings[number] = value == "met"
            else:
                if value not in ("1", "2", "3", "4", "5"):
                    self.add_error(f"rating_{number}", _("เลือกระดับ 1–5"))
                    continue
                ratings[number] = int(value)
        cleaned["ratings"] = ratings
        return cleaned


class SatisfactionForm(forms.Form):
    role = forms.ChoiceField(label=_("บทบาทของท่าน"), choices=ParticipantRole.choices)
    comment = forms.CharField(
        label=_("ข้อเสนอแนะ"), widget=forms.Textarea(attrs=TEXTAREA), required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, question in enumerate(SATISFACTION_QUESTIONS):
            self.fields[f"q{index}"] = forms.TypedChoiceField(
                label=question,
                choices=[(str(p), str(p)) for p in (5, 4, 3, 2, 1)],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q{i}"] for i in range(len(SATISFACTION_QUESTIONS))]

    def ratings(self) -> list[int]:
        return [self.cleaned_data[f"q{i}"] for i in range(len(SATISFACTION_QUESTIONS))]


# --- form ๓ -------------------------------------------------------------------------------


class ReportForm(forms.Form):
    period_start = BEDateField(label=_("ระยะเวลาตั้งแต่"))
    period_end = BEDateField(label=_("ถึง"))
    outcomes_teachers = forms.CharField(
        label=_("ผลที่เกิดกับครู"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    outcomes_schools = forms.CharField(
        label=_("ผลที่เกิดกับสถานศึกษา"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    problems = forms.CharField(
        label=_("ปัญหาและอุปสรรค"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    next_directions = forms.CharField(
        label=_("แนวทางการพัฒนาต่อไป"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
        return cleaned


# --- the district's training and sharing events -----------------------------------------


class TrainingForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=_("ปีการศึกษา"), queryset=AcademicYear.objects.order_by("-year"), empty_label=None
    )
    kind = forms.ChoiceField(label=_("ประเภท"), choices=TrainingEvent.Kind.choices)
    title = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=250)
    held_on = BEDateField(label=_("วันที่จัด"))
    place = forms.CharField(label=_("สถานที่"), max_length=250, required=False)
    description = forms.CharField(
        label=_("รายละเอียด"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )


class AttendeeForm(forms.Form):
    school = forms.ModelChoiceField(label=_("สถานศึกษา"), queryset=School.objects.none())
    name = forms.CharField(label=_("ชื่อ-สกุล"), max_length=150)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=150, required=False)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "school").queryset = School.objects.filter(
            area_office=office_id, is_active=True
        ).order_by("code")


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("เอกสารประกอบ (PDF หรือ DOCX)"))
