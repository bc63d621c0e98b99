"""Static, accessible SVG charts: section scores, a heat-map and score trends.

Each chart is inline SVG with ``role="img"``, a ``<title>`` and a ``<desc>`` that states every
value, and the values printed as text beside the marks, so it reads without colour, without
JavaScript, in print and to screen readers. Charts are drawn 360 units wide and shown at most
about 1.6 times that, so 13-unit text stays legible on a 390 px phone. Every string is escaped.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from html import escape

from docutils import nodes

from checker.report.util import fmt_score
from checker.sphinx.common import html_id

WIDTH = 360

#: Heat-map bins by score (0-100): the overview's table cells use the same classes.
HEAT_BINS = (20.0, 40.0, 60.0, 80.0)


def number(value: float | None) -> float | None:
    """``value`` if it is a finite number, else ``None`` (drawn as n/a)."""
    return value if value is not None and math.isfinite(value) else None


def percent(value: float | None, maximum: float | None = 100.0) -> float | None:
    """``value`` as a share of ``maximum`` (0-100): how a score in points is coloured;
    ``None`` unless both are finite numbers and ``maximum`` is above 0."""
    value, maximum = number(value), number(maximum)
    if value is None or maximum is None or maximum <= 0:
        return None
    return number(100.0 * value / maximum)


def heat_class(score: float | None, maximum: float | None = 100.0) -> str:
    """The heat-map bin of a score out of ``maximum`` (100, or a points checklist's best)."""
    share = percent(score, maximum)
    if share is None:
        return "playbook-heat-none"
    return f"playbook-heat-{sum(share >= b for b in HEAT_BINS)}"


def _out_of(maximum: float | None) -> str:
    return "out of 100" if maximum is None else f"in points, out of {fmt_score(maximum)}"


def _svg(prefix: str, height: float, title: str, desc: str, body: list[str], kind: str) -> str:
    digest = hashlib.sha1((title + desc).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    chart_id = f"{html_id(prefix)}-{digest}"
    return (
        f'<figure class="playbook-chart playbook-chart-{kind}">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'preserveAspectRatio="xMinYMin meet" class="playbook-svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
        f'<figcaption aria-hidden="true">{escape(title)}</figcaption></figure>'
    )


def _text(x: float, y: float, text: str, cls: str = "", anchor: str = "start") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attr}>{escape(text)}</text>'


def _wrap(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def lines_of(label: str, limit: int, most: int = 2) -> list[str]:
    """``label`` word-wrapped into at most ``most`` lines of ``limit`` characters (a word
    longer than a line is cut; only what still does not fit ends in an ellipsis)."""
    words = label.split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
    lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_wrap(line, limit) for line in lines]


def _tspans(lines: list[str], x: float, line_height: float) -> str:
    return "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else line_height:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )


def section_bars(
    prefix: str, title: str, items: Sequence[tuple[str, float | None, float | None]]
) -> nodes.raw:
    """Horizontal bars, one per section, each labelled with its title and score. Each item is
    (title, score, maximum): ``None`` for a score out of 100, else the section's best points."""
    row, top = 40.0, 8.0
    body: list[str] = []
    bar_x, bar_w = 0.0, WIDTH - 48.0
    for i, (label, value, maximum) in enumerate(items):
        scale = 100.0 if maximum is None else maximum
        y = top + i * row
        body.append(_text(bar_x, y + 12, _wrap(label, 48), "playbook-svg-label"))
        body.append(
            f'<rect x="{bar_x}" y="{y + 17:.1f}" width="{bar_w:.1f}" height="14" '
            'class="playbook-svg-track"/>'
        )
        share = percent(value, scale)
        if share is not None:
            w = bar_w * max(0.0, min(share, 100.0)) / 100.0
            body.append(
                f'<rect x="{bar_x}" y="{y + 17:.1f}" width="{w:.1f}" height="14" '
                f'class="playbook-svg-bar {heat_class(share)}"/>'
            )
        shown = fmt_score(value) if maximum is None else f"{fmt_score(value)}/{fmt_score(maximum)}"
        body.append(_text(WIDTH - 2, y + 29, shown, "playbook-svg-value", anchor="end"))
    values = "; ".join(
        f"{label}: {fmt_score(v)}" + ("" if m is None else f" of {fmt_score(m)} points")
        for label, v, m in items
    )
    points = any(m is not None for _, _, m in items)
    desc = f"Section scores {'in points' if points else 'out of 100'}. {values}."
    return nodes.raw(
        "", _svg(prefix, top + row * len(items), title, desc, body, "bars"), format="html"
    )


def heatmap(
    prefix: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    columns: Sequence[str],
    maxima: Sequence[float | None] | None = None,
) -> nodes.raw:
    """Rows x columns of scores: each cell coloured by bin and showing its value. ``maxima``
    gives each column's best score in points (``None``: out of 100)."""
    scales = list(maxima) if maxima is not None else [None] * len(columns)
    label_w = 136.0
    cell_w = (WIDTH - label_w) / max(1, len(columns))
    head = 150.0
    row_lines = [lines_of(label, 20) for label, _ in rows]
    cell_h = 34.0 if any(len(x) > 1 for x in row_lines) else 24.0
    body: list[str] = []
    for j, col in enumerate(columns):
        x = label_w + cell_w * (j + 0.5)
        parts = lines_of(col, 22)
        # Rotated: a second line sits beside the first, both centred on the column.
        shift = 4 - 6.5 * (len(parts) - 1)
        body.append(
            f'<text transform="translate({x + shift:.1f},{head - 6:.1f}) rotate(-90)" '
            f'class="playbook-svg-label">{_tspans(parts, 0, 13)}</text>'
        )
    # The score as the tables print it (66.67, 4.5), in a size that fits the cell.
    texts = [[_cell_text(number(v)) for v in values] for _, values in rows]
    longest = max((len(s) for r in texts for s in r), default=3)
    size = max(9.0, min(13.0, (cell_w - 4) / (0.62 * max(1, longest))))
    style = "" if size >= 13 else f' style="font-size:{size:.1f}px"'
    for i, ((_label, values), parts) in enumerate(zip(rows, row_lines, strict=True)):
        y = head + i * cell_h
        first = y + (16 if len(parts) == 1 else 13)
        body.append(
            f'<text x="0" y="{first:.1f}" class="playbook-svg-label">{_tspans(parts, 0, 14)}</text>'
        )
        for j, value in enumerate(values):
            x = label_w + cell_w * j
            heat = heat_class(value, scales[j] or 100.0)
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell_w - 2:.1f}" height="{cell_h - 2}" '
                f'class="playbook-svg-cell {heat}"/>'
            )
            body.append(
                f'<text x="{x + (cell_w - 2) / 2:.1f}" y="{y + cell_h / 2 + 4:.1f}" '
                f'text-anchor="middle" class="playbook-svg-cellvalue {heat}"{style}>'
                f"{escape(texts[i][j])}</text>"
            )
    lines = [
        f"{label}: "
        + ", ".join(f"{c} {fmt_score(v)}" for c, v in zip(columns, values, strict=True))
        for label, values in rows
    ]
    units = "; ".join(f"{c} {_out_of(m)}" for c, m in zip(columns, scales, strict=True))
    desc = f"Scores ({units}; n/a: not assessed). " + "; ".join(lines)
    desc += "."
    height = head + cell_h * len(rows) + 4
    return nodes.raw("", _svg(prefix, height, title, desc, body, "heatmap"), format="html")


