"""The Django admin in Thai with Buddhist-Era dates (issue 17 item 4).

The words come from locale/th (Django's, import-export's and axes' English strings where
their own Thai is missing or wrong). What a catalogue cannot reach is done here, once, from
``IqaDistrictConfig.ready()`` (after the admin has registered every model):

- dates shown in lists and read-only fields are Buddhist Era (``16 ธ.ค. 2565``, with the
  time for a date-time), not Django's Gregorian ``16 ธันวาคม 2022``;
- every date field of every admin form is typed and shown as ``16/12/2565`` and picked
  from a Buddhist-Era calendar (static/js/admin_be_date.js), date-times the same with the
  admin's time box; ISO dates (what a browser or a paste may send) are read too;
- the yes/no icons' alternative text, hard-coded English in Django, is Thai;
- django-import-export's export page names the columns by their Thai field names.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import options, widgets
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import thai

_THAI = re.compile("[\u0e00-\u0e7f]")


def be_date_text(value: datetime.date) -> str:
    """``16 ธ.ค. 2565``; a date-time also gets its Bangkok time, ``16 ธ.ค. 2565 14:05``."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        day = local.date()
        return f"{be_date_text(day)} {local:%H:%M}"
    return f"{value.day} {thai.MONTHS_SHORT[value.month - 1]} {thai.be_year(value.year)}"


class BEDateInput(forms.TextInput):
    """``16/12/2565`` in a text box, with the Buddhist-Era calendar button beside it."""

    input_type = "text"

    class Media:
        css = {"all": ["css/admin_be_date.css"]}
        js = ["js/admin_be_date.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "class": "vBEDateField",
                "size": "10",
                "placeholder": "วว/ดด/ปปปป",
                "autocomplete": "off",
                **(attrs or {}),
            }
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.date):
            return f"{value.day:02d}/{value.month:02d}/{thai.be_year(value.year)}"
        return super().format_value(value)  # type: ignore[no-any-return]


class BEDateField(forms.DateField):
    """Reads ``16/12/2565`` (BE, Thai or Arabic digits) or ``2022-12-16`` (ISO, CE). A
    four-digit year above 2400 is BE."""

    widget = BEDateInput
    default_error_messages = {
        "invalid": _("วันที่ไม่ถูกต้อง โปรดกรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 16/12/2565"),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return thai.parse_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class BESplitDateTimeWidget(widgets.AdminSplitDateTime):
    """The admin's date + time boxes, the date in BE."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets = [BEDateInput(), widgets.AdminTimeWidget()]  # type: ignore[assignment]

    @property
    def media(self) -> forms.Media:
        return BEDateInput().media + widgets.AdminTimeWidget().media


class BESplitDateTimeField(forms.SplitDateTimeField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        date, time = self.fields
        be = BEDateField(
            required=date.required, error_messages={"required": date.error_messages["required"]}
        )
        self.fields = (be, time)


DATE_OVERRIDE = {"form_class": BEDateField, "widget": BEDateInput}
DATETIME_OVERRIDE = {"form_class": BESplitDateTimeField, "widget": BESplitDateTimeWidget}
_DJANGO_DEFAULTS = {
    models.DateField: {"widget": widgets.AdminDateWidget},
    models.DateTimeField: {
        "form_class": forms.SplitDateTimeField,
        "widget": widgets.AdminSplitDateTime,
    },
}
_BOOLEAN_ALT = {True: _("ใช่"), False: _("ไม่ใช่"), None: _("ไม่ทราบ")}


def _boolean_icon(field_val: bool | None) -> str:
    from django.templatetags.static import static

    icon = {True: "yes", False: "no", None: "unknown"}[field_val]
    return format_html(
        '<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), _BOOLEAN_ALT[field_val]
    )


def _be_display(original: Any) -> Any:
    def display(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, datetime.date) and value:
            return be_date_text(value)
        return original(value, *args, **kwargs)

    display.__wrapped__ = original  # type: ignore[attr-defined]
    return display


def _export_field_label(form: Any, resource: Any, field_name: str) -> str:
    """django-import-export's export page names each column after its attribute in
    English title case ("Obec Code"); the model field's Thai verbose name is used instead,
    with the column's own header when it differs (a Thai-headed resource's)."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    field = resource.fields.get(field_name)
    column = str(field.column_name) if field is not None else field_name
    label = getattr(resource, "export_labels", {}).get(field_name)
    if label is None:
        model: Any = getattr(getattr(resource, "_meta", None), "model", None)
        attribute = (field.attribute if field is not None else None) or field_name
        try:
            label = str(capfirst(model._meta.get_field(attribute.split("__")[0]).verbose_name))
        except (AttributeError, FieldDoesNotExist):
            label = column
    # A Thai header different from the label is worth showing; an English one is a code.
    return f"{label} ({column})" if column != label and _THAI.search(column) else label


def install() -> None:
    """Idempotent: the date fields of every admin form and inline, the BE display and the
    Thai yes/no icons."""
    from django.contrib.admin import helpers, utils
    from django.contrib.admin.templatetags import admin_list

    defaults: dict[Any, Any] = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
    defaults[models.DateField] = DATE_OVERRIDE
    defaults[models.DateTimeField] = DATETIME_OVERRIDE
    for model_admin in admin.site._registry.values():
        overrides: dict[Any, Any] = model_admin.formfield_overrides  # type: ignore[assignment]
        for field, override in ((models.DateField, DATE_OVERRIDE), (models.DateTimeField, DATETIME_OVERRIDE)):  # fmt: skip
            if overrides.get(field) in (_DJANGO_DEFAULTS[field], None):
                overrides[field] = override
    setattr(admin_list, "_boolean_icon", _boolean_icon)  # noqa: B010 - private in Django
    from import_export.forms import SelectableFieldsExportForm

    SelectableFieldsExportForm._get_field_label = _export_field_label
    for module in (utils, helpers, admin_list):
        for name in ("display_for_field", "display_for_value"):
            current = getattr(module, name, None)
            if current is not None and not hasattr(current, "__wrapped__"):
                setattr(module, name, _be_display(current))
