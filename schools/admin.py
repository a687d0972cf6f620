from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import XLSX

from iqa_district.admin_scoping import VisibleToAdminMixin
from iqa_district.audit.admin_mixins import AuditedAdminMixin, AuditedExportMixin

from .models import AcademicYear, AreaOffice, Cluster, School, SchoolImport
from .resources import SchoolResource, SchoolResourceThai, ThaiCSV


@admin.register(AreaOffice)
class AreaOfficeAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    search_fields = ["code", "name", "short_name"]
    list_filter = ["kind"]


@admin.register(Cluster)
class ClusterAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["name", "area_office"]
    list_filter = ["area_office"]
    search_fields = ["name"]
    filter_horizontal = ["supervisors"]


@admin.register(School)
class SchoolAdmin(
    AuditedAdminMixin, AuditedExportMixin, VisibleToAdminMixin, ImportExportModelAdmin
):
    """Import and export buttons come from django-import-export. The rows are checked by
    the same validator as the browser import (schools.tables.check_rows); a file with
    an error row cannot be confirmed."""

    list_display = ["code", "name", "district", "province", "cluster", "students", "is_active"]
    list_filter = ["area_office", "cluster", "is_active", "offers_ece", "offers_primary"]
    search_fields = ["code", "name", "district", "subdistrict"]
    list_select_related = ["cluster", "area_office"]
    autocomplete_fields = ["cluster"]
    resource_classes = [SchoolResourceThai, SchoolResource]
    formats = [ThaiCSV, XLSX]

    def _office_kwargs(self, request):
        # The office being imported into / exported from is the admin's own office.
        return {"office": request.user.area_office}

    def get_import_resource_kwargs(self, request, **kwargs):
        return {
            **super().get_import_resource_kwargs(request, **kwargs),
            **self._office_kwargs(request),
        }

    def generate_log_entries(self, result, request):
        # The confirmed import is written by school_import_apply, which records it as a
        # SchoolImport row; the dry run's instances the admin would log no longer exist.
        return None

    def get_export_resource_kwargs(self, request, **kwargs):
        return {
            **super().get_export_resource_kwargs(request, **kwargs),
            **self._office_kwargs(request),
        }


@admin.register(SchoolImport)
class SchoolImportAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "area_office",
        "source_name",
        "imported_by",
        "created_count",
        "updated_count",
        "unchanged_count",
        "skipped_error_count",
    ]
    list_filter = ["area_office"]
    readonly_fields = [f.name for f in SchoolImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["year", "starts_on", "ends_on", "sar_deadline", "is_current"]
    list_editable = ["sar_deadline", "is_current"]
