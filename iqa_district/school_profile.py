"""A school's whole picture (``/schools/<id>/``) is made of sections that each app contributes.

The registry page belongs to ``schools``, which may import no workflow app; so, as with the
dashboard, each app defines ``school_profile.py`` with functions decorated by ``@register``.
Each receives the school, the user and today's date and returns a ``Section`` (or None when
it has nothing the user may see). A section fetches through ``visible_to(user)`` and costs a
fixed number of queries whatever the school's history.

Orders in use: 10 SARs and levels, 20 targets, 30 visits, 40 self-evaluations, 50 compliance,
60 committees; 70 is kept for ONESQA results (external_eval) and 80 for research, which
add their own ``school_profile.py`` here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


@dataclass
class Section:
    key: str  # the HTML id of the section, and its anchor in the page's table of contents
    title: str
    template: str
    order: int = 100
    context: dict[str, Any] = field(default_factory=dict)


# The school is a schools.models.School; typed loosely because this package may not
# import the apps (tests/core/test_architecture.py).
Provider = Callable[[Any, "User | AnonymousUser", datetime.date], "Section | None"]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


def autodiscover() -> None:
    autodiscover_modules("school_profile")


def sections_for(school: Any, user: "User | AnonymousUser", today: datetime.date) -> list[Section]:
    sections = [section for provider in _providers if (section := provider(school, user, today))]
    return sorted(sections, key=lambda s: s.order)
