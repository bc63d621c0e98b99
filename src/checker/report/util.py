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
    for ``points``, the sections' maxima aggregated as the scores are (the smallest for
    ``min``, else their weighted or plain mean). 0 when no section scores; always a finite
    number, whatever the entry holds (sections that are not finite, positive and weighted
    above 0 do not count)."""
    if not in_points(score):
        return 100.0
    weighted = score["aggregate"] == "weighted"
    scored = [
        (float(s["weight"]) if weighted else 1.0, float(s["max"]))
        for s in score["sections"]
        if 0 < s["max"] < math.inf and (not weighted or 0 < s["weight"] < math.inf)
    ]
    if not scored:
        return 0.0
    if score["aggregate"] == "min":
        return min(m for _, m in scored)
    best = sum(w * m for w, m in scored) / sum(w for w, _ in scored)
    return best if math.isfinite(best) else 0.0
