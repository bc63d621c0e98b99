"""Read a topology drawing's geometry back from its SVG: boxes, texts and interaction paths.

The drawing says where each team is (``data-box``); texts and paths are read from their
attributes. Text widths use the drawing's own estimate; the browser tests measure the rendering.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from checker.topology.textfit import measure

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    def contains(self, other: Box, slack: float = 0.01) -> bool:
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.x + other.w <= self.x + self.w + slack
            and other.y + other.h <= self.y + self.h + slack
        )

    def on_edge(self, x: float, y: float, slack: float = 0.6) -> bool:
        """Whether (x, y) lies on this box's outline."""
        inside_x = self.x - slack <= x <= self.x + self.w + slack
        inside_y = self.y - slack <= y <= self.y + self.h + slack
        near_x = min(abs(x - self.x), abs(x - self.x - self.w)) <= slack
        near_y = min(abs(y - self.y), abs(y - self.y - self.h)) <= slack
        return (near_x and inside_y) or (near_y and inside_x)

    def crossed_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the axis-parallel segment a-b passes through this box's inside."""
        (x1, y1), (x2, y2) = a, b
        lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        return (
            lo_x < self.x + self.w - 0.5
            and hi_x > self.x + 0.5
            and (lo_y < self.y + self.h - 0.5 and hi_y > self.y + 0.5)
        )


@dataclass(frozen=True)
class Text:
    box: Box
    text: str
    upright: bool


@dataclass
class Shape:
    party: str
    kind: str  # team or provider
    type: str
    box: Box
    texts: list[Text]


@dataclass
class Path:
    source: str
    target: str
    mode: str
    points: list[tuple[float, float]]


@dataclass
class Drawing:
    root: ET.Element
    width: float
    height: float
    shapes: dict[str, Shape]
    paths: list[Path]
    frames: list[Box]

    @property
    def aspect(self) -> float:
        return self.width / self.height


def _classes(el: ET.Element) -> list[str]:
    return el.get("class", "").split()


def _text_box(el: ET.Element) -> Text:
    size = float(el.get("font-size", "12"))
    bold = el.get("font-weight") == "bold"
    content = "".join(el.itertext())
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    width = measure(content, size, bold=bold)
    if el.get("transform", "").startswith("rotate(-90"):
        # Turned a quarter anticlockwise about (x, y): the text runs upward from y.
        return Text(Box(x - size * 0.8, y - width, size, width), content, True)
    anchor = el.get("text-anchor")
    left = x - width / 2 if anchor == "middle" else x
    return Text(Box(left, y - size * 0.8, width, size), content, False)


def parse(svg: str) -> Drawing:
    root = ET.fromstring(svg)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    shapes: dict[str, Shape] = {}
    paths: list[Path] = []
    frames: list[Box] = []
    for g in root.iter(f"{SVG}g"):
        cls = _classes(g)
        if "team" in cls or "provider" in cls:
            kind = "team" if "team" in cls else "provider"
            party = g.get(f"data-{kind}", "")
            x, y, w, h = (float(v) for v in g.get("data-box", "0 0 0 0").split())
            texts = [
                _text_box(t)
                for t in g.iter(f"{SVG}text")
                if "badge-ink" not in _classes(t)  # the findings mark's count: in its badge
            ]
            shapes[party] = Shape(party, kind, cls[1].split("-", 1)[1], Box(x, y, w, h), texts)
        elif "interaction" in cls:
            path = g.find(f"{SVG}path")
            assert path is not None
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.get("d", ""))]
            points = list(zip(numbers[::2], numbers[1::2], strict=True))
            paths.append(
                Path(g.get("data-from", ""), g.get("data-to", ""), g.get("data-mode", ""), points)
            )
        elif "grouping" in cls:
            rect = g.find(f"{SVG}rect")
            assert rect is not None
            frames.append(Box(*(float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))))
    return Drawing(root, width, height, shapes, paths, frames)


def segments(
    points: list[tuple[float, float]],
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    return list(itertools.pairwise(points))
