"""Form ๗.๓ as an official PDF (iqa_district.pdf.render_pdf): the district figures, the
charts in Thai digits, the flagged schools, the narrative and the reporter's signature."""

from django.utils import timezone

from iqa_district.pdf import render_pdf

from ..models import OnesqaSynthesis
from .charts import agreement_chart, distribution_chart


def synthesis_pdf(data: dict, synthesis: OnesqaSynthesis | None) -> bytes:
    narrative = synthesis.narrative if synthesis else ""
    return render_pdf(
        "external_eval/pdf/synthesis.html",
        {
            "data": data,
            "paragraphs": [p.strip() for p in narrative.split("\n") if p.strip()],
            "synthesis": synthesis,
            "distribution_chart": distribution_chart(data, digits="thai"),
            "agreement_chart": agreement_chart(data, digits="thai"),
            "printed_on": timezone.localdate(),
        },
        metadata={
            "title": f"แบบ ๗.๓ การสังเคราะห์ผลการประเมินคุณภาพภายใน-ภายนอก {data['round']['name']}"
        },
    )
