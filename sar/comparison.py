"""What changed between two versions of a SAR: per item the percent, the level and the
year's target; per standard the level and every narrative field as a word-level Thai
diff (pythainlp's newmm segmentation, offline); the innovations, the board's approval
date, the needs for help, and whether the signed PDF is another file.

A read, not a workflow step, so it lives beside the services rather than in them."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
from decimal import Decimal

from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from pythainlp.tokenize import word_tokenize

from standards.models import QualityLevel, SchoolTarget

from .models import SAREvent, SARVersion, StandardResult

NARRATIVE_FIELDS = ("strengths", "improvements", "development_plan", "evidence_links")


def _level_label(level: int | None) -> str | Promise:
    return QualityLevel(level).label if level else "-"


@dataclasses.dataclass
class LevelChange:
    kind: str  # "standard" or "item"
    label: str
    old: int | None
    new: int | None
    old_percent: Decimal | None = None
    new_percent: Decimal | None = None
    target: SchoolTarget | None = None

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_percent != self.new_percent

    @property
    def level_changed(self) -> bool:
        return self.old != self.new

    @property
    def direction(self) -> int:
        """Up or down: by the level, or by the percent when the level stayed."""
        if self.old is not None and self.new is not None and self.old != self.new:
            return 1 if self.new > self.old else -1
        old, new = self.old_percent, self.new_percent
        if old is not None and new is not None and new != old:
            return 1 if new > old else -1
        return 0

    @property
    def old_display(self) -> str | Promise:
        return _level_label(self.old)

    @property
    def new_display(self) -> str | Promise:
        return _level_label(self.new)

    @property
    def old_met(self) -> bool | None:
        if self.target is None:
            return None
        return self.target.is_met_by(level=self.old, percent=self.old_percent)

    @property
    def new_met(self) -> bool | None:
        if self.target is None:
            return None
        return self.target.is_met_by(level=self.new, percent=self.new_percent)


@dataclasses.dataclass
class TextDiff:
    label: str | Promise
    old: str
    new: str
    segments: list[tuple[str, str]]  # ("equal" | "insert" | "delete", text)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _tokens(text: str) -> list[str]:
    return word_tokenize(text, engine="newmm", keep_whitespace=True) if text else []


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text with deleted and inserted words marked, Thai words as newmm cuts them."""
    a, b = _tokens(old or ""), _tokens(new or "")
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return [s for s in segments if s[1]]


def text_diff(label: str | Promise, old: str, new: str) -> TextDiff:
    return TextDiff(label, old or "", new or "", word_diff(old or "", new or ""))


@dataclasses.dataclass
class StandardComparison:
    change: LevelChange
    texts: list[TextDiff]

    @property
    def changed(self) -> bool:
        return self.change.changed or any(t.changed for t in self.texts)


@dataclasses.dataclass
class Comparison:
    old: SARVersion
    new: SARVersion
    standards: list[StandardComparison]
    items: list[LevelChange]
    texts: list[TextDiff]  # the version-wide fields
    needs_added: list[tuple[str, str]]
    needs_removed: list[tuple[str, str]]
    needs_kept: int
    pdf_changed: bool | None  # None: neither version has a PDF

    @property
    def level_changes(self) -> list[LevelChange]:
        return [s.change for s in self.standards] + self.items

    @property
    def changed_count(self) -> int:
        return (
            sum(1 for s in self.standards if s.changed)
            + sum(1 for i in self.items if i.changed)
            + sum(1 for t in self.texts if t.changed)
            + len(self.needs_added)
            + len(self.needs_removed)
            + (1 if self.pdf_changed else 0)
        )


def _digest(file: FieldFile) -> str | None:
    if not file:
        return None
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pdf_changed(old: SARVersion, new: SARVersion) -> bool | None:
    if not old.pdf and not new.pdf:
        return None
    if bool(old.pdf) != bool(new.pdf):
        return True
    try:
        if old.pdf.size != new.pdf.size:
            return True
        return _digest(old.pdf) != _digest(new.pdf)
    except OSError:
        # A file missing from storage cannot be compared; say it changed, not that it is equal.
        return True


def _needs(version: SARVersion) -> list[tuple[str, str]]:
    return [(n.get_category_display(), n.description.strip()) for n in version.help_needs.all()]


def compare_versions(old: SARVersion, new: SARVersion) -> Comparison:
    """Everything that differs between ``old`` and ``new`` of one report (a fixed
    number of queries, plus reading the two PDFs when their sizes are equal)."""
    report = new.report
    old_std: dict[int, StandardResult] = {r.standard_id: r for r in old.standard_results.all()}
    standards = []
    for r in new.standard_results.select_related("standard__standard_set"):
        label = _("มาตรฐานที่ %(number)s %(title)s (%(set)s)") % {
            "number": r.standard.number,
            "title": r.standard.title_th,
            "set": r.standard.standard_set.name_th,
        }
        before = old_std.get(r.standard_id)
        texts = [
            text_diff(
                str(getattr(StandardResult._meta.get_field(name), "verbose_name", name)),
                getattr(before, name, "") if before else "",
                getattr(r, name),
            )
            for name in NARRATIVE_FIELDS
        ]
        change = LevelChange("standard", label, before.level if before else None, r.level)
        standards.append(StandardComparison(change, texts))
    targets = {
        t.item_id: t
        for t in SchoolTarget.objects.filter(
            school=report.school_id, academic_year=report.academic_year_id
        )
    }
    old_items = {ir.item_id: ir for ir in old.item_results.all()}
    items = []
    for ir in new.item_results.select_related("item"):
        r_item, before_item = ir, old_items.get(ir.item_id)
        items.append(
            LevelChange(
                "item",
                f"{r_item.item.code} {r_item.item.title_th}",
                before_item.level if before_item else None,
                r_item.level,
                before_item.result_percent if before_item else None,
                r_item.result_percent,
                targets.get(r_item.item_id),
            )
        )
    texts = [
        text_diff(
            SARVersion._meta.get_field("innovations").verbose_name, old.innovations, new.innovations
        ),
        text_diff(
            SARVersion._meta.get_field("board_approved_on").verbose_name,
            old.board_approved_on.isoformat() if old.board_approved_on else "",
            new.board_approved_on.isoformat() if new.board_approved_on else "",
        ),
    ]
    old_needs, new_needs = _needs(old), _needs(new)
    return Comparison(
        old=old,
        new=new,
        standards=standards,
        items=items,
        texts=texts,
        needs_added=[n for n in new_needs if n not in old_needs],
        needs_removed=[n for n in old_needs if n not in new_needs],
        needs_kept=sum(1 for n in new_needs if n in old_needs),
        pdf_changed=pdf_changed(old, new),
    )


def level_changes(old: SARVersion, new: SARVersion) -> list[LevelChange]:
    """Per standard and item, the level (and percent) in ``old`` and in ``new``."""
    return compare_versions(old, new).level_changes


def last_return(report) -> SAREvent | None:
    """The district's latest return of ``report``: its version, who, and the comment."""
    return (
        report.events.filter(action=SAREvent.Action.RETURNED, version__isnull=False)
        .select_related("actor", "version")
        .order_by("-created_at", "-pk")
        .first()
    )
