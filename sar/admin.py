from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from iqa_district.admin_scoping import ReadOnlyAdminMixin, ScopedChoicesMixin, VisibleToAdminMixin

from .models import SAREvent, SARVersion, SelfAssessmentReport, SynthesisRun


class SARVersionInline(ScopedChoicesMixin, admin.TabularInline):
    model = SARVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "number",
        "submitted_at",
        "submitted_by",
        "board_approved_on",
        "pdf_original_name",
    )
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class SAREventInline(ScopedChoicesMixin, admin.TabularInline):
    model = SAREvent
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "created_at",
        "action",
        "actor",
        "from_status",
        "to_status",
        "comment",
    )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessmentReport)
class SelfAssessmentReportAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    """Read-mostly: the workflow (submit, return, accept) runs through the SAR pages and
    ``sar.services`` so that every change is recorded; only the public flag is editable."""

    list_display = ["school", "academic_year", "status", "last_submitted_at", "is_public"]
    list_filter = ["academic_year", "status", "is_public"]
    search_fields = ["school__name", "school__code"]
    list_select_related = ["school"]
    readonly_fields = [
        "school",
        "academic_year",
        "status",
        "first_submitted_at",
        "last_submitted_at",
        "accepted_at",
        "lock_version",
    ]
    fields = [*readonly_fields[:3], "is_public", *readonly_fields[3:]]
    inlines = [SARVersionInline, SAREventInline]
    description = _("สถานะเปลี่ยนได้จากหน้าตรวจ SAR เท่านั้น")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from . import services

        if "is_public" in form.changed_data:
            services.sar_set_public(report=obj, actor=request.user, is_public=obj.is_public)


@admin.register(SynthesisRun)
class SynthesisRunAdmin(VisibleToAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Where each office's runs stand. Runs are started, published and unpublished on the
    synthesis pages through ``sar.synthesis.services``, never edited here."""

    list_display = [
        "area_office",
        "academic_year",
        "status",
        "progress",
        "created_at",
        "is_published",
    ]
    list_filter = ["status", "academic_year", "is_published"]
