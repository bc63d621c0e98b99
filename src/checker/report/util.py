"""Small helpers shared by the report formats."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def fmt_score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def in_points(score: Mapping[str, Any]) -> bool:
    """Whether a report entry's ``score`` is in points (``scoring.unit: points``), not percent."""
    return bool(score.get("unit", "percent") == "points")


def overall_maximum(score: Mapping[str, Any]) -> float:
    """The best overall score a report entry's ``score`` could have had: 100 for ``percent``;
    for ``points``, the sections' maxima aggregated as the scores are (the smallest for
    ``min``, else their weighted or plain mean). 0 when no section scores."""
    if not in_points(score):
        return 100.0
    scored = [s for s in score["sections"] if s["max"] > 0]
    if not scored:
        return 0.0
    if score["aggregate"] == "min":
        return float(min(s["max"] for s in scored))
    weights = [s["weight"] if score["aggregate"] == "weighted" else 1.0 for s in scored]
    return float(sum(w * s["max"] for w, s in zip(weights, scored, strict=True)) / sum(weights))
