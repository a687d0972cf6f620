from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from iqa_district.accounts.models import User
from iqa_district.admin_scoping import ScopedChoicesMixin, VisibleToAdminMixin
from iqa_district.audit.admin_mixins import AuditedAdminMixin, AuditedExportMixin
from schools.models import AreaOffice, School

from . import services
from .models import (
    Committee,
    CommitteeMember,
    FormItem,
    FormSection,
    FormTemplate,
    SelfEvaluation,
    SelfEvaluationCommitteeMember,
    SelfEvaluationLevel,
    Visit,
    VisitAnswer,
    composition_errors,
    peer_level_errors,
)
from .resources import CommitteeMemberResource

MEMBER_FIELDS = [
    "order",
    "name",
    "position",
    "organisation",
    "role",
    "agency_rep_kind",
    "training_name",
    "training_date",
    "education_level",
    "user",
]


class CommitteeMemberInlineFormSet(BaseInlineFormSet):
    """The composition rules live here so the admin reports them on the one screen where
    the committee, its schools and its members are entered together. ``schools`` are the
    schools chosen on that screen (the committee's own are saved only after this runs)."""

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = schools

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role")
        ]
        errors = composition_errors(self.instance.kind, [m.role for m in kept])
        if self.schools is not None:
            errors += peer_level_errors(self.instance.kind, kept, self.schools)
        if errors:
            raise ValidationError(errors)


def _office_users(request):
    users = User.objects.filter(is_active=True).exclude(role=User.Role.SCHOOL_STAFF)
    if request.user.is_superuser:
        return users
    return users.filter(area_office=request.user.area_office_id)


