import uuid
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from iqa_district.accounts.models import User
from schools.models import AcademicYear, Cluster, School
from standards.models import QualityLevel, Standard, StandardSet

from .models import (
    Committee,
    FormItem,
    FormTemplate,
    SelfEvaluationCommitteeMember,
    Visit,
    VisitAnswer,
)

LEVEL_CHOICES = [(level.value, f"{level.value} {level.label}") for level in QualityLevel]
YES_NO_CHOICES = [("True", _("มี")), ("False", _("ไม่มี"))]
VERDICT_CHOICES = [("True", _("พร้อมรับการประเมิน")), ("False", _("ต้องได้รับการช่วยเหลือ"))]
# The form each kind of visit is filled with (its template's process).
KIND_PROCESS = {
    Visit.Kind.IQA_SUPERVISION: 1,
    Visit.Kind.DISTRICT_VISIT: 2,
    Visit.Kind.ONESQA_READINESS: 3,
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def submission_key_field() -> forms.UUIDField:
    """A create form's hidden one-time key (see ``SubmissionKey``): a fresh one each
    time the form is shown, kept when the form comes back with errors."""
    return forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)


def lock_version_field() -> forms.IntegerField:
    """The version of the row the page was showing, sent back with every save. Our pages
    always send it; a request without one saves unchecked, as a client could as well
    send the current version (the lock guards against accidents, not against users)."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


def _school_label(school):
    """What the school pickers show and search: the code and the name."""
    return f"{school.code} {school.name}"


class VisitPlanForm(forms.ModelForm):
    submission_key = submission_key_field()

    class Meta:
        model = Visit
        fields = ["school", "kind", "date", "visit_no", "template", "committee", "supervisors"]
        widgets = {
            "date": DateInput(),
            "supervisors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        office = user.area_office_id
        self.fields["school"].queryset = School.objects.visible_to(user).active().order_by("code")
        self.fields["school"].widget.attrs.update({"data-search": "", "data-no-results": _("ไม่พบ")})
        self.fields["school"].label_from_instance = _school_label
        self.fields["committee"].queryset = Committee.objects.visible_to(user).filter(
            is_active=True
        )
        self.fields["template"].queryset = FormTemplate.objects.usable_in(office)
        planner_kinds = [c for c in Visit.Kind.choices if c[0] != Visit.Kind.ONESQA_READINESS]
        self.fields["kind"].choices = planner_kinds
        supervisors = User.objects.filter(
            is_active=True, role__in=[User.Role.SUPERVISOR, User.Role.DISTRICT_ADMIN]
        )
        if not user.is_superuser:
            supervisors = supervisors.filter(area_office=office)
        self.fields["supervisors"].queryset = supervisors
        if self.instance.pk:
            # The school, kind and form are what the answers hang on: fixed once planned.
            for name in ("school", "kind", "template"):
                self.fields[name].disabled = True
            del self.fields["submission_key"]
            # A readiness check (process 3) is planned from its evaluation, but re-planned here.
            self.fields["kind"].choices = Visit.Kind.choices
            self.fields["template"].queryset = FormTemplate.objects.filter(
                pk=self.instance.template_id
            ) | FormTemplate.objects.usable_in(office)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("บันทึกแผนการนิเทศ")))

    def clean(self):
        data = super().clean()
        _template_matches_kind(self, data.get("template"), data.get("kind"))
        return data


def _template_matches_kind(form, template, kind):
    if template and kind:
        expected = KIND_PROCESS.get(kind, 2)
        if template.process != expected:
            form.add_error(
                "template",
                _("แบบฟอร์มไม่ตรงกับประเภทการนิเทศ (กระบวนการที่ %(p)s)") % {"p": expected},
            )


class BulkPlanForm(forms.Form):
    """Visits for many schools at once: a cluster or a selection, a date range, at most
    ``per_day`` visits a day, one form and committee for all."""

    cluster = forms.ModelChoiceField(
        Cluster.objects.none(), label=_("สหวิทยาเขต/กลุ่มเครือข่าย"), required=False
    )
    schools = forms.ModelMultipleChoiceField(
        School.objects.none(),
        label=_("หรือเลือกสถานศึกษา"),
        required=False,
        widget=forms.SelectMultiple(attrs={"data-search": "", "data-no-results": _("ไม่พบ")}),
        help_text=_("พิมพ์ชื่อหรือรหัสเพื่อค้นหา เลือกได้หลายแห่ง"),
    )
    start = forms.DateField(label=_("ตั้งแต่วันที่"), widget=DateInput())
    end = forms.DateField(label=_("ถึงวันที่"), widget=DateInput())
    per_day = forms.IntegerField(label=_("จำนวนสถานศึกษาต่อวัน"), min_value=1, max_value=10, initial=1)
    kind = forms.ChoiceField(
        label=_("ประเภทการนิเทศ"),
        choices=[c for c in Visit.Kind.choices if c[0] != Visit.Kind.ONESQA_READINESS],
    )
    template = forms.ModelChoiceField(FormTemplate.objects.none(), label=_("แบบฟอร์ม"))
    committee = forms.ModelChoiceField(
        Committee.objects.none(), label=_("คณะกรรมการ"), required=False
    )
    supervisors = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("ศึกษานิเทศก์ผู้รับผิดชอบ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submission_key = submission_key_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plan = VisitPlanForm(user=user)
        self.fields["cluster"].queryset = Cluster.objects.visible_to(user).order_by("name")
        self.fields["schools"].queryset = plan.fields["school"].queryset.select_related("cluster")
        self.fields["schools"].label_from_instance = _school_label
        for name in ("template", "committee", "supervisors"):
            self.fields[name].queryset = plan.fields[name].queryset

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม"))
        elif start and end and (end - start).days > 366:
            self.add_error("end", _("ช่วงวันที่ยาวได้ไม่เกิน 1 ปี"))
        if not data.get("cluster") and not data.get("schools"):
            self.add_error("schools", _("โปรดเลือกสหวิทยาเขต/กลุ่มเครือข่าย หรือเลือกสถานศึกษา"))
        _template_matches_kind(self, data.get("template"), data.get("kind"))
        return data

    def chosen_schools(self):
        """The cluster's active schools, then those picked one by one, each once."""
        data = self.cleaned_data
        schools = self.fields["schools"].queryset
        picked = list(data.get("schools") or [])
        if data.get("cluster"):
            picked = list(schools.filter(cluster=data["cluster"]).order_by("code")) + picked
        return list({s.pk: s for s in picked}.values())


