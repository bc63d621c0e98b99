"""Badges: small SVG images a team puts in its README, like OpenSSF Scorecard's, linking to its
page in the organisation's site.

A team's badge says its open high- and medium-risk findings across its newest assessments (red
with a high one, orange with a medium one, green with neither); a checklist's badge its score
and level. Each is a complete SVG with ``role="img"``, a ``<title>`` and an ``aria-label``; the
text is escaped, and the width follows the text (Verdana-like advance widths, as shields.io
draws them).
"""

from __future__ import annotations

from html import escape

from checker.report.util import fmt_score

RED, ORANGE, GREEN, GREY, DARK = "#c0392b", "#b35900", "#2e7d32", "#595959", "#333333"
# Contrast of white text on each: at least 4.5:1 (WCAG AA for small text).

_WIDE = set("mwMW@%")
_NARROW = set("il.,:;|!'()[]{}1 tfjrI")


def text_width(text: str) -> float:
    """An estimate of ``text``'s width at 11 px in Verdana."""
    total = 0.0
    for ch in text:
        if ch in _WIDE:
            total += 10.0
        elif ch in _NARROW:
            total += 4.0
        elif ch.isupper() or ch.isdigit():
            total += 7.5
        else:
            total += 6.6
    return total


def svg(label: str, message: str, colour: str) -> str:
    """A two-part badge: ``label`` on dark grey, ``message`` on ``colour``."""
    label, message = label[:40], message[:60]
    left = round(text_width(label) + 12)
    right = round(text_width(message) + 12)
    width = left + right
    name = escape(f"{label}: {message}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" '
        f'viewBox="0 0 {width} 20" role="img" aria-label="{name}">'
        f"<title>{name}</title>"
        f'<rect width="{left}" height="20" fill="{DARK}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" '
        'text-anchor="middle">'
        f'<text x="{left / 2:.1f}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(message)}</text>'
        "</g></svg>\n"
    )


def team_message(high: int, medium: int, assessed: int) -> tuple[str, str]:
    """The text and colour of a team's badge."""
    if not assessed:
        return "not assessed", GREY
    if high:
        return f"{high} high, {medium} medium", RED
    if medium:
        return f"{medium} medium", ORANGE
    return "no high or medium", GREEN


def team_badge(high: int, medium: int, assessed: int) -> str:
    message, colour = team_message(high, medium, assessed)
    return svg("ML playbook", message, colour)


def checklist_badge(
    title: str, overall: float | None, maximum: float, level: str | None, points: bool
) -> str:
    """A checklist's badge: its newest score (``4.5/7`` in points, ``72`` out of 100) and
    level, coloured by the share of the best score."""
    score = fmt_score(overall) + (f"/{fmt_score(maximum)}" if points else "")
    share = None if overall is None or maximum <= 0 else overall / maximum
    colour = GREY if share is None else GREEN if share >= 0.7 else ORANGE if share >= 0.4 else RED
    return svg(title, f"{score} {level or ''}".strip(), colour)
