"""Forms of process 3: the list's filters, scheduling, the oral report, an upload, a
result per standard and an ONESQA recommendation. They validate; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from iqa_district.accounts.models import User
from sar.validators import validate_sar_pdf, validate_upload_size
from schools.models import AcademicYear, AreaOffice, Cluster, School
from standards.models import Standard
from supervision.models import Committee

from .models import (
    EvaluationDocument,
    ExternalEvaluation,
    OnesqaPackage,
    OnesqaRound,
    RatingLevel,
)

DATE = forms.DateInput(attrs={"type": "date"})


class EvaluationFilterForm(forms.Form):
    round = forms.ModelChoiceField(
        OnesqaRound.objects.all(), required=False, label=_("รอบ"), empty_label=_("ทุกรอบ")
    )
    status = forms.ChoiceField(
        choices=[("", _("ทุกสถานะ")), *ExternalEvaluation.Status.choices],
        required=False,
        label=_("สถานะ"),
    )
    cluster = forms.ModelChoiceField(
        Cluster.objects.none(), required=False, label=_("สหวิทยาเขต"), empty_label=_("ทั้งหมด")
    )
    due = forms.BooleanField(required=False, label=_("ครบกำหนดภายใน 12 เดือน"))
    q = forms.CharField(required=False, label=_("ค้นหา"), max_length=100)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_district_staff:
            self.fields["cluster"].queryset = Cluster.objects.visible_to(user)
        else:
            del self.fields["cluster"]


class EvaluationScheduleForm(forms.Form):
    school = forms.ModelChoiceField(
        School.objects.none(),
        label=_("สถานศึกษา"),
        widget=forms.Select(attrs={"data-search": "", "data-no-results": _("ไม่พบ")}),
    )
    round = forms.ModelChoiceField(OnesqaRound.objects.all(), label=_("รอบการประเมิน"))
    academic_year = forms.ModelChoiceField(
        AcademicYear.objects.all(), label=_("ปีการศึกษาที่รับการประเมิน")
    )
    kind = forms.ChoiceField(choices=ExternalEvaluation.Kind.choices, label=_("ประเภท"))
    mode = forms.ChoiceField(choices=ExternalEvaluation.Mode.choices, label=_("รูปแบบ"))
    scheduled_from = forms.DateField(label=_("กำหนดการ ตั้งแต่"), widget=DATE)
    scheduled_to = forms.DateField(label=_("ถึง"), widget=DATE)
    assessors = forms.CharField(
        label=_("คณะผู้ประเมินภายนอก"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.visible_to(user).active()
        # The picker searches what it shows: the 10-digit code and the name.
        self.fields["school"].label_from_instance = lambda s: f"{s.code} {s.name}"

    def clean(self):
        data = super().clean()
        start, end = data.get("scheduled_from"), data.get("scheduled_to")
        if start and end and end < start:
            self.add_error("scheduled_to", _("วันสิ้นสุดกำหนดการต้องไม่ก่อนวันเริ่ม"))
        return data


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=ExternalEvaluation.Status.choices, label=_("สถานะใหม่"))
    comment = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=2000)


class OralReportForm(forms.Form):
    committee = forms.ModelChoiceField(
        Committee.objects.none(), required=False, label=_("คณะกรรมการร่วมรับฟัง")
    )
    held_on = forms.DateField(label=_("วันที่รับฟังรายงานด้วยวาจา"), widget=DATE)
    place = forms.CharField(label=_("สถานที่"), required=False, max_length=255)
    notes = forms.CharField(
        label=_("บันทึกของคณะกรรมการ"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, evaluation: ExternalEvaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(
            area_office=evaluation.school.area_office_id, kind=Committee.Kind.ONESQA_ORAL
        )


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(choices=EvaluationDocument.Kind.choices, label=_("ประเภทเอกสาร"))
    file = forms.FileField(label=_("ไฟล์ PDF"), validators=[validate_sar_pdf])
    received_on = forms.DateField(label=_("วันที่ได้รับ/ส่ง"), required=False, widget=DATE)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=2000)

    def __init__(self, *args, school_side: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if school_side:
            self.fields["kind"].choices = [
                c
                for c in EvaluationDocument.Kind.choices
                if c[0] not in EvaluationDocument.ONESQA_KINDS
            ]


class ResultForm(forms.Form):
    level = forms.ModelChoiceField(RatingLevel.objects.none(), label=_("ระดับคุณภาพจาก สมศ."))
    source = forms.ChoiceField(
        choices=[(k.value, k.label) for k in EvaluationDocument.ONESQA_KINDS],
        label=_("ข้อมูลจากรายงาน"),
    )
    strengths = forms.CharField(
        label=_("จุดเด่น"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    improvements = forms.CharField(
        label=_("จุดที่ควรพัฒนา"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    innovation = forms.CharField(
        label=_("นวัตกรรม/แบบอย่างที่ดี"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, evaluation: ExternalEvaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = RatingLevel.objects.filter(scale=evaluation.round.scale_id)


class OnesqaRecommendationForm(forms.Form):
    standard = forms.ModelChoiceField(Standard.objects.none(), required=False, label=_("มาตรฐาน"))
    text = forms.CharField(
        label=_("ข้อเสนอแนะของ สมศ."), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    due_on = forms.DateField(label=_("กำหนดแล้วเสร็จ"), required=False, widget=DATE)

    def __init__(self, *args, evaluation: ExternalEvaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = Standard.objects.filter(
            standard_set__onesqa_rounds=evaluation.round_id
        ).select_related("standard_set")


class ResultsImportForm(forms.Form):
    round = forms.ModelChoiceField(OnesqaRound.objects.all(), label=_("รอบการประเมิน"))
    source = forms.ChoiceField(
        choices=[(k.value, k.label) for k in EvaluationDocument.ONESQA_KINDS],
        initial=EvaluationDocument.Kind.FINAL,
        label=_("ข้อมูลจากรายงาน"),
    )
    file = forms.FileField(
        label=_("ไฟล์ผลการประเมินรายมาตรฐาน (CSV หรือ Excel .xlsx)"),
        validators=[validate_upload_size],
        help_text=_(
            "หัวตาราง: รหัสสถานศึกษา สมศ. หรือ รหัสสถานศึกษา (10 หลัก), ระดับการศึกษา "
            "(ปฐมวัย/ขั้นพื้นฐาน), มาตรฐานที่, ระดับคุณภาพ, จุดเด่น, จุดที่ควรพัฒนา, ข้อเสนอแนะ "
            "(แถวละหนึ่งข้อ), นวัตกรรม/แบบอย่างที่ดี; CSV แบบ UTF-8 หรือ TIS-620 ก็ได้"
        ),
    )
    office = forms.ModelChoiceField(
        label=_("นำเข้าให้สำนักงานเขตพื้นที่"), queryset=AreaOffice.objects.none(), required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.area_office_id:
            del self.fields["office"]
        else:
            self.fields["office"].queryset = AreaOffice.objects.visible_to(user)
            self.fields["office"].required = True


class ReadinessPlanForm(forms.Form):
    """When the district checks a school's readiness (form ๗.๑ of process 3), and who."""

    date = forms.DateField(label=_("วันที่นิเทศติดตามความพร้อม"), widget=DATE)
    supervisors = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("ศึกษานิเทศก์ผู้นิเทศ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, evaluation: ExternalEvaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisors"].queryset = User.objects.filter(
            is_active=True,
            role__in=[User.Role.SUPERVISOR, User.Role.DISTRICT_ADMIN],
            area_office=evaluation.school.area_office_id,
        ).order_by("first_name", "last_name")


class PackageSentForm(forms.ModelForm):
    """The date the round's package went to ONESQA, and the letter that sent it."""

    class Meta:
        model = OnesqaPackage
        fields = ["sent_on", "reference", "note"]
        widgets = {"sent_on": DATE}
