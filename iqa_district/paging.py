"""Paging a list in the database by its ids first.

A list page that joins several tables and sorts on a joined or collated column makes
PostgreSQL sort every matching row at full width, and a misestimated filter (a Thai
``icontains``) can turn the joins into nested loops over every match. Sorting only the
ids, then fetching the page's rows by primary key, keeps each request's cost to one
narrow sort (or an index walk) plus one page of rows.
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet


def page_by_ids(queryset: QuerySet[Any], per_page: int, number: str | int | None) -> Page[Model]:
    """The page ``number`` of ``queryset`` (ordered, filtered), its rows fetched by id
    with the queryset's select_related, in the queryset's order."""
    ids = queryset.values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(number)
    wanted = list(page.object_list)
    rows = queryset.order_by().in_bulk(wanted)
    page.object_list = [rows[pk] for pk in wanted]
    return page
