"""The drawing: deterministic, well-formed, complete, escaped, and in the book's notation."""

from __future__ import annotations

import copy
import re
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.topology.check import evaluate
from checker.topology.draw import PALETTE, draw
from checker.topology.load import load_topology_text
from checker.topology.scaffold import generated
from tests.topology.conftest import BASE, ROOT, TODAY, check_data, link, team

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = sorted(ROOT.glob("examples/*/topology/*.yaml")) + sorted(
    ROOT.glob("docs/evolution/topology/*.yaml")
)


def _svg(data: dict[str, Any]) -> ET.Element:
    result = check_data(data)
    assert result.valid
    return ET.fromstring(draw(result))


def _rich() -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["teams"] += [
        team("coach", "enabling", members={"ml-engineers": 2}),
        team("core", "complicated-subsystem", members={"scientists": 3}, owns=["fc"]),
    ]
    data["interactions"] += [
        link("coach", "search", "facilitating"),
        link("core", "search", "collaboration", until="2027-01-01"),
    ]
    return data


def test_same_file_same_bytes() -> None:
    result = check_data(_rich())
    assert draw(result) == draw(check_data(_rich()))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_draw_every_team_and_interaction(path: Any) -> None:
    from checker.topology.check import check_topology

    result = check_topology(path)
    assert result.valid, [d.format() for d in result.diagnostics]
    org = result.organisation
    assert org is not None
    root = ET.fromstring(draw(result))
    drawn = [
        g.get("data-team", "") for g in root.iter(f"{SVG}g") if "team" in g.get("class", "").split()
    ]
    assert sorted(drawn) == sorted(org.teams)
    lines = [
        (g.get("data-from", ""), g.get("data-to", ""), g.get("data-mode", ""))
        for g in root.iter(f"{SVG}g")
        if "interaction" in g.get("class", "").split()
    ]
    assert sorted(lines) == sorted((ix.source, ix.target, ix.mode) for ix in org.interactions)
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None


def _boxes(root: ET.Element) -> dict[str, list[float]]:
    return {
        g.get("data-team", ""): [float(v) for v in g.get("data-box", "").split()]
        for g in root.iter(f"{SVG}g")
        if "team" in g.get("class", "").split()
    }


def test_layout_follows_team_types() -> None:
    box = _boxes(_svg(_rich()))
    x, y, w, h = box["coach"]
    assert h > w  # enabling teams stand upright
    assert x + w <= box["search"][0]  # beside (left of) the team they facilitate
    assert y <= box["search"][1] + box["search"][3] / 2 <= y + h
    assert box["search"][1] < box["core"][1] < box["plat"][1]  # streams, subsystems, platforms
    assert box["search"][2] > box["search"][3]  # stream-aligned teams are wide bands


def test_modes_are_drawn_in_the_books_notation() -> None:
    svg = draw(check_data(_rich()))
    collab = re.search(r'class="interaction mode-collaboration".*?</g>', svg)
    assert collab is not None and collab.group().count("-hatch)") == 2  # at both teams
    facil = re.search(r'class="interaction mode-facilitating".*?</g>', svg)
    assert facil is not None and "-dots)" in facil.group()
    assert 'stroke-dasharray="2 3"' in facil.group()
    xaas = re.search(r'class="interaction mode-x-as-a-service".*?</g>', svg)
    assert xaas is not None and xaas.group().count("<path") == 2  # the line and the bracket
    # Interactions are translucent: temporary, unlike the teams' solid shapes.
    assert 'fill-opacity="0.25"' in xaas.group()


def test_teams_are_marked_with_their_findings_and_linked() -> None:
    data = _rich()
    data["teams"][0]["page"] = "https://example.com/search?a=1&b=2"
    root = _svg(data)
    marks = {g.get("data-count") for g in root.iter(f"{SVG}g") if g.get("class") == "findings"}
    assert marks == {"1"}  # enabling-without-end on coach--search: search and coach
    links = [a for a in root.iter(f"{SVG}a")]
    assert [a.get("href") for a in links] == ["https://example.com/search?a=1&b=2"]
    # The link's accessible name is its visible text (no aria-label that could contradict it).
    assert links[0].get("aria-label") is None
    assert "Search" in "".join(links[0].itertext())
    assert root.get("role") == "group"  # links stay reachable by assistive technology
    assert _svg(_rich()).get("role") == "img"


