"""The two official forms of process 4: the research synthesis (แบบ ๗.๑, one row per
study grouped by the standard it addresses, and the supervisor's summary) as PDF and
XLSX, and the blank printed instrument (แบบ ๗.๒) for paper collection."""

import io
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from iqa_district.pdf import render_pdf
from iqa_district.spreadsheets import neutralise
from schools.models import AcademicYear, AreaOffice
from standards.models import Standard
from supervision.models import FormItem, FormSection

from .models import Instrument, ResearchProject, ResearchSynthesis
from .statistics import POINT_LABELS, POINTS

COMPLETED = [ResearchProject.Status.REPORTED, ResearchProject.Status.DISSEMINATED]


@dataclass
class StandardGroup:
    heading: str
    studies: list[ResearchProject]


def completed_studies(office: AreaOffice, year: AcademicYear) -> QuerySet[ResearchProject]:
    """The office's studies of the year that have reported their findings."""
    return (
        ResearchProject.objects.filter(area_office=office, academic_year=year, status__in=COMPLETED)
        .select_related("school")
        .prefetch_related(
            Prefetch(
                "standards",
                queryset=Standard.objects.select_related("standard_set").order_by(
                    "standard_set__level", "number"
                ),
            ),
            "instruments",
        )
        .order_by("title", "pk")
    )


def synthesis_groups(studies: QuerySet[ResearchProject]) -> list[StandardGroup]:
    """A heading per standard addressed (a study under each of its standards), then the
    studies that name none."""
    groups: dict[int, StandardGroup] = {}
    unassigned: list[ResearchProject] = []
    for study in studies:
        standards = list(study.standards.all())
        if not standards:
            unassigned.append(study)
        for standard in standards:
            group = groups.get(standard.pk)
            if group is None:
                heading = f"{standard.standard_set.get_level_display()} มาตรฐานที่ {standard.number} {standard.title_th}"
                group = groups[standard.pk] = StandardGroup(heading, [])
            group.studies.append(study)
    result = list(groups.values())
    if unassigned:
        result.append(StandardGroup("ไม่ระบุมาตรฐาน", unassigned))
    return result


def agency(study: ResearchProject) -> str:
    return study.school.name if study.school else study.area_office.name


def synthesis_context(office: AreaOffice, year: AcademicYear) -> dict[str, object]:
    studies = completed_studies(office, year)
    synthesis = ResearchSynthesis.objects.filter(area_office=office, academic_year=year).first()
    effective = sum(1 for s in studies if s.verdict == ResearchProject.Verdict.EFFECTIVE)
    return {
        "office": office,
        "year": year,
        "groups": synthesis_groups(studies),
        "count": len(studies),
        "effective": effective,
        "synthesis": synthesis,
    }


def synthesis_pdf(office: AreaOffice, year: AcademicYear) -> bytes:
    context = {**synthesis_context(office, year), "pdf_printed_on": timezone.localdate()}
    return render_pdf(
        "research/pdf/synthesis.html",
        context,
        metadata={"title": f"แบบ ๗.๑ แบบสังเคราะห์งานวิจัย ปีการศึกษา {year.year}"},
    )


SYNTHESIS_COLUMNS = [
    ("มาตรฐาน", 30),
    ("ชื่อเรื่อง", 40),
    ("ผู้วิจัย", 28),
    ("ปี", 8),
    ("หน่วยงาน", 28),
    ("วัตถุประสงค์", 40),
    ("กลุ่มตัวอย่าง", 30),
    ("เครื่องมือ", 30),
    ("วิธีวิเคราะห์", 28),
    ("ผลการวิจัย", 50),
    ("ข้อเสนอแนะ", 40),
    ("ผลการพิจารณารูปแบบ", 22),
    ("การนำไปใช้", 40),
]


def synthesis_workbook(office: AreaOffice, year: AcademicYear) -> bytes:
    context = synthesis_context(office, year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"แบบ ๗.๑ ปี {year.year}"
    sheet.append([name for name, _width in SYNTHESIS_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    groups: list[StandardGroup] = context["groups"]  # type: ignore[assignment]
    for group in groups:
        for s in group.studies:
            values = [
                group.heading,
                s.title,
                "\n".join(s.researcher_list),
                s.academic_year_id,
                agency(s),
                s.objectives,
                s.target_group,
                s.instruments_note,
                s.analysis,
                s.findings,
                s.recommendations,
                s.get_verdict_display() if s.verdict else "",
                s.usage,
            ]
            sheet.append([neutralise(v) for v in values])
    for index, (_name, width) in enumerate(SYNTHESIS_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    synthesis = context["synthesis"]
    if synthesis is not None and synthesis.summary:  # type: ignore[attr-defined]
        sheet.append([])
        sheet.append(["สรุปผลการสังเคราะห์", neutralise(synthesis.summary)])  # type: ignore[attr-defined]
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def questionnaire(instrument: Instrument) -> list[tuple[FormSection, list[FormItem]]]:
    items = (
        FormItem.objects.filter(section__template=instrument.template_id)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    sections: dict[int, tuple[FormSection, list[FormItem]]] = {}
    for item in items:
        sections.setdefault(item.section_id, (item.section, []))[1].append(item)
    return list(sections.values())


def instrument_pdf(instrument: Instrument) -> bytes:
    """The blank instrument (แบบ ๗.๒) to print and answer on paper."""
    context = {
        "instrument": instrument,
        "project": instrument.project,
        "sections": questionnaire(instrument),
        "points": [(p, POINT_LABELS[p]) for p in POINTS],
        "pdf_printed_on": timezone.localdate(),
    }
    return render_pdf(
        "research/pdf/instrument.html",
        context,
        metadata={"title": f"แบบ ๗.๒ {instrument.title}"},
    )
