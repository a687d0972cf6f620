"""Process 4 (งานวิจัยและพัฒนารูปแบบ เทคนิค วิธีการประกันคุณภาพการศึกษา): research projects,
their files and history, the instruments (แบบ ๗.๒) answered online or keyed in from paper,
and the district's summary of the research synthesis (แบบ ๗.๑)."""

import secrets
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.models import TimeStampedModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


class ResearchProjectQuerySet(models.QuerySet["ResearchProject"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """District staff: their office's research; school staff: the research their school
        owns or takes part in; nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            taking_part = ResearchProject.schools.through.objects.filter(
                school=user.school_id
            ).values("researchproject")
            return self.filter(Q(school=user.school_id) | Q(pk__in=taking_part))
        if user.is_district_staff:
            return self.filter(area_office=user.area_office_id)
        return self.none()

    def public(self) -> Self:
        return self.filter(
            status__in=[ResearchProject.Status.REPORTED, ResearchProject.Status.DISSEMINATED],
            is_public=True,
        )


class ResearchProject(TimeStampedModel):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("งานวิจัยของเขตพื้นที่การศึกษา")
        JOINT = "joint", _("งานวิจัยร่วมกับสถานศึกษา")
        SCHOOL = "school", _("งานวิจัยของสถานศึกษา")

    class Status(models.TextChoices):
        PROPOSAL = "proposal", _("เสนอโครงการ")
        REVISE = "revise", _("ปรับปรุงโครงการ")
        APPROVED = "approved", _("อนุมัติโครงการ")
        COLLECTING = "collecting", _("เก็บรวบรวมข้อมูล")
        ANALYSING = "analysing", _("วิเคราะห์ข้อมูล")
        REPORTED = "reported", _("รายงานผลการวิจัยแล้ว")
        DISSEMINATED = "disseminated", _("เผยแพร่แล้ว")

    class Verdict(models.TextChoices):
        PENDING = "", _("ยังไม่สรุป")
        EFFECTIVE = "effective", _("รูปแบบ/วิธีการมีประสิทธิภาพ นำไปใช้ได้")
        REVISE = "revise", _("ควรปรับปรุงรูปแบบ/วิธีการ")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.PROTECT,
        related_name="research_projects",
        verbose_name=_("สำนักงานเขตพื้นที่การศึกษา"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_research_projects",
        verbose_name=_("สถานศึกษาเจ้าของงานวิจัย"),
        help_text=_("เฉพาะงานวิจัยของสถานศึกษา"),
    )
    schools = models.ManyToManyField(
        "schools.School",
        blank=True,
        related_name="research_projects",
        verbose_name=_("สถานศึกษาที่ร่วมวิจัย"),
    )
    title = models.CharField(_("ชื่อเรื่อง"), max_length=500)
    researchers = models.TextField(_("ผู้วิจัย"), help_text=_("หนึ่งคนต่อบรรทัด: ชื่อ ตำแหน่ง หน่วยงาน"))
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="research_projects",
        verbose_name=_("ปีการศึกษา"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), null=True, blank=True)
    objectives = models.TextField(_("วัตถุประสงค์"))
    target_group = models.TextField(_("กลุ่มเป้าหมาย/กลุ่มตัวอย่าง"), blank=True)
    method = models.TextField(_("วิธีดำเนินการวิจัย"), blank=True)
    instruments_note = models.TextField(_("เครื่องมือที่ใช้"), blank=True)
    analysis = models.TextField(_("วิธีวิเคราะห์ข้อมูล"), blank=True)
    standards = models.ManyToManyField(
        "standards.Standard",
        blank=True,
        related_name="research_projects",
        verbose_name=_("มาตรฐานที่เกี่ยวข้อง"),
    )
    items = models.ManyToManyField(
        "standards.Item",
        blank=True,
        related_name="research_projects",
        verbose_name=_("ประเด็นพิจารณาที่เกี่ยวข้อง"),
    )
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("สถานะ"), max_length=15, choices=Status.choices, default=Status.PROPOSAL
    )
    supervision_notes = models.TextField(_("บันทึกการนิเทศ ติดตามของเขตพื้นที่"), blank=True)
    abstract = models.TextField(_("บทคัดย่อ"), blank=True)
    findings = models.TextField(_("ผลการวิจัย"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    verdict = models.CharField(
        _("ผลการพิจารณารูปแบบ"), max_length=10, choices=Verdict.choices, blank=True
    )
    usage = models.TextField(_("การนำผลการวิจัยไปใช้"), blank=True)
    is_public = models.BooleanField(
        _("เผยแพร่ต่อสาธารณะ"),
        default=False,
        help_text=_("แสดงในหน้าเผยแพร่งานวิจัยเมื่อรายงานผลแล้ว"),
    )
    report_is_public = models.BooleanField(_("อนุญาตให้ดาวน์โหลดรายงานฉบับเต็ม"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )

    objects = ResearchProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("โครงการวิจัย")
        verbose_name_plural = _("โครงการวิจัย")
        ordering = ["-academic_year", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="school") | Q(school__isnull=False),
                name="research_school_kind_has_school",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def researcher_list(self) -> list[str]:
        return [line.strip() for line in self.researchers.splitlines() if line.strip()]

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.DISSEMINATED


class ResearchEvent(models.Model):
    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("การดำเนินการ"), max_length=30)
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ประวัติงานวิจัย")
        verbose_name_plural = _("ประวัติงานวิจัย")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.action}"


def research_file_path(instance: "ResearchFile", filename: str) -> str:
    # The stored name never uses the uploaded name: it cannot carry path parts.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"research/{instance.project_id}/{instance.kind}-{secrets.token_hex(8)}.{extension}"


class ResearchFile(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("เค้าโครง/ข้อเสนอโครงการ")
        REPORT = "report", _("รายงานการวิจัย")
        INSTRUMENT = "instrument", _("เครื่องมือวิจัย")

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("ประเภทไฟล์"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("ไฟล์"), upload_to=research_file_path)
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ไฟล์งานวิจัย")
        verbose_name_plural = _("ไฟล์งานวิจัย")
        ordering = ["kind", "-created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_pdf(self) -> bool:
        return (self.file.name or "").endswith(".pdf")


class RespondentType(models.TextChoices):
    ADMINISTRATOR = "administrator", _("ผู้บริหาร")
    TEACHER = "teacher", _("ครู")
    STUDENT = "student", _("นักเรียน")
    PARENT = "parent", _("ผู้ปกครอง")
    BOARD = "board", _("กรรมการสถานศึกษา")


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return self.filter(project__in=ResearchProject.objects.visible_to(user).values("pk"))


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Instrument(TimeStampedModel):
    """A questionnaire of a project: a version of a process-4 form template, answered
    through a link the researcher opens and closes."""

    class Limit(models.TextChoices):
        PER_PERSON = "person", _("ตอบได้คนละหนึ่งครั้ง")
        PER_LINK = "link", _("ตอบได้ครั้งเดียวต่อลิงก์")

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="instruments"
    )
    template = models.ForeignKey(
        "supervision.FormTemplate",
        on_delete=models.PROTECT,
        related_name="research_instruments",
        verbose_name=_("แบบเก็บข้อมูล"),
        limit_choices_to={"process": 4},
    )
    title = models.CharField(_("ชื่อเครื่องมือ"), max_length=300)
    respondent_type = models.CharField(_("ผู้ตอบ"), max_length=15, choices=RespondentType.choices)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สถานศึกษาของลิงก์"),
        help_text=_("เว้นว่าง = ลิงก์ไม่ระบุสถานศึกษา (ผู้ตอบเลือกสถานศึกษาเอง)"),
    )
    occasion = models.PositiveSmallIntegerField(
        _("ครั้งที่เก็บข้อมูล"), default=1, help_text=_("1 = ก่อนทดลอง, 2 = หลังทดลอง")
    )
    limit = models.CharField(
        _("จำนวนครั้งที่ตอบ"), max_length=6, choices=Limit.choices, default=Limit.PER_PERSON
    )
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    is_open = models.BooleanField(_("เปิดรับคำตอบ"), default=False)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("เครื่องมือวิจัย")
        verbose_name_plural = _("เครื่องมือวิจัย")
        ordering = ["project", "occasion", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("ตอบออนไลน์")
        PAPER = "paper", _("บันทึกจากแบบสอบถามกระดาษ")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The respondent's browser key (one response per person) or the submission key (a
    # resent form after a dropped connection is the same response, not a second one).
    respondent_key = models.CharField(max_length=64)
    source = models.CharField(max_length=6, choices=Source.choices, default=Source.ONLINE)
    keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("คำตอบ")
        verbose_name_plural = _("คำตอบ")
        ordering = ["instrument", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "respondent_key"], name="one_response_per_respondent_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id}#{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        "supervision.FormItem", on_delete=models.PROTECT, related_name="research_answers"
    )
    # Likert 1–5, yes 1 / no 0, or the number answered; open answers are text.
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "item"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.item_id}"


class ResearchSynthesisQuerySet(models.QuerySet["ResearchSynthesis"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated or user.is_school_staff or user.is_committee_member:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(area_office=user.area_office_id)


class ResearchSynthesis(TimeStampedModel):
    """The supervisor's summary across a year's studies (แบบ ๗.๑); the rows are the studies."""

    area_office = models.ForeignKey(
        "schools.AreaOffice", on_delete=models.CASCADE, related_name="research_syntheses"
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("สรุปผลการสังเคราะห์งานวิจัย"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ResearchSynthesisQuerySet.as_manager()

    class Meta:
        verbose_name = _("การสังเคราะห์งานวิจัย")
        verbose_name_plural = _("การสังเคราะห์งานวิจัย")
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_office", "academic_year"], name="one_research_synthesis_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_office_id} {self.academic_year_id}"