HOSTILE = [
    "<script>alert(1)</script>",
    "]]></svg><svg onload=alert(1)>",
    "Tom & \"Jerry\" 'quoted'",
    "bell\u0007 and escape\u001b[31m",
    "rtl \u202eevil\u202c",
    "emoji 🧪 and CJK 数据",
    "x" * 120,
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_text(name: str) -> None:
    data = _rich()
    data["organisation"] = name
    data["teams"][0]["name"] = name
    data["interactions"][0]["purpose"] = name
    result = check_data(data)
    svg = draw(result)
    root = ET.fromstring(svg)  # well-formed XML, whatever the names
    assert root.tag == f"{SVG}svg"
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert all(not k.startswith("on") for el in root.iter() for k in el.attrib)
    assert "\u202e" not in svg and "\u0007" not in svg and "\x1b" not in svg
    assert root.find(f"{SVG}title") is not None


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip() != ""))
def test_any_name_gives_well_formed_svg(name: str) -> None:
    data = _rich()
    data["teams"][1]["name"] = name
    data["organisation"] = name
    org, diagnostics = load_topology_text(__import__("json").dumps(data), "org.yaml", today=None)
    if org is None:  # e.g. a surrogate the YAML reader refuses: a located error, not a crash
        assert diagnostics
        return
    ET.fromstring(draw(evaluate(org, "org.yaml", diagnostics)))


def test_text_is_legible_at_its_own_size() -> None:
    sizes = {float(v) for v in re.findall(r'font-size="([\d.]+)"', draw(check_data(_rich())))}
    assert min(sizes) >= 11  # CSS pixels when the SVG is shown at its intrinsic size


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", sorted(PALETTE))
def test_text_colours_meet_wcag_aa_contrast_in_both_schemes(scheme: str) -> None:
    c = PALETTE[scheme]
    for fill in ("sa", "pl", "en", "cs", "pr", "frame", "bg"):
        assert _contrast(c["ink"], c[fill]) >= 4.5, (scheme, fill)
        assert _contrast(c["muted"], c[fill]) >= 4.5, (scheme, fill)
    for marker in ("high", "medium", "low", "added", "removed", "changed"):
        assert _contrast(c["badge-ink"], c[marker]) >= 4.5, (scheme, marker)
    # Lines and mode shapes stand out from the background (WCAG 1.4.11: 3:1 for graphics).
    for line in ("collab", "xaas", "facil", "request", "oversight", "frame-line"):
        assert _contrast(c[line], c["bg"]) >= 3, (scheme, line)


def test_dark_scheme_follows_the_reader_and_the_site_theme() -> None:
    svg = draw(check_data(_rich()))
    assert "@media (prefers-color-scheme: dark)" in svg
    assert 'body[data-theme="dark"] svg.playbook-topology' in svg
    assert 'body[data-theme="light"] svg.playbook-topology' in svg
    assert f"--tt-sa:{PALETTE['dark']['sa']}" in svg
    # Every shape is drawn through the palette's properties, not a fixed colour alone.
    assert 'class="shape s-sa"' in svg and "svg.playbook-topology .s-sa{fill:var(--tt-sa)" in svg


def test_a_generated_300_team_organisation_draws_completely() -> None:
    org, diagnostics = load_topology_text(generated(300), "big.yaml")
    assert org is not None and len(org.teams) == 300
    svg = draw(evaluate(org, "big.yaml", diagnostics))
    root = ET.fromstring(svg)
    teams = [g for g in root.iter(f"{SVG}g") if "team" in g.get("class", "").split()]
    assert len(teams) == 300
    assert (
        len([g for g in root.iter(f"{SVG}g") if g.get("class") == "grouping grouping-value-stream"])
        == 37
    )


