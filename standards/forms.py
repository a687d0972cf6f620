from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QualityLevel


class TargetForm(forms.Form):
    """One item's target. The item is not a field: the view pairs each form with the
    item at the same position, so a posted form can never name another school's item."""

    target_level = forms.TypedChoiceField(
        label=_("ระดับคุณภาพเป้าหมาย"),
        choices=[("", _("— ไม่กำหนด —")), *QualityLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    target_percent = forms.DecimalField(
        label=_("ค่าเป้าหมาย (ร้อยละ)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    criterion = forms.CharField(
        label=_("เกณฑ์"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_level"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["target_percent"].widget.attrs.update(
            {"class": "form-control form-control-sm", "step": "0.01"}
        )
        self.fields["criterion"].widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        if data.get("target_level") is None and (
            data.get("target_percent") is not None or data.get("criterion")
        ):
            self.add_error("target_level", _("ระบุระดับคุณภาพเป้าหมายด้วย หรือเว้นว่างทั้งแถวถ้าไม่กำหนด"))
        return data


TargetFormSet = forms.formset_factory(TargetForm, extra=0, max_num=500, validate_max=True)


class SchoolStandardForm(forms.Form):
    title_th = forms.CharField(label=_("ชื่อมาตรฐาน (อัตลักษณ์/จุดเน้น)"), max_length=500)


class SchoolItemForm(forms.Form):
    title_th = forms.CharField(label=_("ประเด็นพิจารณา"), max_length=500)
