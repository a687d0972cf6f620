"""The landing dashboard is made of cards that each app contributes.

An app adds cards by defining ``dashboard.py`` with functions decorated by
``@register``; each receives the user and returns a list of ``Card``. Cards show
real counts only, computed with a bounded number of queries.

A school's dashboard leads with its to-do list: each app registers what the school still
has to do (``@register_todo``), with the date it is due; the list is sorted by that date,
the most urgent first. An item is there while the work is open and gone once it is done.
"""

import datetime
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


@dataclass
class Todo:
    """One thing the school still has to do, and by when (None: no date is set)."""

    key: str  # which kind of work, stable for tests and templates
    title: str
    url: str
    due: datetime.date | None = None
    note: str = ""
    overdue: bool = False


Provider = Callable[["User"], list[Card]]
TodoProvider = Callable[["User", datetime.date], list[Todo]]
_providers: list[Provider] = []
_todo_providers: list[TodoProvider] = []


def register(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


def register_todo(provider: TodoProvider) -> TodoProvider:
    _todo_providers.append(provider)
    return provider


def autodiscover() -> None:
    autodiscover_modules("dashboard")


def cards_for(user: "User") -> list[Card]:
    cards: list[Card] = []
    for provider in _providers:
        cards.extend(provider(user))
    return sorted(cards, key=lambda c: c.order)


def todos_for(user: "User", today: datetime.date) -> list[Todo]:
    """The user's open work, the earliest due first, undated work last."""
    todos: list[Todo] = []
    for provider in _todo_providers:
        todos.extend(provider(user, today))
    for todo in todos:
        todo.overdue = todo.due is not None and todo.due < today
    return sorted(todos, key=lambda t: (t.due is None, t.due or today, t.title))
