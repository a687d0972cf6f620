"""The synthesis as the official PDF (Thai digits), laid out by templates/pdf/synthesis.html."""

from django.utils import timezone

from iqa_district.pdf import render_pdf

from .presentation import present


def pdf_context(run, results):
    return {
        "run": run,
        "office": run.area_office,
        "report": present(results, office_name=run.area_office.name, digits="thai"),
        "today": timezone.localdate(),
    }


def render_pdf_bytes(run, results):
    return render_pdf("pdf/synthesis.html", pdf_context(run, results))
