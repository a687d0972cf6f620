"""Office-wide counts (dashboard cards, the compliance summary) cached until the next
write to the tables they count (issue 19 item 6: a page's cost independent of the
number of schools).

The version is a PostgreSQL sequence that triggers move on every write to the counted
tables (supervision migration 0015_counts_data_version, which lists them): bulk updates, COPY, the admin,
imports and raw SQL included, which a Python hook would miss. Entries also expire after
COUNTS_CACHE_SECONDS, a bound on the one race the triggers cannot close (a count read
between the deferred trigger and the commit becoming visible). On SQLite (the embedded
demo) nothing is cached.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

COUNTS_CACHE_SECONDS = 120


def data_version() -> tuple[int, bool] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # A sequence's last value is every session's, outside transactions.
        cursor.execute("SELECT last_value, is_called FROM counts_data_version")
        last_value, is_called = cursor.fetchone()
        return int(last_value), bool(is_called)


def cached_counts(name: str, question: object, compute: Callable[[], Any]) -> Any:
    """``compute()``, cached under ``name`` and ``question`` (what decides the answer:
    the query's SQL and parameters, the year, the date) and the data's version."""
    version = data_version()
    if version is None:
        return compute()
    digest = hashlib.sha256(repr((question, version)).encode()).hexdigest()
    key = f"counts:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNTS_CACHE_SECONDS)
    return value


def query_key(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """A queryset's SQL and parameters, for ``question``."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return str(sql), tuple(params)
