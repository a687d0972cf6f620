"""The rubric editor of process 1 ๗.๒: one form per row (component, criterion and the
five level descriptors), as a formset with a few blank rows to add criteria."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from .models import IQAComponent
from .rubric_services import RubricRow

TEXTAREA = {"rows": 2, "class": "form-control form-control-sm"}


class RubricRowForm(forms.Form):
    source = forms.IntegerField(widget=forms.HiddenInput, required=False)
    component = forms.TypedChoiceField(
        label=_("องค์ประกอบ"),
        choices=[("", "---------"), *IQAComponent.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    code = forms.CharField(
        label=_("ข้อ"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    text = forms.CharField(label=_("ประเด็นการพิจารณา"), widget=forms.Textarea(TEXTAREA))
    evidence_prompt = forms.CharField(
        label=_("ร่องรอย/หลักฐานที่ควรพบ"), widget=forms.Textarea(TEXTAREA), required=False
    )
    level5 = forms.CharField(label=_("ระดับ 5 ยอดเยี่ยม"), widget=forms.Textarea(TEXTAREA))
    level4 = forms.CharField(label=_("ระดับ 4 ดีเลิศ"), widget=forms.Textarea(TEXTAREA))
    level3 = forms.CharField(label=_("ระดับ 3 ดี"), widget=forms.Textarea(TEXTAREA))
    level2 = forms.CharField(label=_("ระดับ 2 ปานกลาง"), widget=forms.Textarea(TEXTAREA))
    level1 = forms.CharField(label=_("ระดับ 1 กำลังพัฒนา"), widget=forms.Textarea(TEXTAREA))
    remove = forms.BooleanField(label=_("ไม่ใช้แถวนี้"), required=False)

    def row(self) -> RubricRow:
        data = self.cleaned_data
        return RubricRow(
            source=data.get("source"),
            component=data.get("component"),
            code=data.get("code", ""),
            text=data["text"],
            evidence_prompt=data.get("evidence_prompt", ""),
            level5=data["level5"],
            level4=data["level4"],
            level3=data["level3"],
            level2=data["level2"],
            level1=data["level1"],
        )


RubricFormSet = formset_factory(RubricRowForm, extra=2, max_num=60, validate_max=True)


def initial_rows(items) -> list[dict]:
    return [
        {
            "source": item.pk,
            "component": item.component,
            "code": item.code,
            "text": item.text,
            "evidence_prompt": item.evidence_prompt,
            **{f"level{n}": getattr(item, f"level{n}") for n in (5, 4, 3, 2, 1)},
        }
        for item in items
    ]


def rows_of(formset) -> list[RubricRow]:
    """The rows kept: blank added rows and rows marked "not used" are left out."""
    return [
        form.row()
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("remove")
    ]
