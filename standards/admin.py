from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from iqa_district.admin_scoping import VisibleToAdminMixin

from .models import Item, SchoolTarget, Standard, StandardSet
from .services import standard_set_adopt


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0


@admin.register(StandardSet)
class StandardSetAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name_th", "level", "valid_from_year", "area_office", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_th"]
    inlines = [StandardInline]
    actions = ["adopt_for_my_office"]

    @admin.action(description=_("นำชุดต้นแบบไปใช้กับสำนักงานเขตของฉัน"))
    def adopt_for_my_office(self, request, queryset):
        office = request.user.area_office
        if office is None:
            self.message_user(request, _("ผู้ใช้นี้ไม่ได้สังกัดสำนักงานเขตพื้นที่"), messages.ERROR)
            return
        for template in queryset:
            try:
                copy = standard_set_adopt(template=template, office=office)
            except ValidationError as exc:
                self.message_user(request, f"{template}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("พร้อมใช้: %(set)s") % {"set": copy.name_th})


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
class SchoolTargetAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["school", "academic_year", "item", "target_level", "target_percent"]
    list_filter = ["academic_year", "target_level"]
    search_fields = ["school__name", "school__code"]
    autocomplete_fields = ["school"]
    list_select_related = ["school", "item"]
