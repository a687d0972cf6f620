from django.contrib import admin

from iqa_district.admin_scoping import VisibleToAdminMixin

from .models import AcademicYear, AreaOffice, Cluster, School


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
class SchoolAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "district", "province", "cluster", "students", "is_active"]
    list_filter = ["area_office", "cluster", "is_active", "offers_ece", "offers_primary"]
    search_fields = ["code", "name", "district", "subdistrict"]
    list_select_related = ["cluster", "area_office"]
    autocomplete_fields = ["cluster"]


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["year", "starts_on", "ends_on", "sar_deadline", "is_current"]
    list_editable = ["sar_deadline", "is_current"]