def trend(
    prefix: str,
    title: str,
    points: Sequence[tuple[str, float | None, int]],
    maximum: float | None = None,
) -> nodes.raw:
    """Overall score (line, left scale 0-100, or 0 to ``maximum`` points) and open findings
    (bars) by assessment date."""
    scale: float = 100.0 if maximum is None else (number(maximum) or 1.0)
    left, right, top, plot_h = 30.0, WIDTH - 8.0, 26.0, 150.0
    base = top + plot_h
    step = (right - left) / max(1, len(points))
    most = max((n for _, _, n in points), default=0) or 1
    body = [
        _text(0, 12, "score ━ and open findings ▮", "playbook-svg-label"),
    ]
    for tick in (0.0, scale / 2, scale):
        y = base - plot_h * tick / scale
        body.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" class="playbook-svg-grid"/>'
        )
        body.append(_text(left - 4, y + 4, fmt_score(tick), "playbook-svg-axis", anchor="end"))
    coords = []
    for i, (date, score, count) in enumerate(points):
        cx = left + step * (i + 0.5)
        h = 0.4 * plot_h * count / most
        body.append(
            f'<rect x="{cx - 9:.1f}" y="{base - h:.1f}" width="18" height="{h:.1f}" '
            'class="playbook-svg-findings"/>'
        )
        body.append(_text(cx, base + 16, date, "playbook-svg-axis", anchor="middle"))
        body.append(_text(cx, base + 32, f"{count} open", "playbook-svg-axis", anchor="middle"))
        shown = number(score)
        if shown is not None:
            cy = base - plot_h * max(0.0, min(shown, scale)) / scale
            coords.append(f"{cx:.1f},{cy:.1f}")
            body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" class="playbook-svg-point"/>')
            body.append(_text(cx, cy - 8, fmt_score(score), "playbook-svg-value", anchor="middle"))
    if len(coords) > 1:
        body.insert(1, f'<polyline points="{" ".join(coords)}" class="playbook-svg-line"/>')
    desc = (
        f"Overall score {_out_of(maximum)} and open findings by date. "
        + "; ".join(f"{d}: score {fmt_score(s)}, {n} open findings" for d, s, n in points)
        + "."
    )
    return nodes.raw("", _svg(prefix, base + 40, title, desc, body, "trend"), format="html")


def _cell_text(value: float | None) -> str:
    """A heat-map cell's number as the tables print it (66.67, 4.5); n/a for none, or for a
    number that is not one (a forged report's NaN)."""
    return "n/a" if value is None else fmt_score(value)
