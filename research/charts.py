"""SVG charts of the statistics, drawn here: presentation attributes only (no style
attribute, so the page's CSP holds), readable in grey print, the same markup on the page
and in a PDF."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .statistics import POINT_LABELS, POINTS, Summary

# มากที่สุด … น้อยที่สุด: dark to light blue, then orange, distinguishable in grey too.
COLOURS = {5: "#1f4e79", 4: "#4a86c5", 3: "#a9c8e8", 2: "#f4b183", 1: "#c55a11"}
TEXT = {5: "#fff", 4: "#fff", 3: "#000", 2: "#000", 1: "#fff"}


def _open(title: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="research-chart" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
        f'font-family="Sarabun, sans-serif">',
        f"<title>{escape(title)}</title>",
    ]


def likert_bars(rows: list[tuple[str, Summary]], *, title: str, width: int = 680) -> SafeString:
    """One 100 % stacked bar per row (the share of each point, 5 on the left)."""
    label_width, bar, gap, top = 200, 20, 8, 4
    bar_width = width - label_width - 10
    legend_y = top + len(rows) * (bar + gap) + 4
    parts = _open(title, width, legend_y + 22)
    for index, (label, summary) in enumerate(rows):
        y = top + index * (bar + gap)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar * 0.72:.1f}" font-size="11" '
            f'text-anchor="end">{escape(short)}<title>{escape(label)}</title></text>'
        )
        x = float(label_width)
        if not summary.n:
            parts.append(f'<rect x="{x}" y="{y}" width="{bar_width}" height="{bar}" fill="#eee"/>')
            continue
        for point, point_label, count, percent in summary.percents:
            if not count:
                continue
            w = bar_width * count / summary.n
            parts.append(
                f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{bar}" fill="{COLOURS[point]}">'
                f"<title>{escape(point_label)} {percent:.1f}%</title></rect>"
            )
            if w >= 30:
                parts.append(
                    f'<text x="{x + w / 2:.2f}" y="{y + bar * 0.72:.1f}" font-size="10" '
                    f'text-anchor="middle" fill="{TEXT[point]}">{percent:.0f}</text>'
                )
            x += w
    x = float(label_width)
    for point in POINTS:
        parts.append(
            f'<rect x="{x:.1f}" y="{legend_y}" width="12" height="12" fill="{COLOURS[point]}"/>'
            f'<text x="{x + 16:.1f}" y="{legend_y + 10}" font-size="11">'
            f"{escape(str(POINT_LABELS[point]))}</text>"
        )
        x += 90
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def mean_pairs(
    rows: list[tuple[str, float | None, float | None]],
    *,
    title: str,
    legend: tuple[str, str],
    width: int = 680,
) -> SafeString:
    """Two bars per row on a 1–5 scale: before (light) and after (dark)."""
    label_width, bar, gap, top = 200, 12, 10, 4
    scale = (width - label_width - 40) / 5
    legend_y = top + len(rows) * (2 * bar + gap) + 4
    parts = _open(title, width, legend_y + 22)
    for index, (label, before, after) in enumerate(rows):
        y = top + index * (2 * bar + gap)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar * 1.3:.1f}" font-size="11" '
            f'text-anchor="end">{escape(short)}<title>{escape(label)}</title></text>'
        )
        for offset, value, colour in ((0, before, "#a9c8e8"), (bar, after, "#1f4e79")):
            if value is None:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{w:.2f}" height="{bar}" '
                f'fill="{colour}"/><text x="{label_width + w + 4:.2f}" y="{y + offset + bar - 2}" '
                f'font-size="10">{value:.2f}</text>'
            )
    for n, (text, colour) in enumerate(zip(legend, ("#a9c8e8", "#1f4e79"), strict=True)):
        x = label_width + n * 160
        parts.append(
            f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{legend_y + 10}" font-size="11">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
