"""Small helpers shared by the report formats."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def fmt_score(value: float | None) -> str:
    """A score to two decimals without trailing zeros; ``n/a`` for none (or not a number)."""
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def in_points(score: Mapping[str, Any]) -> bool:
    """Whether a report entry's ``score`` is in points (``scoring.unit: points``), not percent."""
    return bool(score.get("unit", "percent") == "points")


def overall_maximum(score: Mapping[str, Any]) -> float:
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


def section_best(section: Mapping[str, Any]) -> float:
    """A points section's best score: its ``scale`` (every question applicable; N/A rescales
    the score to it), or its ``max`` in reports written before the scale was recorded."""
    return float(section.get("scale", section["max"]))


def level_text(score: Mapping[str, Any]) -> str:
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
