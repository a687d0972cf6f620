"""SVG charts drawn by our own code: the page and the PDF need no JavaScript library and
WeasyPrint draws inline SVG itself. Presentation attributes only, no style attribute, so
the page's CSP (style-src 'self') holds; the page's CSS caps the width (app.css)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from iqa_district.thai import thai_digits

# ยอดเยี่ยม … กำลังพัฒนา: green to red, distinguishable in grey print too.
LEVEL_COLOURS = {5: "#1a7f37", 4: "#6cc070", 3: "#f2c744", 2: "#f08a3c", 1: "#cf3a3a"}
LEVEL_TEXT = {5: "#fff", 4: "#000", 3: "#000", 2: "#000", 1: "#fff"}


def _fmt(value, digits):
    text = f"{value:.2f}" if value is not None else "-"
    return thai_digits(text) if digits == "thai" else text


def stacked_levels(rows, level_labels, *, title, digits="arabic", width=680):
    """100 % stacked bars, one per row: ``rows`` = [(label, n, [{"level", "count",
    "percent"}] for 5..1)]. Returns safe SVG markup."""
    label_width, bar_height, gap, top = 170, 22, 8, 6
    bar_width = width - label_width - 10
    legend_y = top + len(rows) * (bar_height + gap) + 6
    height = legend_y + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="synthesis-chart" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
        f'font-family="Sarabun, sans-serif">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, n, levels) in enumerate(rows):
        y = top + index * (bar_height + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        x = float(label_width)
        if not n:
            parts.append(
                f'<rect x="{x}" y="{y}" width="{bar_width}" height="{bar_height}" fill="#eee"/>'
            )
            continue
        for entry in levels:
            share = entry["count"] / n
            if not share:
                continue
            w = bar_width * share
            level = entry["level"]
            parts.append(
                f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{bar_height}" '
                f'fill="{LEVEL_COLOURS[level]}"><title>{escape(level_labels[level])} '
                f"{_fmt(entry['percent'], digits)}%</title></rect>"
            )
            if w >= 38:
                parts.append(
                    f'<text x="{x + w / 2:.2f}" y="{y + bar_height * 0.7:.1f}" font-size="11" '
                    f'text-anchor="middle" fill="{LEVEL_TEXT[level]}">'
                    f"{_fmt(entry['percent'], digits)}</text>"
                )
            x += w
    x = float(label_width)
    for level in (5, 4, 3, 2, 1):
        parts.append(
            f'<rect x="{x:.0f}" y="{legend_y}" width="12" height="12" fill="{LEVEL_COLOURS[level]}"/>'
            f'<text x="{x + 16:.0f}" y="{legend_y + 10}" font-size="11">'
            f"{escape(level_labels[level])}</text>"
        )
        x += 16 + 11 * len(level_labels[level]) * 0.55 + 18
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
