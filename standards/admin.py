from django.contrib import admin

from .models import Item, SchoolTarget, Standard, StandardSet


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0


@admin.register(StandardSet)
class StandardSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "level", "valid_from_year", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_th"]
    inlines = [StandardInline]


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ["code", "title_th", "title_en", "parent", "order", "is_assessed"]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["standard_set", "number", "title_th"]
    list_filter = ["standard_set"]
    inlines = [ItemInline]


@admin.register(SchoolTarget)
class SchoolTargetAdmin(admin.ModelAdmin):
    list_display = ["school", "academic_year", "item", "target_level", "target_percent"]
    list_filter = ["academic_year", "target_level"]
    search_fields = ["school__name", "school__code"]
    autocomplete_fields = ["school"]
