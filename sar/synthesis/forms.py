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