def test_by_request_oversight_and_providers_are_drawn_and_escaped() -> None:
    data = copy.deepcopy(BASE)
    data["teams"].append(team("validation", "complicated-subsystem", members={"scientists": 2}))
    data["providers"] = [
        {
            "id": "vendor",
            "name": "Vendor <script>alert(1)</script>",
            "kind": "managed-service",
            "provides": ["labelling"],
            "page": "https://vendor.example",
        }
    ]
    data["interactions"] = [
        link("plat", "search", "by-request"),
        link("validation", "search", "oversight"),
        link("vendor", "search", "x-as-a-service"),
    ]
    result = check_data(data)
    assert result.valid, [d.format() for d in result.diagnostics]
    svg = draw(result)
    root = ET.fromstring(svg)
    modes = {g.get("data-mode") for g in root.iter(f"{SVG}g") if g.get("data-mode")}
    assert {"by-request", "oversight", "x-as-a-service"} <= modes
    providers = [g for g in root.iter(f"{SVG}g") if g.get("data-provider") == "vendor"]
    assert len(providers) == 1
    assert "<script>" not in svg and "Vendor &lt;script&gt;" in svg
    labels = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "External providers" in labels and "external managed service" in labels
    assert "by request (a queue)" in labels and "oversight" in labels  # the legend
    titles = " ".join(t.text or "" for t in root.iter(f"{SVG}title"))
    assert "by request: ML Platform → Search" in titles
    assert "oversight: Validation → Search" in titles


def test_diff_svg_marks_every_change(tmp_path: Any) -> None:
    from checker.topology.changes import merged
    from checker.topology.check import check_topology
    from tests.topology.conftest import next_version
    from tests.topology.svg_geometry import parse

    old = check_topology(ROOT / "tests/topology/drawings/thirty.yaml", today=TODAY)
    new = check_topology(next_version(tmp_path), today=TODAY)
    picture, marks = merged(old, new)
    svg = draw(picture, marks=marks, title="What changed")
    root = ET.fromstring(svg)
    changed = {
        g.get("data-team"): g.get("data-change")
        for g in root.iter(f"{SVG}g")
        if g.get("data-team") and g.get("data-change")
    }
    assert changed == {
        "ai-guild": "added",
        "invoicing": "removed",
        "credit-risk": "changed",
        "returns": "changed",
    }
    lines = {
        (g.get("data-from"), g.get("data-to")): g.get("data-change")
        for g in root.iter(f"{SVG}g")
        if "interaction" in g.get("class", "").split() and g.get("data-change")
    }
    assert lines == {
        ("ai-guild", "loyalty"): "added",
        ("vision", "returns"): "removed",
        ("feature-store", "pricing"): "changed",
    }
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "renamed from Credit risk" in text and "moved from Fulfilment" in text
    titles = " ".join(t.text or "" for t in root.iter(f"{SVG}title"))
    assert "was collaboration" in titles
    # The picture of the change keeps the drawing's geometry: nothing overlaps.
    d = parse(svg)
    boxes = list(d.shapes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.box.overlaps(b.box), (a.party, b.party)


def test_types_and_modes_differ_without_colour() -> None:
    """Greyscale and colour-blind readers tell team types by shape and modes by line pattern
    and end shape, not by colour alone."""
    from checker.topology.draw import STROKE, Drawing, Marks

    assert len(set(STROKE.values())) == len(STROKE)  # width and dash pattern per mode
    drawing = Drawing(check_data(_rich()), "p", lambda t: None, Marks())
    ends = {
        mode: re.sub(r'(stroke|fill)="[^"]*"', "", drawing.glyph(mode, 0, 0)) for mode in STROKE
    }
    assert len(set(ends.values())) == len(ends)  # a shape of its own where it meets a team
    svg = draw(check_data(_rich()))
    shapes = {
        kind: re.search(rf'class="team team-{kind}"[^>]*>.*?<(rect|path)([^>]*)', svg, re.S)
        for kind in ("stream-aligned", "platform", "complicated-subsystem", "enabling")
    }
    outline = {
        k: (m.group(1), re.search(r'rx="(\d+)"', m.group(2))) for k, m in shapes.items() if m
    }
    assert outline["complicated-subsystem"][0] == "path"  # an octagon
    assert outline["platform"][1] is None  # square corners (and a heavy base line)
    assert outline["stream-aligned"][1] is not None and outline["enabling"][1] is not None
