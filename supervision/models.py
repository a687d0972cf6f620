"""Supervision and monitoring (seed processes 1 and 2): committees and their orders,
form templates as versioned data, visits with their answers, school self-evaluations.

Scoping: every model a view reads has ``visible_to(user)``. District staff see their
office; a committee member sees only the committees they sit on and those committees'
visits; school staff see only the published visit reports of their own school.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iqa_district import thai
from schools.models import TimeStampedModel
from standards.models import QualityLevel


class Semester(models.IntegerChoices):
    FIRST = 1, _("ภาคเรียนที่ ๑")
    SECOND = 2, _("ภาคเรียนที่ ๒")


# --------------------------------------------------------------------------- committees


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_committee_member:
            return self.filter(members__user=user).distinct()
        if user.is_school_staff:
            return self.filter(schools=user.school_id).distinct()
        return self.filter(area_office=user.area_office_id)


class Committee(TimeStampedModel):
    """A committee appointed by an order (คำสั่ง) of the area office."""

    class Kind(models.TextChoices):
        DISTRICT_VISIT = "district_visit", _("คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมิน ระดับเขตพื้นที่")
        SCHOOL_INTERNAL = "school_internal", _("คณะกรรมการประเมินคุณภาพภายในของสถานศึกษา")
        ONESQA_ORAL = "onesqa_oral", _("คณะกรรมการร่วมรับฟังรายงานด้วยวาจาจาก สมศ.")
        RESEARCH = "research", _("คณะกรรมการวิจัยและพัฒนาการประกันคุณภาพ")
        CLUSTER = "cluster", _("คณะกรรมการนิเทศ ติดตาม สหวิทยาเขต/กลุ่มเครือข่าย")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        related_name="committees",
        verbose_name=_("สำนักงานเขตพื้นที่"),
    )
    kind = models.CharField(_("ประเภทคณะกรรมการ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("ชื่อคณะกรรมการ"), max_length=255)
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("ปีการศึกษา"),
    )
    order_number = models.CharField(
        _("คำสั่งที่"),
        max_length=20,
        blank=True,
        help_text=_("เลขที่/ปี พ.ศ. เช่น 511/2565"),
    )
    order_date = models.DateField(_("สั่ง ณ วันที่"), null=True, blank=True)
    order_preamble = models.TextField(
        _("เหตุผลในการออกคำสั่ง"),
        blank=True,
        help_text=_("ย่อหน้าแรกของคำสั่ง; เว้นว่างเพื่อใช้ข้อความมาตรฐาน"),
    )
    duties = models.TextField(_("อำนาจหน้าที่"), blank=True)
    schools = models.ManyToManyField(
        "schools.School",
        blank=True,
        related_name="committees",
        verbose_name=_("สถานศึกษาที่รับผิดชอบ"),
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")
        ordering = ["-academic_year", "kind", "name"]
        indexes = [models.Index(fields=["area_office", "academic_year"])]

    def __str__(self):
        return self.name

    @property
    def order_number_thai(self):
        return thai.thai_digits(self.order_number)


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("ประธานกรรมการ")
        ONESQA_EXPERT = "onesqa_expert", _("ผู้ทรงคุณวุฒิจาก สมศ.")
        AGENCY_REP = "agency_rep", _("ผู้แทนหน่วยงานต้นสังกัด")
        PEER_ADMINISTRATOR = "peer_admin", _("ผู้มีประสบการณ์ด้านการบริหารในระดับเดียวกัน")
        SECRETARY = "secretary", _("กรรมการและเลขานุการ")
        MEMBER = "member", _("กรรมการ")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("คณะกรรมการ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    name = models.CharField(_("ชื่อ-สกุล"), max_length=255)
    position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    organisation = models.CharField(_("หน่วยงาน"), max_length=255, blank=True)
    role = models.CharField(_("บทบาทในคณะกรรมการ"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("บัญชีผู้ใช้"),
        help_text=_("ผูกบัญชีผู้ใช้เพื่อให้กรรมการกรอกแบบนิเทศได้"),
    )

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")
        ordering = ["committee", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


# Seed 003 / domain.md §8.1: a district evaluation committee has these three roles.
REQUIRED_DISTRICT_ROLES = (
    CommitteeMember.Role.ONESQA_EXPERT,
    CommitteeMember.Role.AGENCY_REP,
    CommitteeMember.Role.PEER_ADMINISTRATOR,
)


def composition_errors(kind, roles):
    """Thai messages for the roles a committee of ``kind`` lacks; empty when complete."""
    if kind != Committee.Kind.DISTRICT_VISIT:
        return []
    present = set(roles)
    return [
        _("คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมินต้องมี %(role)s อย่างน้อย ๑ คน")
        % {"role": CommitteeMember.Role(role).label}
        for role in REQUIRED_DISTRICT_ROLES
        if role not in present
    ]


# ----------------------------------------------------------------------- form templates


class FormTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """The shared (seeded) forms and the user's office's own versions."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(area_office__isnull=True) | Q(area_office=user.area_office_id))

    def usable_in(self, office_id):
        """The active forms an office plans visits with: its own version of a form where
        it has made one, otherwise the shared form."""
        own_codes = self.filter(area_office=office_id, is_active=True).values("code")
        return self.active().filter(
            Q(area_office=office_id) | Q(area_office__isnull=True) & ~Q(code__in=own_codes)
        )


