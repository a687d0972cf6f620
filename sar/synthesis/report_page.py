"""The synthesis report page, split and cached.

At 3,000 schools the whole report was 8 MB of HTML built in 6 s on every view. The
page now ships a table of contents, the overview, each level's summary table, the help
needs and the recommendations; each standard's section (narrative, items, clusters,
size bands, the schools below target a page at a time, common phrases, its chart) and
the per-school appendix (a page of schools at a time) are their own URLs, loaded by
htmx when their <details> is opened and readable without JavaScript.

A finished run's results never change, so every part is rendered once and kept in
Django's cache under the run's id and finished time (a re-run finishes at another
time), the language and the page it is for (staff or public, whose links differ).
A cached part is read without loading the results from the database."""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..models import SynthesisRun
from .presentation import present

BELOW_TARGET_PER_PAGE = 50
SCHOOLS_PER_PAGE = 100
CACHE_VERSION = 1


def _cache_seconds() -> int:
    return getattr(settings, "SYNTHESIS_PAGE_CACHE_SECONDS", 7 * 24 * 3600)


def _cached(
    run: SynthesisRun, scope: str, part: str, build: Callable[[], str | None]
) -> SafeString:
    """The part's HTML from the cache, or built and kept; 404 when ``build`` finds no
    such part (not kept: made-up addresses must not fill the cache)."""
    if run.status != SynthesisRun.Status.DONE or run.finished_at is None:
        raise Http404
    key = ":".join(
        [
            f"synthesis-page-v{CACHE_VERSION}",
            str(run.pk),
            run.finished_at.isoformat(),
            get_language() or "",
            scope,
            part,
        ]
    )
    html = cache.get(key)
    if html is None:
        html = build()
        if html is None:
            raise Http404
        cache.set(key, html, _cache_seconds())
    return mark_safe(html)  # noqa: S308 - rendered by our templates, escaped there


def _report(run: SynthesisRun):
    """The run's presented results, read from the database only when a part is built
    (the views fetch the run without its 6.5 MB of results)."""
    results = SynthesisRun.objects.filter(pk=run.pk).values_list("results", flat=True).get()
    return present(results)


def _urls(run: SynthesisRun, scope: str) -> dict[str, str]:
    namespace = "sar" if scope == "staff" else "public"
    return {
        "detail": reverse(f"{namespace}:synthesis_detail", args=[run.pk]),
        "schools": reverse(f"{namespace}:synthesis_schools", args=[run.pk]),
        "standard": f"{namespace}:synthesis_standard",
    }


def contents_html(run: SynthesisRun, scope: str) -> str:
    """The report's first part: table of contents, overview, summaries, needs."""

    def build() -> str:
        report = _report(run)
        return render_to_string(
            "sar/synthesis_report.html",
            {"report": report, "run": run, "urls": _urls(run, scope), "scope": scope},
        )

    return _cached(run, scope, "contents", build)


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def standard_html(run: SynthesisRun, scope: str, set_no: int, std_no: int, page: str | None) -> str:
    """One standard's section, with page ``page`` of its schools below target; 404 for
    a standard or page the run does not have."""
    number = _page_number(page)

    def build() -> str | None:
        report = _report(run)
        level_sets = report["level_sets"]
        if not 1 <= set_no <= len(level_sets):
            return None
        standards = level_sets[set_no - 1]["standards"]
        if not 1 <= std_no <= len(standards):
            return None
        standard = standards[std_no - 1]
        below = Paginator(standard["below_target"], BELOW_TARGET_PER_PAGE)
        if number > below.num_pages:
            return None
        url = reverse(_urls(run, scope)["standard"], args=[run.pk, set_no, std_no])
        return render_to_string(
            "sar/_synthesis_standard.html",
            {
                "report": report,
                "level_set": level_sets[set_no - 1],
                "standard": standard,
                "anchor": f"std-{set_no}-{std_no}",
                "below": below.page(number),
                "section_url": url,
            },
        )

    return _cached(run, scope, f"standard-{set_no}-{std_no}-{number}", build)


def schools_html(run: SynthesisRun, scope: str, page: str | None) -> str:
    """Page ``page`` of the per-school appendix, cluster by cluster."""
    number = _page_number(page)

    def build() -> str | None:
        report = _report(run)
        rows = [
            (group["cluster"], school)
            for group in report["appendix"]
            for school in group["schools"]
        ]
        paginator = Paginator(rows, SCHOOLS_PER_PAGE)
        if number > paginator.num_pages:
            return None
        page_rows = paginator.page(number)
        groups: list[tuple[str, list]] = []
        for cluster, school in page_rows:
            if not groups or groups[-1][0] != cluster:
                groups.append((cluster, []))
            groups[-1][1].append(school)
        return render_to_string(
            "sar/_synthesis_schools.html",
            {
                "report": report,
                "groups": groups,
                "page": page_rows,
                "section_url": _urls(run, scope)["schools"],
            },
        )

    return _cached(run, scope, f"schools-{number}", build)