class AnswerForm(forms.ModelForm):
    """One row of a form being filled; the fields shown depend on the row's kind."""

    level = forms.TypedChoiceField(
        label=_("ระดับคุณภาพ"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    self_level = forms.TypedChoiceField(
        label=_("ระดับที่สถานศึกษาประเมิน"),
        choices=[("", "–"), *LEVEL_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    target_level = forms.TypedChoiceField(
        label=_("ค่าเป้าหมาย (ระดับ)"),
        choices=[("", "–"), *LEVEL_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    has_evidence = forms.NullBooleanField(
        label=_("การดำเนินการ"),
        required=False,
        widget=forms.RadioSelect(choices=YES_NO_CHOICES),
    )
    lock_version = lock_version_field()

    class Meta:
        model = VisitAnswer
        fields = [
            "target_level",
            "target_percent",
            "percent",
            "self_level",
            "level",
            "has_evidence",
            "text",
            "method_document",
            "method_interview",
            "method_observation",
            "evidence",
            "finding",
            "recommendation",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "finding": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"a{kwargs['instance'].pk}", **kwargs)
        self.fields["lock_version"].initial = self.instance.lock_version
        self.fields["percent"].widget.attrs.update({"min": 0, "max": 100, "step": "0.01"})
        if self.instance.standard_item_id:
            self.fields["percent"].label = _("ผลการดำเนินงาน (ร้อยละ)")
        shown = {*self.shown_fields(), "lock_version"}
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]

    def shown_fields(self):
        answer = self.instance
        if answer.standard_item_id:
            return {
                "target_level",
                "target_percent",
                "percent",
                "self_level",
                "level",
                "method_document",
                "method_interview",
                "method_observation",
                "evidence",
                "recommendation",
            }
        kind = answer.form_item.answer_type
        common = {"evidence", "finding", "recommendation"}
        if kind == FormItem.AnswerType.RUBRIC:
            return {"level", *common}
        if kind == FormItem.AnswerType.YES_NO:
            return {"has_evidence", *common}
        if kind == FormItem.AnswerType.VERDICT:
            self.fields["has_evidence"].label = _("ผลการตรวจสอบความพร้อม")
            self.fields["has_evidence"].widget.choices = VERDICT_CHOICES
            return {"has_evidence"}
        if kind == FormItem.AnswerType.PERCENT:
            return {"percent", *common}
        return {"text"}

    def answer_data(self) -> dict[str, Any]:
        """The row's values to save (the lock travels separately)."""
        return {n: v for n, v in self.cleaned_data.items() if n != "lock_version"}

    def clean_percent(self):
        value = self.cleaned_data.get("percent")
        if value is not None and not (0 <= value <= 100):
            raise forms.ValidationError(_("ร้อยละต้องอยู่ระหว่าง 0 ถึง 100"))
        return value


def attach_answer_forms(report: dict[str, Any], bound: AnswerForm | None = None) -> None:
    """Give each answer of a visit report (``reports.visit_report``) its form, in the
    report's own layout: a section's answers become (answer, form) pairs, and a standard
    row gets ``forms`` beside its answers. ``bound`` replaces its row's form (a form sent
    back with what the user typed)."""
    forms_by_answer = {a.pk: AnswerForm(instance=a) for a in report["answers"]}
    if bound is not None:
        forms_by_answer[bound.instance.pk] = bound
    for _section, answers in report["sections"]:
        answers[:] = [(a, forms_by_answer[a.pk]) for a in answers]
    for row in report["standards"]:
        row.forms = [(a, forms_by_answer[a.pk]) for a in row.answers]


class SummaryForm(forms.ModelForm):
    lock_version = lock_version_field()

    class Meta:
        model = Visit
        fields = [
            "findings",
            "strengths",
            "improvements",
            "recommendations",
            "acceleration_measures",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lock_version"].initial = self.instance.summary_version

    def summary_data(self) -> dict[str, Any]:
        return {n: v for n, v in self.cleaned_data.items() if n != "lock_version"}


class AcknowledgeForm(forms.Form):
    response = forms.CharField(
        label=_("ความเห็น/การดำเนินการของสถานศึกษาต่อข้อเสนอแนะ"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SchoolCommitteeMemberForm(forms.Form):
    """One member of the school's own internal evaluation committee."""

    name = forms.CharField(label=_("ชื่อ-สกุล"), max_length=255)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=255, required=False)
    role = forms.ChoiceField(
        label=_("บทบาท"),
        choices=SelfEvaluationCommitteeMember.Role.choices,
        initial=SelfEvaluationCommitteeMember.Role.MEMBER,
    )


class BaseSchoolCommitteeFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        chairs = sum(
            1
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == SelfEvaluationCommitteeMember.Role.CHAIR
        )
        if chairs > 1:
            raise forms.ValidationError(_("คณะกรรมการประเมินภายในมีประธานกรรมการได้เพียง 1 คน"))

    def members(self) -> list[dict[str, str]]:
        return [
            {k: form.cleaned_data[k] for k in ("name", "position", "role")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


SchoolCommitteeFormSet = forms.formset_factory(
    SchoolCommitteeMemberForm, formset=BaseSchoolCommitteeFormSet, extra=3, can_delete=True
)


class SelfEvaluationForm(forms.Form):
    """A school's self-evaluation: one level per standard of the sets that apply to the
    school this academic year, and the school's committee as a list of people (a
    formset validated together with the form); editing starts from what was recorded."""

    date = forms.DateField(label=_("วันที่ประเมิน"), widget=DateInput())
    committee_order = forms.CharField(
        label=_("คำสั่งแต่งตั้งคณะกรรมการประเมินภายใน"),
        max_length=255,
        required=False,
        help_text=_("เลขที่/วันที่คำสั่งของสถานศึกษา เช่น คำสั่งโรงเรียนที่ 12/2569"),
    )
    notes = forms.CharField(
        label=_("สรุปผลและข้อสังเกต"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    submission_key = submission_key_field()

    def __init__(self, data=None, *, school, instance=None, **kwargs):
        super().__init__(data, initial=_self_evaluation_initial(instance), **kwargs)
        if instance is not None:
            del self.fields["submission_key"]
        self.committee = SchoolCommitteeFormSet(
            data,
            prefix="members",
            initial=[
                {"name": m.name, "position": m.position, "role": m.role}
                for m in (instance.committee_members.all() if instance else [])
            ],
        )
        self.standards = list(_school_standards(school, AcademicYear.objects.current()))
        for standard in self.standards:
            self.fields[f"level_{standard.pk}"] = forms.TypedChoiceField(
                label=f"{standard.standard_set.get_level_display()} {standard}",
                choices=[("", "–"), *LEVEL_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_date(self):
        date = self.cleaned_data["date"]
        today = timezone.localdate()
        if date > today:
            raise forms.ValidationError(
                _("วันที่ประเมินต้องไม่เป็นวันในอนาคต (วันนี้ %(today)s)")
                % {"today": thai.format_date_page(today)}
            )
        return date

    def is_valid(self):
        # Both always, so every error on the page shows at once.
        return all([super().is_valid(), self.committee.is_valid()])

    def levels(self):
        return {s.pk: self.cleaned_data.get(f"level_{s.pk}") for s in self.standards}

    def members(self):
        return self.committee.members()


def _self_evaluation_initial(evaluation):
    if evaluation is None:
        return {"date": timezone.localdate()}
    initial = {
        "date": evaluation.date,
        "committee_order": evaluation.committee_order,
        "notes": evaluation.notes,
    }
    initial.update({f"level_{lv.standard_id}": lv.level for lv in evaluation.levels.all()})
    return initial


def _school_standards(school, year):
    """The standards of the sets ``school`` reports against in ``year``."""
    sets = StandardSet.objects.applicable_to(school, year.year if year else None)
    return (
        Standard.objects.filter(standard_set__in=sets)
        .select_related("standard_set")
        .order_by("standard_set__level", "number")
    )


class DistrictReportForm(forms.Form):
    """The district's own part of the ๗.๓, written by a supervisor."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(
        label=_("สรุปผลการติดตามตรวจสอบระดับเขตพื้นที่"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    measures = forms.CharField(
        label=_("มาตรการเร่งรัดการพัฒนาคุณภาพการศึกษาของเขตพื้นที่"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("หนึ่งมาตรการต่อหนึ่งบรรทัด"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class StandardLevelsForm(forms.Form):
    """The committee's own level per standard of a process 2 visit; empty = the rounded
    mean of the standard's items."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            mean = row.committee_mean
            self.fields[f"standard_{row.standard.pk}"] = forms.TypedChoiceField(
                label=f"{row.standard}",
                choices=[("", _("ใช้ค่าเฉลี่ยของประเด็นพิจารณา")), *LEVEL_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
                initial=row.override,
                help_text=_("ค่าเฉลี่ยของประเด็นพิจารณา %(mean)s") % {"mean": mean or "-"},
            )

    def levels(self):
        return {
            row.standard.pk: self.cleaned_data[f"standard_{row.standard.pk}"] for row in self.rows
        }
