from django.contrib import admin

from .models import SelfAssessmentReport, SynthesisRun


@admin.register(SelfAssessmentReport)
class SelfAssessmentReportAdmin(admin.ModelAdmin):
    list_display = ["school", "academic_year", "status", "last_submitted_at", "is_public"]
    list_filter = ["academic_year", "status", "is_public"]
    search_fields = ["school__name", "school__code"]
    list_select_related = ["school"]
    readonly_fields = ["lock_version"]


@admin.register(SynthesisRun)
class SynthesisRunAdmin(admin.ModelAdmin):
    list_display = [
        "area_office",
        "academic_year",
        "status",
        "progress",
        "created_at",
        "is_published",
    ]
    list_filter = ["status", "academic_year", "is_published"]