class CommitteeMemberInline(ScopedChoicesMixin, admin.TabularInline):
    model = CommitteeMember
    formset = CommitteeMemberInlineFormSet
    fields = MEMBER_FIELDS  # type: ignore[assignment]
    extra = 3

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = _office_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Committee)
class CommitteeAdmin(AuditedAdminMixin, VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "academic_year", "order_display", "member_count", "order_pdf"]
    list_filter = ["kind", "academic_year", "is_active"]
    search_fields = ["name", "order_number", "members__name", "schools__name"]
    inlines = [CommitteeMemberInline]
    filter_horizontal = ["schools"]
    readonly_fields = ["order_pdf"]
    fieldsets = [
        (None, {"fields": ["area_office", "kind", "name", "academic_year", "is_active"]}),
        (
            _("คำสั่งแต่งตั้ง"),
            {"fields": ["order_number", "order_date", "order_preamble", "duties", "order_pdf"]},
        ),
        (_("สถานศึกษาที่รับผิดชอบ"), {"fields": ["schools"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_members=Count("members"))

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CommitteeMemberInline) and request.method == "POST":
            chosen = [pk for pk in request.POST.getlist("schools") if pk.isdigit()]
            kwargs["schools"] = list(School.objects.visible_to(request.user).filter(pk__in=chosen))
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area_office":
            kwargs["queryset"] = AreaOffice.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "schools":
            kwargs["queryset"] = School.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("area_office", request.user.area_office_id)
        return initial

    @admin.display(description=_("คำสั่งที่"), ordering="order_number")
    def order_display(self, obj):
        if not obj.order_number:
            return "-"
        from iqa_district.thai import format_date_short

        return f"{obj.order_number_thai} ({format_date_short(obj.order_date)})"

    @admin.display(description=_("จำนวนกรรมการ"), ordering="_members")
    def member_count(self, obj):
        return getattr(obj, "_members", None)

    @admin.display(description=_("พิมพ์คำสั่ง (PDF)"))
    def order_pdf(self, obj):
        if not obj or not obj.pk:
            return "-"
        url = reverse("supervision:committee_order_pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("คำสั่งแต่งตั้ง PDF"))


class CommitteeMemberQueryScoping:
    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("committee", "user")
        if request.user.is_superuser:
            return qs
        return qs.filter(committee__in=Committee.objects.visible_to(request.user))


class CommitteeMemberAdminForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["committee", *MEMBER_FIELDS]

    def clean(self):
        # Changing one member's role or level must not leave the committee incomplete.
        data = super().clean()
        committee, role = data.get("committee"), data.get("role")
        if committee and role:
            others = list(committee.members.exclude(pk=self.instance.pk))
            member = CommitteeMember(role=role, education_level=data.get("education_level") or "")
            errors = composition_errors(committee.kind, [*(m.role for m in others), role])
            errors += peer_level_errors(
                committee.kind, [*others, member], list(committee.schools.all())
            )
            if errors:
                raise ValidationError(errors)
        return data


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(
    AuditedAdminMixin,
    AuditedExportMixin,
    CommitteeMemberQueryScoping,
    ScopedChoicesMixin,
    ImportExportMixin,
    admin.ModelAdmin,
):
    """Members one by one, and their import/export. Members are removed through their
    committee's page, where the composition rule is checked."""

    form = CommitteeMemberAdminForm
    resource_classes = [CommitteeMemberResource]
    list_display = ["name", "role", "position", "organisation", "committee", "user"]
    list_filter = ["role", "committee__kind", "committee__academic_year"]
    search_fields = ["name", "position", "organisation", "committee__name"]
    list_select_related = ["committee", "user"]

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee":
            kwargs["queryset"] = Committee.objects.visible_to(request.user)
        if db_field.name == "user":
            kwargs["queryset"] = _office_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# ------------------------------------------------------------------------ form templates


def _frozen(request, template):
    """A form a visit was filled with is never edited in place, and a shared form only by
    the central administrator: an office makes its own new version instead."""
    if template.is_used:
        return True
    return template.area_office_id is None and not request.user.is_superuser


class FrozenWhenUsedMixin:
    def template_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and _frozen(request, self.template_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _frozen(request, self.template_of(obj)):
            return False
        return super().has_delete_permission(request, obj)


class FormSectionInline(ScopedChoicesMixin, admin.TabularInline):
    model = FormSection
    fields = ["order", "title"]
    extra = 0
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        if obj is not None and _frozen(request, obj):
            return False
        return super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(FormTemplate)
class FormTemplateAdmin(VisibleToAdminMixin, FrozenWhenUsedMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "version",
        "form_no",
        "process",
        "title",
        "area_office",
        "is_active",
        "usage",
    ]
    list_filter = ["process", "form_no", "is_active"]
    search_fields = ["code", "title"]
    inlines = [FormSectionInline]
    actions = ["make_new_version"]

    def template_of(self, obj):
        return obj

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_visits=Count("visits"))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["usage"]
        return ["usage", "area_office"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and not change:
            obj.area_office_id = request.user.area_office_id
        super().save_model(request, obj, form, change)

    @admin.display(description=_("การใช้งาน"))
    def usage(self, obj):
        count = getattr(obj, "_visits", None)
        if count is None:
            count = obj.visits.count() if obj.pk else 0
        if count:
            return _("ใช้แล้วใน %(n)s การนิเทศ — แก้ไขไม่ได้ ใช้คำสั่ง 'สร้างฉบับใหม่'") % {"n": count}
        if obj.pk and obj.area_office_id is None:
            return _("แบบฟอร์มกลาง — เขตพื้นที่แก้ไขได้โดยสร้างฉบับของเขต (คำสั่ง 'สร้างฉบับใหม่')")
        return _("ยังไม่ถูกใช้ แก้ไขได้")

    @admin.action(description=_("สร้างฉบับใหม่จากแบบฟอร์มที่เลือก (ฉบับเดิมเลิกใช้)"))
    def make_new_version(self, request, queryset):
        office = None if request.user.is_superuser else request.user.area_office
        for template in queryset:
            copy = services.form_template_new_version(template=template, office=office)
            self.message_user(request, _("สร้าง %(t)s แล้ว") % {"t": copy}, messages.SUCCESS)


class FormItemInline(ScopedChoicesMixin, admin.StackedInline):
    model = FormItem
    extra = 0
    fields = [
        ("order", "code", "answer_type"),
        "text",
        "evidence_prompt",
        "level5",
        "level4",
        "level3",
        "level2",
        "level1",
    ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and _frozen(request, obj.template):
            return False
        return super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(FormSection)
class FormSectionAdmin(ScopedChoicesMixin, FrozenWhenUsedMixin, admin.ModelAdmin):
    list_display = ["title", "template", "order"]
    list_filter = ["template"]
    inlines = [FormItemInline]

    def template_of(self, obj):
        return obj.template

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(template__in=FormTemplate.objects.visible_to(request.user))
        )

    def has_module_permission(self, request):
        # Reached from its form template's page, not listed on the admin index.
        return False


# ------------------------------------------------------------------------------- visits


class VisitAnswerInline(ScopedChoicesMixin, admin.TabularInline):
    model = VisitAnswer
    readonly_fields = (
        "form_item",
        "standard_item",
        "level",
        "has_evidence",
        "percent",
        "self_level",
    )
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["school", "date", "kind", "status", "committee", "template"]
    list_filter = ["status", "kind", "academic_year", "semester"]
    search_fields = ["school__name", "school__code"]
    list_select_related = ["school", "committee", "template"]
    date_hierarchy = "date"
    raw_id_fields = ["school", "committee"]
    filter_horizontal = ["supervisors"]
    inlines = [VisitAnswerInline]
    # The workflow (publish, acknowledge) runs through services with its history rows;
    # the admin shows where a visit stands but does not move it.
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "acknowledged_at",
        "acknowledged_by",
        "school_response",
    ]


class SelfEvaluationLevelInline(ScopedChoicesMixin, admin.TabularInline):
    model = SelfEvaluationLevel
    extra = 0


class SelfEvaluationCommitteeInline(admin.TabularInline):
    model = SelfEvaluationCommitteeMember
    fields = ["order", "name", "position", "role"]
    extra = 0


@admin.register(SelfEvaluation)
class SelfEvaluationAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["school", "academic_year", "semester", "date"]
    list_filter = ["academic_year", "semester"]
    search_fields = ["school__name", "school__code"]
    list_select_related = ["school"]
    raw_id_fields = ["school"]
    inlines = [SelfEvaluationCommitteeInline, SelfEvaluationLevelInline]
