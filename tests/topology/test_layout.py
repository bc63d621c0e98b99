"""The drawing's geometry at 5, 30 and 300 teams (issue 22): nothing overlaps, every text
stays in its shape, the picture is landscape, and every interaction's line touches both of its
teams and passes through no other. Plus every organisation the repository ships."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest

from checker.topology.check import TopologyResult, check_topology, evaluate
from checker.topology.draw import draw
from checker.topology.load import load_topology_text
from checker.topology.scaffold import generated
from tests.topology import svg_geometry
from tests.topology.conftest import ROOT, TODAY
from tests.topology.svg_geometry import Drawing, parse, segments

HERE = Path(__file__).parent / "drawings"
SHIPPED = sorted(ROOT.glob("examples/*/topology/*.yaml")) + sorted(
    ROOT.glob("docs/evolution/topology/*.yaml")
)
SHIPPED += sorted((Path(__file__).parent / "organisations").glob("*.yaml"))


@cache
def _result(name: str) -> TopologyResult:
    if name == "three-hundred":
        org, diagnostics = load_topology_text(generated(300), "big.yaml", today=TODAY)
        result = evaluate(org, "big.yaml", diagnostics, TODAY)
    else:
        result = check_topology(HERE / f"{name}.yaml", today=TODAY)
    assert result.valid, [d.format() for d in result.diagnostics]
    return result


@cache
def _drawing(name: str) -> Drawing:
    return parse(draw(_result(name)))


SIZES = {"five": 5, "thirty": 30, "three-hundred": 300}


@pytest.mark.parametrize("name", list(SIZES))
def test_every_team_and_interaction_is_drawn(name: str) -> None:
    org = _result(name).organisation
    assert org is not None and len(org.teams) == SIZES[name]
    d = _drawing(name)
    assert sorted(d.shapes) == sorted([*org.teams, *org.providers])
    drawn = sorted((p.source, p.target, p.mode) for p in d.paths)
    assert drawn == sorted((ix.source, ix.target, ix.mode) for ix in org.interactions)


@pytest.mark.parametrize("name", list(SIZES))
def test_no_two_shapes_overlap(name: str) -> None:
    boxes = sorted(((s.box, p) for p, s in _drawing(name).shapes.items()), key=lambda b: b[0].x)
    for i, (a, pa) in enumerate(boxes):
        for b, pb in boxes[i + 1 :]:
            if b.x >= a.x + a.w:
                break
            assert not a.overlaps(b), (pa, pb)


@pytest.mark.parametrize("name", list(SIZES))
def test_every_text_stays_inside_its_shape_and_the_picture(name: str) -> None:
    d = _drawing(name)
    for shape in d.shapes.values():
        assert shape.texts, shape.party
        for t in shape.texts:
            assert shape.box.contains(t.box), (shape.party, t.text)
    for shape in d.shapes.values():
        assert shape.box.x >= 0 and shape.box.x + shape.box.w <= d.width
        assert shape.box.y >= 0 and shape.box.y + shape.box.h <= d.height


@pytest.mark.parametrize("name", list(SIZES))
def test_names_are_wrapped_never_cut(name: str) -> None:
    org = _result(name).organisation
    assert org is not None
    d = _drawing(name)
    for party, shape in d.shapes.items():
        name_ = org.name_of(party)
        lines = [t.text for t in shape.texts][: len(name_)]
        joined = ""
        for line in lines:
            joined += line
            if joined.replace(" ", "") == name_.replace(" ", ""):
                break
        assert joined.replace(" ", "") == name_.replace(" ", ""), (party, lines)
        assert "…" not in "".join(t.text for t in shape.texts)


def test_landscape_and_within_a_screen() -> None:
    five, thirty, big = (_drawing(n) for n in SIZES)
    assert 1.0 <= five.aspect <= 2.6, (five.width, five.height)
    # A 30-team organisation fits a 1280 x 900 screen at its own size (text 11 px and up).
    assert thirty.width <= 1280 and thirty.height <= 900, (thirty.width, thirty.height)
    assert 1.1 <= thirty.aspect <= 2.0
    assert 1.1 <= big.aspect <= 2.0, (big.width, big.height)


@pytest.mark.parametrize("name", list(SIZES))
def test_every_interaction_touches_both_teams_and_crosses_no_other(name: str) -> None:
    d = _drawing(name)
    boxes = {p: s.box for p, s in d.shapes.items()}
    for path in d.paths:
        first, last = path.points[0], path.points[-1]
        assert boxes[path.source].on_edge(*first), (path.source, path.target, first)
        assert boxes[path.target].on_edge(*last), (path.source, path.target, last)
        for a, b in segments(path.points):
            assert a[0] == b[0] or a[1] == b[1], "lines run across and up, never slant"
            for party, box in boxes.items():
                if party not in (path.source, path.target):
                    assert not box.crossed_by(a, b), (path.source, path.target, party)


def _owner(path_: svg_geometry.Path, enabling: set[str]) -> tuple[str, ...]:
    source, target, mode = path_.source, path_.target, path_.mode
    if source in enabling or target in enabling:
        return (source if source in enabling else target,)
    return (source, mode)


@pytest.mark.parametrize("name", list(SIZES))
def test_trunks_never_run_along_each_other(name: str) -> None:
    """Two interactions of different trunks (a team's interactions in one mode share one) may
    cross, but never share a stretch of line: a reader could not tell which goes where."""
    org = _result(name).organisation
    assert org is not None
    enabling = {t.id for t in org.teams.values() if t.type == "enabling"}
    runs: dict[tuple[str, float], list[tuple[float, float, tuple[str, ...]]]] = {}
    for path in _drawing(name).paths:
        owner = _owner(path, enabling)
        for (x1, y1), (x2, y2) in segments(path.points):
            if y1 == y2:
                runs.setdefault(("h", y1), []).append((min(x1, x2), max(x1, x2), owner))
            else:
                runs.setdefault(("v", x1), []).append((min(y1, y2), max(y1, y2), owner))
    for key, spans in runs.items():
        spans.sort()
        for i, (_lo, hi, owner) in enumerate(spans):
            for lo2, _hi2, owner2 in spans[i + 1 :]:
                if lo2 >= hi - 1:
                    break
                assert owner == owner2, (key, owner, owner2)


@pytest.mark.parametrize("name", list(SIZES))
def test_many_meeting_one_team_stay_apart(name: str) -> None:
    """Where several interactions meet one team, each meets it at its own place."""
    d = _drawing(name)
    ends: dict[tuple[str, float, float], set[tuple[str, str]]] = {}
    for path in d.paths:
        for party, (x, y) in ((path.source, path.points[0]), (path.target, path.points[-1])):
            ends.setdefault((party, x, y), set()).add((path.source, path.mode))
    by_edge: dict[tuple[str, float], list[float]] = {}
    for (party, x, y), trunks in ends.items():
        assert len(trunks) == 1, (party, trunks)  # one trunk at one place
        by_edge.setdefault((party, x), []).append(y)
    for edge, ys in by_edge.items():
        ys.sort()
        assert all(b - a >= 12 for a, b in itertools.pairwise(ys)), edge


def test_intrinsic_size_when_opened_alone() -> None:
    root = _drawing("five").root
    width, height = root.get("width"), root.get("height")
    assert width and height and "%" not in width + height
    assert root.get("viewBox") == f"0 0 {width} {height}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_organisation_draws_cleanly(path: Path) -> None:
    result = check_topology(path, today=TODAY)
    assert result.valid, [x.format() for x in result.diagnostics]
    d = parse(draw(result))
    boxes = {p: s.box for p, s in d.shapes.items()}
    items = list(boxes.items())
    for i, (pa, a) in enumerate(items):
        for pb, b in items[i + 1 :]:
            assert not a.overlaps(b), (pa, pb)
    for shape in d.shapes.values():
        for t in shape.texts:
            assert shape.box.contains(t.box), (shape.party, t.text)
    for p in d.paths:
        assert boxes[p.source].on_edge(*p.points[0]) and boxes[p.target].on_edge(*p.points[-1])
        for start, end in segments(p.points):
            for party, box in boxes.items():
                if party not in (p.source, p.target):
                    assert not box.crossed_by(start, end), (p.source, p.target, party)
    assert d.width >= d.height * 0.9  # landscape, or nearly (a two-team organisation)
