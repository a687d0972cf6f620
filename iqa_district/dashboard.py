"""The landing dashboard is made of cards that each app contributes.

An app adds cards by defining ``dashboard.py`` with functions decorated by
``@register``; each receives the user and returns a list of ``Card``. Cards show
real counts only, computed with a bounded number of queries.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

_providers = []


@dataclass
class Card:
    title: str
    value: object
    url: str = ""
    note: str = ""
    tone: str = "primary"  # a Bootstrap contextual colour
    order: int = 100
    details: list = field(default_factory=list)  # [(label, value)]


def register(provider):
    _providers.append(provider)
    return provider


def autodiscover():
    autodiscover_modules("dashboard")


def cards_for(user):
    cards = []
    for provider in _providers:
        cards.extend(provider(user))
    return sorted(cards, key=lambda c: c.order)
