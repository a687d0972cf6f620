"""The form a quality manager starts a synthesis with."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schools.models import AcademicYear


class SynthesisStartForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        label=gettext_lazy("ปีการศึกษา"),
        queryset=AcademicYear.objects.order_by("-year"),
        empty_label=None,
    )
    include_submitted = forms.BooleanField(
        label=gettext_lazy("รวม SAR ที่ส่งแล้วแต่ยังไม่ได้รับรายงาน"),
        required=False,
        help_text=gettext_lazy("ปกติใช้เฉพาะ SAR ที่สำนักงานเขตพื้นที่รับรายงานแล้ว"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].label_from_instance = lambda y: (
            _("ปีการศึกษา %(year)s") % {"year": y.year}
        )
        if not self.is_bound:
            current = AcademicYear.objects.current()
            if current:
                # The synthesis is of the year that has just ended, not the running one.
                previous = AcademicYear.objects.filter(year=current.year - 1).first()
                self.initial["academic_year"] = previous or current


class SynthesisDispatchForm(forms.Form):
    """The district records that it sent the report to OBEC or ONESQA."""

    recipient = forms.ChoiceField(label=gettext_lazy("ส่งถึง"), choices=())
    sent_on = forms.DateField(
        label=gettext_lazy("วันที่ส่ง"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=gettext_lazy("เลขที่หนังสือนำส่ง"), max_length=100, required=False)
    note = forms.CharField(
        label=gettext_lazy("ช่องทาง/หมายเหตุ"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("เช่น ระบบสารบรรณอิเล็กทรอนิกส์ อีเมล ไปรษณีย์"),
    )

    def __init__(self, *args, **kwargs):
        from .models import SynthesisDispatch

        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = SynthesisDispatch.Recipient.choices
        for name, field in self.fields.items():
            css = "form-select" if name == "recipient" else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"


class EvaluationIssueForm(forms.Form):
    """One issue the district or a stakeholder wants evaluated at a school."""

    source = forms.ChoiceField(label=gettext_lazy("ผู้เสนอ"), choices=())
    source_name = forms.CharField(
        label=gettext_lazy("ชื่อหน่วยงาน/ผู้เสนอ"), max_length=200, required=False
    )
    text = forms.CharField(
        label=gettext_lazy("ประเด็นที่ต้องการให้มีการประเมิน"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        from .models import EvaluationIssue

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = EvaluationIssue.Source.choices
