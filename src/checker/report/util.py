"""Small helpers shared by the report formats (and the site, which shows the same figures)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Literal

from checker.report.types import (
    BaselineState,
    ExemptionEntry,
    FileEntry,
    FindingEntry,
    RiskCounts,
    ScoreEntry,
    SectionEntry,
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(text: str) -> bool:
    """Whether ``text`` is a calendar date written YYYY-MM-DD in ASCII digits (as the report
    schema's date format reads it)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def fmt_score(value: float | None) -> str:
    """A score to two decimals without trailing zeros; ``n/a`` for none (or not a number)."""
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def open_findings(counts: RiskCounts) -> int:
    """How many findings are open, whatever their risk."""
    return counts["high"] + counts["medium"] + counts["low"]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def in_points(score: ScoreEntry) -> bool:
    """Whether a report entry's ``score`` is in points (``scoring.unit: points``), not percent."""
    return score.get("unit", "percent") == "points"


def overall_maximum(score: ScoreEntry) -> float:
    """The best overall score a report entry's ``score`` could have had: 100 for ``percent``;
    for ``points``, the sections' best scores (:func:`section_best`) aggregated as the scores
    are (the smallest for ``min``, else their weighted or plain mean). 0 when no section
    scores; always a finite number, whatever the entry holds (sections that are not finite,
    positive and weighted above 0 do not count)."""
    if not in_points(score):
        return 100.0
    weighted = score["aggregate"] == "weighted"
    scored = [
        (float(s["weight"]) if weighted else 1.0, section_best(s))
        for s in score["sections"]
        if 0 < section_best(s) < math.inf and (not weighted or 0 < s["weight"] < math.inf)
    ]
    if not scored:
        return 0.0
    if score["aggregate"] == "min":
        return min(m for _, m in scored)
    best = sum(w * m for w, m in scored) / sum(w for w, _ in scored)
    return best if math.isfinite(best) else 0.0


def section_best(section: SectionEntry) -> float:
    """A points section's best score: its ``scale`` (every question applicable; N/A rescales
    the score to it), or its ``max`` in reports written before the scale was recorded."""
    return float(section.get("scale", section["max"]))


def level_text(score: ScoreEntry) -> str:
    """The level as every format names it: with the level rule's reason when it held the level
    below the score's band (``managed, held below audit-ready by open high-risk finding
    compliance-late``)."""
    level = str(score["level"] or "n/a")
    cap = score.get("capped")
    if not cap:
        return level
    findings = ", ".join(cap["findings"])
    noun = "finding" if len(cap["findings"]) == 1 else "findings"
    return f"{level}, held below {cap['band']} by open high-risk {noun} {findings}"


def level(finding: FindingEntry) -> Literal["error", "warning", "note"]:
    """The one severity every format shows for a finding: ``error`` only when it fails the run
    (``fails``, :mod:`checker.report.verdict`), else ``warning`` (high, medium) or ``note``
    (low)."""
    if finding.get("fails"):
        return "error"
    return "note" if finding["risk"] == "low" else "warning"


def exemption_of(finding: FindingEntry) -> ExemptionEntry | None:
    """The exemption of an exempted finding; ``None`` for an open one."""
    return finding["exemption"] if finding["status"] == "exempted" else None


BASELINE_LABELS: dict[BaselineState, str] = {
    "new": "new",
    "unchanged": "in the baseline",
    "updated": "riskier than in the baseline",
}
"""How each format names a finding's state against a ``--baseline`` report."""


def baseline_note(finding: FindingEntry) -> str:
    """`` (new)`` or `` (in the baseline)``... against a baseline; ``""`` without one."""
    state = finding.get("baseline")
    return f" ({BASELINE_LABELS[state]})" if state else ""


def score_drop(entry: FileEntry, baseline_file: str) -> tuple[str, int, int] | None:
    """A file's score below its ``--baseline``, as every format says it: the text, and the line
    and column of the answer whose cost rose most (line 1 when none did, e.g. a new section).
    None when the score did not fall."""
    overall = entry["baseline"]["overall"] if "baseline" in entry else None
    if not overall or not overall["lower"]:
        return None
    text = (
        f"overall score fell from {fmt_score(overall['old'])} to {fmt_score(overall['new'])} "
        f"(baseline {baseline_file})"
    )
    rose = overall.get("rose") or []
    if not rose:
        return text, 1, 1
    text += "; answers that cost more: " + ", ".join(
        f"{r['question']} (line {r['line']}: {fmt_score(r['old'])} -> {fmt_score(r['new'])})"
        for r in rose[:5]
    )
    if len(rose) > 5:
        text += f" and {len(rose) - 5} more"
    return text, rose[0]["line"], rose[0]["column"]
