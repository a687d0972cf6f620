"""The landing dashboard is made of cards that each app contributes.

An app adds cards by defining ``dashboard.py`` with functions decorated by
``@register``; each receives the user and returns a list of ``Card``. Cards show
real counts only, computed with a bounded number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from iqa_district.accounts.models import User


@dataclass
class Card:
    title: str
    value: object
    url: str = ""
    note: str = ""
    tone: str = "primary"  # a Bootstrap contextual colour
    order: int = 100
    details: list[tuple[str, object]] = field(default_factory=list)


Provider = Callable[["User"], list[Card]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


def autodiscover() -> None:
    autodiscover_modules("dashboard")


def cards_for(user: "User") -> list[Card]:
    cards: list[Card] = []
    for provider in _providers:
        cards.extend(provider(user))
    return sorted(cards, key=lambda c: c.order)
