"""The ๗.๓ charts, as SVG drawn by our own code (no script; WeasyPrint draws it too):
ONESQA's levels per standard (the synthesis' stacked bars) and the agreement of the
school's own level with ONESQA's per standard."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from iqa_district.thai import thai_digits
from sar.synthesis.charts import stacked_levels


def distribution_chart(data: dict, *, digits: str = "arabic") -> SafeString:
    labels = dict(data["scale"])
    if set(labels) != {1, 2, 3, 4, 5}:
        return mark_safe("")  # the synthesis' bars know the five levels' colours only
    rows = [
        (
            thai_digits(s["short"]) if digits == "thai" else s["short"],
            s["n"],
            [d for d in s["distribution"] if d["level"] in labels],
        )
        for s in data["standards"]
    ]
    return stacked_levels(
        rows, labels, title="ระดับคุณภาพจาก สมศ. รายมาตรฐาน (ระดับ มาตรฐานที่)", digits=digits
    )


def agreement_chart(data: dict, *, digits: str = "arabic", width: int = 680) -> SafeString:
    """Two bars per standard: exact agreement and within one level (SAR vs ONESQA), %."""
    label_width, bar, gap, top = 170, 11, 10, 6
    plot = width - label_width - 50
    height = top + len(data["standards"]) * (2 * bar + gap) + 30
    title = "ความสอดคล้องของผลการประเมินตนเองกับผลของ สมศ. (ร้อยละ)"

    def number(value: float | None) -> str:
        text = "-" if value is None else f"{value:.2f}"
        return thai_digits(text) if digits == "thai" else text

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="synthesis-chart" role="img" '
        f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%">',
        f"<title>{escape(title)}</title>",
    ]
    for index, standard in enumerate(data["standards"]):
        y = top + index * (2 * bar + gap)
        label = thai_digits(standard["short"]) if digits == "thai" else standard["short"]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar + 4}" font-size="12" '
            f'text-anchor="end" font-family="Sarabun">{escape(label)}</text>'
        )
        for offset, key, colour in (
            (0, "exact_pct", "#1a7f37"),
            (bar, "within_one_pct", "#6cc070"),
        ):
            value = standard["sar"][key]
            w = plot * (value or 0) / 100
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{w:.2f}" height="{bar}" '
                f'fill="{colour}"/>'
                f'<text x="{label_width + w + 4:.2f}" y="{y + offset + bar - 2}" font-size="10" '
                f'font-family="Sarabun">{number(value)}</text>'
            )
    legend = height - 16
    parts.append(
        f'<rect x="{label_width}" y="{legend}" width="12" height="12" fill="#1a7f37"/>'
        f'<text x="{label_width + 16}" y="{legend + 10}" font-size="11" font-family="Sarabun">'
        f"ตรงกัน</text>"
        f'<rect x="{label_width + 90}" y="{legend}" width="12" height="12" fill="#6cc070"/>'
        f'<text x="{label_width + 106}" y="{legend + 10}" font-size="11" font-family="Sarabun">'
        f"ต่างกันไม่เกินหนึ่งระดับ</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
