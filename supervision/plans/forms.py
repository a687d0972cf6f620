"""Forms of the district plans and of the office's self-assessment. They validate; the
services write."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sar.forms import BEDateField
from sar.models import SynthesisRun
from schools.models import AcademicYear
from standards.models import QualityLevel

from . import evidence
from .models import ActionPlan, DevelopmentPlan, OfficeAssessment, PlanIndicator, PlanStrategy

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class ShownVersionField(forms.CharField):
    """The row's ``updated_at`` as the page showed it (ISO 8601, to the microsecond), so
    the service can refuse a save typed on a copy someone else has changed since."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime.datetime) else value

    def clean(self, value: Any) -> datetime.datetime | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError as error:
            raise forms.ValidationError(_("ข้อมูลฟอร์มไม่ถูกต้อง กรุณาเปิดหน้านี้ใหม่")) from error


class ConfirmDeleteForm(forms.Form):
    shown_updated_at = ShownVersionField()


class PlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["title", "first_fiscal_year", "vision", "goals"]
        widgets = {"vision": TEXTAREA, "goals": TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The plan's years are its identity: a plan for other years is a new plan.
            del self.fields["first_fiscal_year"]


class StrategyForm(forms.Form):
    number = forms.IntegerField(label=_("ยุทธศาสตร์ที่"), min_value=1, max_value=99)
    title = forms.CharField(label=_("ยุทธศาสตร์"), max_length=500)
    measures = forms.CharField(
        label=_("มาตรการ (บรรทัดละหนึ่งมาตรการ)"), widget=TEXTAREA, max_length=5000
    )
    synthesis_run = forms.ModelChoiceField(
        label=_("หลักฐาน: ผลการสังเคราะห์ SAR"), queryset=SynthesisRun.objects.none(), required=False
    )
    standard_key = forms.ChoiceField(label=_("มาตรฐานที่เป็นจุดที่ควรพัฒนา"), required=False)

    def __init__(self, *args: Any, plan: DevelopmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        runs = SynthesisRun.objects.filter(
            area_office=plan.area_office_id, status=SynthesisRun.Status.DONE
        )
        ordered = runs.select_related("area_office").order_by("-academic_year", "-pk")
        self.fields["synthesis_run"].queryset = ordered  # type: ignore[attr-defined]
        keys: dict[str, str] = {}
        for results in runs.values_list("results", flat=True):
            keys.update(evidence.standard_choices(results))
        self.fields["standard_key"].choices = [("", _("ทุกมาตรฐาน")), *sorted(keys.items())]  # type: ignore[attr-defined]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = PlanIndicator
        fields = [
            "code",
            "title",
            "unit",
            "baseline",
            "target_year1",
            "target_year2",
            "target_year3",
        ]

    shown_updated_at = ShownVersionField()

    def __init__(self, *args: Any, plan: DevelopmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shown_updated_at"].initial = self.instance.updated_at
        for n, year in enumerate(plan.fiscal_years, start=1):
            self.fields[f"target_year{n}"].label = _("ค่าเป้าหมาย ปีงบประมาณ %(year)s") % {
                "year": year
            }

    def service_fields(self) -> dict[str, Any]:
        """The cleaned fields as ``indicator_add`` and ``indicator_update`` take them."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "title": data["title"],
            "unit": data["unit"],
            "baseline": data["baseline"],
            "targets": (data["target_year1"], data["target_year2"], data["target_year3"]),
        }


class ActionPlanForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int)

    def __init__(self, *args: Any, plan: DevelopmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = set(plan.action_plans.values_list("fiscal_year", flat=True))
        self.fields["fiscal_year"].choices = [  # type: ignore[attr-defined]
            (year, str(year)) for year in plan.fiscal_years if year not in taken
        ]


class ProjectForm(forms.Form):
    strategy = forms.ModelChoiceField(
        label=_("ยุทธศาสตร์"), queryset=PlanStrategy.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("ชื่อโครงการ"), max_length=500)
    owner = forms.CharField(label=_("ผู้รับผิดชอบ"), max_length=255)
    starts_on = BEDateField(label=_("เริ่ม"))
    ends_on = BEDateField(label=_("สิ้นสุด"))
    budget = forms.DecimalField(
        label=_("งบประมาณ (บาท)"), min_value=0, max_digits=12, decimal_places=2
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("ตัวชี้วัดที่โครงการสนับสนุน"),
        queryset=PlanIndicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    shown_updated_at = ShownVersionField()

    def __init__(self, *args: Any, action_plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = action_plan.plan
        self.fields["strategy"].queryset = plan.strategies.order_by("number")  # type: ignore[attr-defined]
        self.fields["indicators"].queryset = PlanIndicator.objects.filter(  # type: ignore[attr-defined]
            strategy__plan=plan
        ).order_by("strategy__number", "code")

    def service_fields(self) -> dict[str, Any]:
        """The cleaned fields as ``project_add`` and ``project_update`` take them."""
        data = self.cleaned_data
        fields = ("strategy", "title", "owner", "starts_on", "ends_on", "budget")
        return {**{name: data[name] for name in fields}, "indicators": list(data["indicators"])}


class ProgressForm(forms.Form):
    reported_on = BEDateField(label=_("วันที่รายงาน"))
    percent = forms.IntegerField(label=_("ความก้าวหน้า (ร้อยละ)"), min_value=0, max_value=100)
    spent = forms.DecimalField(
        label=_("ใช้งบประมาณสะสม (บาท)"), min_value=0, max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("ผลการดำเนินงาน"), widget=TEXTAREA, required=False)


class EvaluationForm(forms.Form):
    """One actual and one "what to change" per indicator (``actual_<id>``, ``change_<id>``),
    and the year's summary."""

    summary = forms.CharField(
        label=_("สรุปผลและแนวทางปรับปรุงในปีต่อไป"), widget=TEXTAREA, required=False
    )

    def __init__(self, *args: Any, lines: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            pk = line.indicator.pk
            self.fields[f"actual_{pk}"] = forms.DecimalField(
                label=line.indicator.title,
                max_digits=10,
                decimal_places=2,
                required=False,
                initial=line.actual,
            )
            self.fields[f"change_{pk}"] = forms.CharField(
                label=_("สิ่งที่ต้องปรับปรุง"),
                required=False,
                initial=line.result.to_change if line.result else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [
            (line, self[f"actual_{line.indicator.pk}"], self[f"change_{line.indicator.pk}"])
            for line in self.lines
        ]

    def actuals(self) -> dict[int, tuple[Any, str]]:
        return {
            line.indicator.pk: (
                self.cleaned_data[f"actual_{line.indicator.pk}"],
                self.cleaned_data[f"change_{line.indicator.pk}"],
            )
            for line in self.lines
            if self.cleaned_data.get(f"actual_{line.indicator.pk}") is not None
        }


class OfficeAssessmentOpenForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=_("ปีการศึกษา"), queryset=AcademicYear.objects.order_by("-year"), empty_label=None
    )


LEVEL_CHOICES = [("", "-"), *[(str(v), label) for v, label in QualityLevel.choices]]


class OfficeAssessmentForm(forms.Form):
    strengths = forms.CharField(label=_("จุดเด่น"), widget=TEXTAREA, required=False)
    improvements = forms.CharField(label=_("จุดที่ควรพัฒนา"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, assessment: OfficeAssessment, rows: list, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"strengths": assessment.strengths, "improvements": assessment.improvements},
        )
        super().__init__(*args, **kwargs)
        self.level_rows = rows
        for row in rows:
            self.fields[f"level_{row.item_id}"] = forms.TypedChoiceField(
                label=row.item.title_th,
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=row.level,
            )
            self.fields[f"evidence_{row.item_id}"] = forms.CharField(
                label=_("หลักฐาน/ร่องรอย"),
                required=False,
                initial=row.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def bound_rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [
            (row, self[f"level_{row.item_id}"], self[f"evidence_{row.item_id}"])
            for row in self.level_rows
        ]

    def levels(self) -> dict[int, tuple[int | None, str]]:
        return {
            row.item_id: (
                self.cleaned_data[f"level_{row.item_id}"],
                self.cleaned_data[f"evidence_{row.item_id}"],
            )
            for row in self.level_rows
        }
