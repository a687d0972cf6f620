"""What a strategy stands on: the figures of the SAR synthesis run it is linked to, read
from the run's stored results (the same document the synthesis PDF prints), and beside
them what later workflows know of the same standards.

Those workflows (ONESQA's results in ``external_eval``) sit above ``supervision``, which
may not import them; so, as with the dashboard, they register an evidence provider here
from their AppConfig.ready. A provider receives the office and the standard keys shown
("<set code>:<number>", as the synthesis writes them) and returns, per key, an
``ExtraEvidence`` block, in a fixed number of queries whatever the number of keys."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sar.models import SynthesisRun
from schools.models import AreaOffice

TOP_PHRASES = 5


@dataclass
class ExtraEvidence:
    """One provider's evidence for one standard, rendered by ``template`` (HTML page) and,
    where given, ``pdf_template`` (the plan's PDF) with ``context``."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    pdf_template: str = ""


EvidenceProvider = Callable[[AreaOffice, list[str]], Mapping[str, ExtraEvidence]]
_providers: list[EvidenceProvider] = []


def register(provider: EvidenceProvider) -> EvidenceProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def extra_evidence(office: AreaOffice, keys: Iterable[str]) -> dict[str, list[ExtraEvidence]]:
    """Every registered provider's evidence, per standard key."""
    wanted = sorted(set(keys))
    found: dict[str, list[ExtraEvidence]] = {}
    if not wanted:
        return found
    for provider in _providers:
        for key, block in provider(office, wanted).items():
            found.setdefault(key, []).append(block)
    return found


@dataclass
class StandardEvidence:
    key: str
    label: str
    schools: int
    good_plus_percent: float | None
    below_target: list[dict[str, Any]] = field(default_factory=list)
    improvements: list[dict[str, Any]] = field(default_factory=list)
    extra: list[ExtraEvidence] = field(default_factory=list)

    @property
    def below_target_count(self) -> int:
        return len(self.below_target)


def standards_of(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**standard, "set_name": level_set["set_name"]}
        for level_set in results.get("level_sets", [])
        for standard in level_set.get("standards", [])
    ]


def standard_choices(results: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (s["key"], f"{s['set_name']} มาตรฐานที่ {s['number']} {s['title']}")
        for s in standards_of(results)
    ]


def evidence_for(run: SynthesisRun | None, standard_key: str) -> list[StandardEvidence]:
    """The evidence of one standard of ``run`` or, without a key, of every standard: the
    schools below their targets and the common points to improve."""
    if run is None or run.status != SynthesisRun.Status.DONE:
        return []
    rows = []
    for standard in standards_of(run.results):
        if standard_key and standard["key"] != standard_key:
            continue
        rows.append(
            StandardEvidence(
                key=standard["key"],
                label=f"{standard['set_name']} มาตรฐานที่ {standard['number']} {standard['title']}",
                schools=standard.get("n", 0),
                good_plus_percent=(standard.get("good_plus") or {}).get("percent"),
                below_target=[
                    {"code": row["code"], "name": row["name"], "items": row.get("items", [])}
                    for row in standard.get("below_target", [])
                ],
                improvements=[
                    {"phrase": p["phrase"], "schools": p["schools"]}
                    for p in standard.get("improvements", [])[:TOP_PHRASES]
                ],
            )
        )
    return rows
