"""The annual SAR synthesis (การสังเคราะห์รายงานผลการประเมินตนเองของสถานศึกษา).

``data`` reads the rows in a fixed number of queries, ``figures`` computes the results
document from them with pure functions, ``phrases`` mines the Thai narratives,
``narrative`` writes the Thai paragraphs, ``charts`` draws the SVG and ``presentation``
puts them together for the pages (``views``), the PDF (``pdf``) and the workbook
(``xlsx``). The job around it lives in ``services``; ``sar/tasks.py`` runs it on Celery.
"""

from .data import fetch_input
from .figures import compute


def synthesize(office, year, *, include_submitted=False, progress=None):
    """The results document of ``office`` for academic year ``year`` (an int)."""
    progress = progress or (lambda percent, message: None)
    progress(5, "อ่านข้อมูล SAR")
    data = fetch_input(office, year, include_submitted=include_submitted)
    return compute(data, progress=progress)


__all__ = ["compute", "fetch_input", "synthesize"]
