from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AreaOffice, Cluster, School

MAX_IMPORT_MB = 20
ALLOWED_EXTENSIONS = (".csv", ".xlsx", ".txt")


class SchoolImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์รายชื่อสถานศึกษา (CSV หรือ Excel .xlsx)"),
        help_text=_(
            "หัวตารางภาษาไทย (รหัสสถานศึกษา, ชื่อสถานศึกษา, ตำบล, อำเภอ, จังหวัด, "
            "ระดับที่เปิดสอน, จำนวนนักเรียน, สหวิทยาเขต) หรือภาษาอังกฤษ (code, name, "
            "subdistrict, district, province, levels, students, cluster); "
            "CSV แบบ UTF-8 หรือ TIS-620 ก็ได้"
        ),
    )
    office = forms.ModelChoiceField(
        label=_("นำเข้าให้สำนักงานเขตพื้นที่"), queryset=AreaOffice.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.area_office_id:
            del self.fields["office"]
        else:
            self.fields["office"].queryset = AreaOffice.objects.visible_to(user)
            self.fields["office"].required = True
        self.helper = FormHelper()
        self.helper.form_id = "school-import-form"
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.add_input(Submit("submit", _("ตรวจสอบไฟล์")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_MB * 1024 * 1024:
            raise forms.ValidationError(_("ไฟล์ใหญ่เกิน %(mb)s MB กรุณาแบ่งไฟล์") % {"mb": MAX_IMPORT_MB})
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("รองรับเฉพาะไฟล์ .csv และ .xlsx"))
        return upload


class SchoolAccountsForm(forms.Form):
    """Which schools of the registry get their QA staff account in one step."""

    SCOPES = [
        ("all", _("ทุกสถานศึกษาของเขต")),
        ("cluster", _("สถานศึกษาในสหวิทยาเขตที่เลือก")),
        ("selected", _("เฉพาะสถานศึกษาที่เลือก")),
    ]
    scope = forms.ChoiceField(label=_("สร้างบัญชีให้"), choices=SCOPES, widget=forms.RadioSelect)
    cluster = forms.ModelChoiceField(
        label=_("สหวิทยาเขต"), queryset=Cluster.objects.none(), required=False
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("สถานศึกษา"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.visible_to(user)
        self.fields["schools"].queryset = School.objects.visible_to(user).filter(is_active=True)
        self.helper = FormHelper()
        self.helper.form_id = "school-accounts-form"
        self.helper.add_input(Submit("submit", _("สร้างบัญชีและส่งคำเชิญ")))

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == "cluster" and not data.get("cluster"):
            self.add_error("cluster", _("กรุณาเลือกสหวิทยาเขต"))
        if scope == "selected" and not data.get("schools"):
            self.add_error("schools", _("กรุณาเลือกสถานศึกษาอย่างน้อยหนึ่งแห่ง"))
        return data

    def chosen_schools(self):
        active = self.fields["schools"].queryset
        scope = self.cleaned_data["scope"]
        if scope == "cluster":
            return active.filter(cluster=self.cleaned_data["cluster"])
        if scope == "selected":
            return self.cleaned_data["schools"]
        return active


class AccountImportForm(forms.Form):
    """A file of people to give accounts: school staff, supervisors, executives, committee."""

    file = forms.FileField(
        label=_("ไฟล์รายชื่อผู้ใช้ (CSV หรือ Excel .xlsx)"),
        help_text=_(
            "หัวตาราง: รหัสสถานศึกษา, ชื่อ-นามสกุล, ตำแหน่ง, อีเมล, โทรศัพท์, บทบาท "
            "(หรือ school_code, name, position, email, phone, role) "
            "ผู้ใช้ที่ไม่ใช่ของสถานศึกษาให้เว้นรหัสสถานศึกษาว่าง; CSV แบบ UTF-8 หรือ TIS-620 ก็ได้"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "account-import-form"
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.add_input(Submit("submit", _("ตรวจสอบไฟล์")))

    def clean_file(self):
        return SchoolImportForm.clean_file(self)
