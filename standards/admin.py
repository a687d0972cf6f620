from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from iqa_district.admin_scoping import ScopedChoicesMixin, VisibleToAdminMixin

from .models import Item, SchoolTarget, Standard, StandardSet
from .services import standard_set_adopt


def _editable(request, standard_set):
    return standard_set is None or standard_set.can_be_edited_by(request.user)


class FrozenNationalSetMixin:
    """National sets and the templates every office adopts are shared: only a superuser
    edits them, as with the shared form templates. ``standard_set_of`` maps a row to its
    set; None (an add page) is editable."""

    def standard_set_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and not _editable(request, self.standard_set_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not _editable(request, self.standard_set_of(obj)):
            return False
        return super().has_delete_permission(request, obj)


class FrozenInlineMixin(ScopedChoicesMixin):
    # An inline receives its parent as ``obj``.
    def has_change_permission(self, request, obj=None):
        if obj is not None and not _editable(request, self.parent_set(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and not _editable(request, self.parent_set(obj)):
            return False
        return super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not _editable(request, self.parent_set(obj)):
            return False
        return super().has_delete_permission(request, obj)


class StandardInline(FrozenInlineMixin, admin.TabularInline):
    model = Standard
    extra = 0

    def parent_set(self, obj):
        return obj


@admin.register(StandardSet)
class StandardSetAdmin(VisibleToAdminMixin, FrozenNationalSetMixin, admin.ModelAdmin):
    list_display = ["code", "name_th", "level", "valid_from_year", "area_office", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_th"]
    inlines = [StandardInline]
    actions = ["adopt_for_my_office"]

    def standard_set_of(self, obj):
        return obj

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return []
        # A district admin's new set is his office's; he cannot make it national.
        return ["area_office"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and not change and obj.school_id is None:
            obj.area_office_id = request.user.area_office_id
        super().save_model(request, obj, form, change)

    @admin.action(description=_("นำชุดต้นแบบไปใช้กับสำนักงานเขตของฉัน"))
    def adopt_for_my_office(self, request, queryset):
        office = request.user.area_office
        if office is None:
            self.message_user(request, _("ผู้ใช้นี้ไม่ได้สังกัดสำนักงานเขตพื้นที่"), messages.ERROR)
            return
        for template in queryset:
            try:
                copy = standard_set_adopt(template=template, office=office, actor=request.user)
            except PermissionDenied:
                self.message_user(
                    request, _("ท่านไม่มีสิทธิ์นำชุดมาตรฐานไปใช้กับสำนักงานเขตนี้"), messages.ERROR
                )
                return
            except ValidationError as exc:
                self.message_user(request, f"{template}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("พร้อมใช้: %(set)s") % {"set": copy.name_th})


class ItemInline(FrozenInlineMixin, admin.TabularInline):
    model = Item
    extra = 0
    fields = ["code", "title_th", "title_en", "parent", "order", "is_assessed"]

    def parent_set(self, obj):
        return obj.standard_set


@admin.register(Standard)
class StandardAdmin(VisibleToAdminMixin, FrozenNationalSetMixin, admin.ModelAdmin):
    list_display = ["standard_set", "number", "title_th"]
    list_filter = ["standard_set"]
    inlines = [ItemInline]

    def standard_set_of(self, obj):
        return obj.standard_set

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "standard_set" and not request.user.is_superuser:
            # A new standard goes only into a set the admin may edit.
            kwargs["queryset"] = StandardSet.objects.visible_to(request.user).exclude(
                area_office__isnull=True, school__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SchoolTarget)
class SchoolTargetAdmin(VisibleToAdminMixin, admin.ModelAdmin):
    list_display = ["school", "academic_year", "item", "target_level", "target_percent"]
    list_filter = ["academic_year", "target_level"]
    search_fields = ["school__name", "school__code"]
    autocomplete_fields = ["school"]
    list_select_related = ["school", "item"]