class FormTemplate(TimeStampedModel):
    """An official form (๗.๑/๗.๒) as data. A template a visit used is frozen: editing it
    means a new version, so every visit keeps the form it was filled with."""

    class Process(models.IntegerChoices):
        PROMOTE = 1, _("กระบวนการที่ ๑ การพัฒนาส่งเสริมมาตรฐานและการประกันคุณภาพ")
        MONITOR = 2, _("กระบวนการที่ ๒ การติดตาม ตรวจสอบคุณภาพการศึกษา")

    class FormNo(models.TextChoices):
        F71 = "7.1", _("แบบ ๗.๑")
        F72 = "7.2", _("แบบ ๗.๒")

    class RowSource(models.TextChoices):
        ITEMS = "items", _("ข้อคำถามของแบบฟอร์ม")
        STANDARD_ITEMS = "standard_items", _("ประเด็นพิจารณาตามมาตรฐานของสถานศึกษา")

    area_office = models.ForeignKey(
        "schools.AreaOffice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="form_templates",
        verbose_name=_("สำนักงานเขตพื้นที่"),
        help_text=_("เว้นว่าง = แบบฟอร์มกลางที่ทุกเขตใช้ร่วมกัน (แก้ไขได้เฉพาะผู้ดูแลระบบกลาง)"),
    )
    code = models.CharField(_("รหัสแบบฟอร์ม"), max_length=30)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    title = models.CharField(_("ชื่อแบบฟอร์ม"), max_length=500)
    process = models.PositiveSmallIntegerField(_("กระบวนการ"), choices=Process.choices)
    form_no = models.CharField(_("แบบที่"), max_length=5, choices=FormNo.choices)
    row_source = models.CharField(
        _("แหล่งของรายการประเมิน"),
        max_length=20,
        choices=RowSource.choices,
        default=RowSource.ITEMS,
        help_text=_("ประเด็นพิจารณาตามมาตรฐาน: ดึงจากชุดมาตรฐานที่สถานศึกษาใช้ ณ วันที่กรอก"),
    )
    instructions = models.TextField(_("คำชี้แจง"), blank=True)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    objects = FormTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("แบบฟอร์มนิเทศ/ติดตาม")
        verbose_name_plural = _("แบบฟอร์มนิเทศ/ติดตาม")
        ordering = ["process", "form_no", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=Q(area_office__isnull=True),
                name="unique_shared_form_code_version",
            ),
            models.UniqueConstraint(
                fields=["area_office", "code", "version"],
                condition=Q(area_office__isnull=False),
                name="unique_office_form_code_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_form_no_display()} {self.title} (ฉบับที่ {self.version})"

    @property
    def is_used(self):
        return self.visits.exists()


class FormSection(models.Model):
    template = models.ForeignKey(
        FormTemplate, on_delete=models.CASCADE, related_name="sections", verbose_name=_("แบบฟอร์ม")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("ชื่อตอน"), max_length=500)

    class Meta:
        verbose_name = _("ตอนของแบบฟอร์ม")
        verbose_name_plural = _("ตอนของแบบฟอร์ม")
        ordering = ["template", "order", "pk"]

    def __str__(self):
        return self.title


class FormItem(models.Model):
    class AnswerType(models.TextChoices):
        RUBRIC = "rubric", _("ระดับคุณภาพ ๕ ระดับ (เกณฑ์รูบริก)")
        YES_NO = "yes_no", _("มี/ไม่มี")
        PERCENT = "percent", _("ร้อยละ")
        TEXT = "text", _("ข้อความ")

    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("ตอน")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    code = models.CharField(_("ข้อ"), max_length=20, blank=True)
    text = models.TextField(_("ประเด็นการนิเทศ/ติดตาม"))
    answer_type = models.CharField(
        _("รูปแบบคำตอบ"), max_length=10, choices=AnswerType.choices, default=AnswerType.RUBRIC
    )
    evidence_prompt = models.TextField(_("ร่องรอย/หลักฐานที่ควรพบ"), blank=True)
    level5 = models.TextField(_("ระดับ ๕ ยอดเยี่ยม"), blank=True)
    level4 = models.TextField(_("ระดับ ๔ ดีเลิศ"), blank=True)
    level3 = models.TextField(_("ระดับ ๓ ดี"), blank=True)
    level2 = models.TextField(_("ระดับ ๒ ปานกลาง"), blank=True)
    level1 = models.TextField(_("ระดับ ๑ กำลังพัฒนา"), blank=True)

    class Meta:
        verbose_name = _("ข้อคำถาม")
        verbose_name_plural = _("ข้อคำถาม")
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return f"{self.code} {self.text[:60]}".strip()

    @property
    def descriptors(self):
        """[(level, label, descriptor)] from 5 down to 1."""
        return [
            (level, QualityLevel(level).label, getattr(self, f"level{level}"))
            for level in (5, 4, 3, 2, 1)
        ]


# ------------------------------------------------------------------------------ visits


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.is_school_staff:
            return self.filter(school=user.school_id, status=Visit.Status.PUBLISHED)
        if user.is_committee_member:
            return self.filter(Q(committee__members__user=user) | Q(supervisors=user)).distinct()
        return self.filter(school__area_office=user.area_office_id)

    def done(self):
        """Visits that took place: published, or being recorded on or after their date."""
        from django.utils import timezone

        return self.filter(
            Q(status=Visit.Status.PUBLISHED)
            | Q(status=Visit.Status.IN_PROGRESS, date__lte=timezone.localdate())
        )


class Visit(TimeStampedModel):
    """One supervision/monitoring visit of one school, recorded on one form version."""

    class Kind(models.TextChoices):
        IQA_SUPERVISION = "iqa", _("นิเทศ ติดตามระบบการประกันคุณภาพภายใน (กระบวนการที่ ๑)")
        DISTRICT_VISIT = "district", _("ตรวจเยี่ยมพื้นที่เชิงประเมิน ระดับเขตพื้นที่ (กระบวนการที่ ๒)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("วางแผนแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังบันทึกผล")
        PUBLISHED = "published", _("เผยแพร่รายงานแล้ว")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("ปีการศึกษา"),
    )
    semester = models.PositiveSmallIntegerField(_("ภาคเรียน"), choices=Semester.choices)
    kind = models.CharField(_("ประเภทการนิเทศ"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("วันที่นิเทศ"))
    visit_no = models.PositiveSmallIntegerField(_("ครั้งที่"), default=1)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("คณะกรรมการ"),
    )
    template = models.ForeignKey(
        FormTemplate, on_delete=models.PROTECT, related_name="visits", verbose_name=_("แบบฟอร์ม")
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervised_visits",
        verbose_name=_("ผู้นิเทศ"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    findings = models.TextField(_("ข้อค้นพบ"), blank=True)
    strengths = models.TextField(_("จุดเด่น"), blank=True)
    improvements = models.TextField(_("จุดที่ควรพัฒนา"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    acceleration_measures = models.TextField(_("มาตรการเร่งรัดการพัฒนาคุณภาพการศึกษา"), blank=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )
    acknowledged_at = models.DateTimeField(_("สถานศึกษารับทราบเมื่อ"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้รับทราบ"),
    )
    school_response = models.TextField(_("ความเห็น/การดำเนินการของสถานศึกษา"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("การนิเทศ/ตรวจเยี่ยม")
        verbose_name_plural = _("การนิเทศ/ตรวจเยี่ยม")
        ordering = ["date", "school"]
        indexes = [
            models.Index(fields=["academic_year", "status"]),
            models.Index(fields=["date"]),
        ]

    def __str__(self):
        return f"{self.school} {thai.format_date_short(self.date)}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def is_assigned(self, user):
        """An assigned supervisor or a member of the visit's committee."""
        if self.supervisors.filter(pk=user.pk).exists():
            return True
        return bool(self.committee_id) and self.committee.members.filter(user=user).exists()

    def can_be_filled_by(self, user):
        if self.is_published or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if user.is_school_staff or user.is_executive:
            return False
        if user.area_office_id != self.school.area_office_id:
            return False
        return user.is_district_admin or self.is_assigned(user)

    def can_be_published_by(self, user):
        return self.can_be_filled_by(user) and user.can_manage_quality

    def can_be_acknowledged_by(self, user):
        return (
            self.is_published
            and user.is_school_staff
            and user.school_id == self.school_id
            and self.acknowledged_at is None
        )


class VisitAnswer(models.Model):
    """One row of a filled form: a template item, or (process 2 ๗.๑) a standard item."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="answers", verbose_name=_("การนิเทศ")
    )
    form_item = models.ForeignKey(
        FormItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("ข้อคำถาม"),
    )
    standard_item = models.ForeignKey(
        "standards.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit_answers",
        verbose_name=_("ประเด็นพิจารณา"),
    )
    order = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ (คณะกรรมการ)"), choices=QualityLevel.choices, null=True, blank=True
    )
    has_evidence = models.BooleanField(_("การดำเนินการ (มี/ไม่มี)"), null=True, blank=True)
    percent = models.DecimalField(_("ร้อยละ"), max_digits=5, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("คำตอบ"), blank=True)
    # Process 2 ๗.๑ columns (domain.md §6.5).
    target_level = models.PositiveSmallIntegerField(
        _("ค่าเป้าหมาย (ระดับ)"), choices=QualityLevel.choices, null=True, blank=True
    )
    target_percent = models.DecimalField(
        _("ค่าเป้าหมาย (ร้อยละ)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    self_level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพที่สถานศึกษาประเมิน"), choices=QualityLevel.choices, null=True, blank=True
    )
    method_document = models.BooleanField(_("ตรวจเอกสาร"), default=False)
    method_interview = models.BooleanField(_("สัมภาษณ์"), default=False)
    method_observation = models.BooleanField(_("สังเกต"), default=False)
    evidence = models.TextField(_("ร่องรอย/หลักฐาน"), blank=True)
    finding = models.TextField(_("ข้อค้นพบ"), blank=True)
    recommendation = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    updated_at = models.DateTimeField(_("บันทึกล่าสุด"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ผลการนิเทศรายข้อ")
        verbose_name_plural = _("ผลการนิเทศรายข้อ")
        ordering = ["visit", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(form_item__isnull=False, standard_item__isnull=True)
                | Q(form_item__isnull=True, standard_item__isnull=False),
                name="visit_answer_one_row_source",
            ),
            models.UniqueConstraint(
                fields=["visit", "form_item"],
                condition=Q(form_item__isnull=False),
                name="unique_visit_form_item",
            ),
            models.UniqueConstraint(
                fields=["visit", "standard_item"],
                condition=Q(standard_item__isnull=False),
                name="unique_visit_standard_item",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="visit_answer_percent_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.visit} {self.form_item or self.standard_item}"

    @property
    def methods_display(self):
        labels = []
        if self.method_document:
            labels.append(_("ตรวจเอกสาร"))
        if self.method_interview:
            labels.append(_("สัมภาษณ์"))
        if self.method_observation:
            labels.append(_("สังเกต"))
        return ", ".join(str(label) for label in labels)


class VisitEvent(models.Model):
    """Who did what to a visit (planned, filled, published, acknowledged)."""

    class Action(models.TextChoices):
        PLANNED = "planned", _("วางแผนการนิเทศ")
        STARTED = "started", _("เริ่มบันทึกผล")
        PUBLISHED = "published", _("เผยแพร่รายงาน")
        ACKNOWLEDGED = "acknowledged", _("สถานศึกษารับทราบ")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ประวัติการนิเทศ")
        verbose_name_plural = _("ประวัติการนิเทศ")
        ordering = ["visit", "at", "pk"]

    def __str__(self):
        return f"{self.visit} {self.get_action_display()}"


# ------------------------------------------------------------------ self-evaluations


class SelfEvaluationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from schools.models import School

        if not user.is_authenticated or user.is_committee_member:
            return self.none()
        return self.filter(school__in=School.objects.visible_to(user))


class SelfEvaluation(TimeStampedModel):
    """A school's own semester evaluation (at least once a semester, domain.md §8.2)."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="self_evaluations",
        verbose_name=_("สถานศึกษา"),
    )
    academic_year = models.ForeignKey(
        "schools.AcademicYear",
        on_delete=models.PROTECT,
        related_name="self_evaluations",
        verbose_name=_("ปีการศึกษา"),
    )
    semester = models.PositiveSmallIntegerField(_("ภาคเรียน"), choices=Semester.choices)
    date = models.DateField(_("วันที่ประเมิน"))
    committee = models.TextField(
        _("คณะกรรมการประเมินภายใน"), blank=True, help_text=_("รายชื่อ/คำสั่งแต่งตั้งของสถานศึกษา")
    )
    notes = models.TextField(_("สรุปผลและข้อสังเกต"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )

    objects = SelfEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การประเมินคุณภาพภายในของสถานศึกษา")
        verbose_name_plural = _("การประเมินคุณภาพภายในของสถานศึกษา")
        ordering = ["-date", "school"]
        indexes = [models.Index(fields=["academic_year", "semester"])]

    def __str__(self):
        return f"{self.school} {self.academic_year_id}/{self.semester}"


class SelfEvaluationLevel(models.Model):
    self_evaluation = models.ForeignKey(
        SelfEvaluation, on_delete=models.CASCADE, related_name="levels"
    )
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.PROTECT, related_name="+", verbose_name=_("มาตรฐาน")
    )
    level = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพ"), choices=QualityLevel.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ระดับคุณภาพรายมาตรฐาน")
        verbose_name_plural = _("ระดับคุณภาพรายมาตรฐาน")
        ordering = ["self_evaluation", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_evaluation", "standard"], name="unique_self_eval_standard"
            ),
        ]

    def __str__(self):
        return f"{self.self_evaluation} {self.standard_id}: {self.level}"
