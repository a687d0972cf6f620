"""Forms of the research pages: the list's filters, a project, its files and instruments,
a status move and the respondent's questionnaire."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from iqa_district.accounts.models import User
from sar.validators import validate_sar_docx, validate_sar_pdf
from schools.models import AcademicYear, School
from standards.models import Item, Standard
from supervision.models import FormTemplate

from .models import Instrument, ResearchFile, ResearchProject


def validate_research_file(uploaded: UploadedFile) -> None:
    """A PDF or a DOCX, checked by content exactly as SAR uploads are."""
    name = (uploaded.name or "").lower()
    if name.endswith(".pdf"):
        validate_sar_pdf(uploaded)
    elif name.endswith(".docx"):
        validate_sar_docx(uploaded)
    else:
        raise ValidationError(_("รับเฉพาะไฟล์ PDF หรือ DOCX"))


def _office_schools(user: User) -> Any:
    schools = School.objects.visible_to(user)
    if user.is_school_staff:
        schools = schools.filter(pk=user.school_id or 0)
    return schools.order_by("name")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=[("", _("ทุกสถานะ")), *ResearchProject.Status.choices],
        required=False,
    )
    year = forms.ModelChoiceField(
        label=_("ปีการศึกษา"),
        queryset=AcademicYear.objects.all(),
        required=False,
        empty_label=_("ทุกปี"),
    )
    standard = forms.ModelChoiceField(
        label=_("มาตรฐาน"),
        queryset=Standard.objects.none(),
        required=False,
        empty_label=_("ทุกมาตรฐาน"),
    )
    school = forms.ModelChoiceField(
        label=_("สถานศึกษา"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("ทุกสถานศึกษา"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = Standard.objects.filter(
            standard_set__school__isnull=True
        ).select_related("standard_set")
        self.fields["school"].queryset = _office_schools(user)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ResearchProject
        fields = [
            "title",
            "kind",
            "school",
            "schools",
            "researchers",
            "academic_year",
            "fiscal_year",
            "objectives",
            "target_group",
            "method",
            "instruments_note",
            "analysis",
            "standards",
            "items",
            "budget",
            "abstract",
            "findings",
            "recommendations",
            "verdict",
            "usage",
            "is_public",
            "report_is_public",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "researchers",
                "objectives",
                "target_group",
                "method",
                "instruments_note",
                "analysis",
                "abstract",
                "findings",
                "recommendations",
                "usage",
            )
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = _office_schools(user)
        self.fields["school"].queryset = schools
        self.fields["schools"].queryset = schools
        self.fields["schools"].required = False
        national = Standard.objects.filter(standard_set__school__isnull=True)
        self.fields["standards"].queryset = national.select_related("standard_set")
        self.fields["items"].queryset = Item.objects.filter(standard__in=national).select_related(
            "standard"
        )
        if user.is_school_staff:
            self.fields["kind"].choices = [
                (ResearchProject.Kind.SCHOOL, ResearchProject.Kind.SCHOOL.label)
            ]
            self.fields["school"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=ResearchProject.Status.choices)
    comment = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=2000)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("บันทึกการนิเทศ ติดตาม"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FileForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทไฟล์"), choices=ResearchFile.Kind.choices)
    file = forms.FileField(label=_("ไฟล์ (PDF หรือ DOCX)"), validators=[validate_research_file])


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["title", "template", "respondent_type", "school", "occasion", "limit"]

    def __init__(self, *args: Any, user: User, project: ResearchProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = FormTemplate.objects.visible_to(user).filter(
            process=FormTemplate.Process.RESEARCH, is_active=True
        )
        self.fields["school"].queryset = project.schools.order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False
