"""Help where it is needed (issue 18 item 5): the user guide per role, the field help of
the nine IQA steps and the five quality levels, and the import templates.

The import templates belong to the apps whose importers read them, and this package may
import no app; so, as with the dashboard, each app defines ``import_templates.py`` and
registers an ``ImportTemplate`` here: its header row (the one its importer accepts) and
an example row for the user's office."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.module_loading import autodiscover_modules
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from iqa_district.accounts.models import User


@dataclass(frozen=True)
class ImportTemplate:
    key: str  # the file's address: /help/templates/<key>.xlsx
    title: StrOrPromise
    headers: Sequence[str]
    example: Callable[["User"], Sequence[object]]  # one example row for the user's office
    where: StrOrPromise  # where the filled file is uploaded, in Thai
    order: int = 100


_templates: dict[str, ImportTemplate] = {}


def register(template: ImportTemplate) -> ImportTemplate:
    _templates[template.key] = template
    return template


def import_templates() -> list[ImportTemplate]:
    return sorted(_templates.values(), key=lambda t: (t.order, t.key))


def import_template(key: str) -> ImportTemplate | None:
    return _templates.get(key)


def autodiscover() -> None:
    autodiscover_modules("import_templates")
