"""``topology draw --format mermaid`` and ``topology diff --format markdown``: diagrams that
Mermaid's own parser (vendored, run in node) accepts, reading back the teams, groupings and
modes we meant, with every name as text however hostile."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checker.cli.app import main
from checker.topology.check import check_topology
from checker.topology.mermaid import label, mermaid
from tests.topology.conftest import BASE, TODAY, check_data, link, next_version, team

HERE = Path(__file__).parent
NODE = shutil.which("node")
EDGE = {  # mode: (Mermaid's edge type, stroke)
    "collaboration": ("double_arrow_point", "normal"),
    "x-as-a-service": ("arrow_point", "normal"),
    "facilitating": ("arrow_point", "dotted"),
    "by-request": ("arrow_point", "thick"),
    "oversight": ("arrow_circle", "normal"),
}


def parsed(*diagrams: str) -> list[dict[str, Any]]:
    if NODE is None:
        pytest.skip("node is not installed (.ci/run installs Debian's nodejs)")
    proc = subprocess.run(
        [NODE, str(HERE / "mermaid_parse.mjs")],
        input=json.dumps(list(diagrams)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out: list[dict[str, Any]] = json.loads(proc.stdout)
    return out


def test_the_parser_refuses_what_is_not_a_diagram() -> None:
    """The harness can fail: a broken label is a parse error, raw HTML a refused label."""
    bad, html = parsed('flowchart BT\n  t0[" -->', 'flowchart BT\n  t0["<img src=x>"]')
    assert not bad["ok"] and "Parse error" in bad["error"]
    assert not html["ok"] and "sanitising" in html["error"]


@pytest.mark.parametrize("name", ["five", "thirty"])
def test_every_team_grouping_and_interaction_reads_back(name: str) -> None:
    result = check_topology(HERE / "drawings" / f"{name}.yaml", today=TODAY)
    org = result.organisation
    assert org is not None
    (diagram,) = parsed(mermaid(result))
    assert diagram["ok"], diagram.get("error")
    texts = {v["text"] for v in diagram["vertices"]}
    for t in org.teams.values():
        assert any(x.startswith(f"{t.name} (") for x in texts), t.name
    assert len(diagram["vertices"]) == len(org.teams) + len(org.providers)
    edges = diagram["edges"]
    assert len(edges) == len(org.interactions)
    ids = {v["text"].split(" (")[0]: v["id"] for v in diagram["vertices"]}
    for ix, edge in zip(org.interactions, edges, strict=True):
        assert (edge["type"], edge["stroke"]) == EDGE[ix.mode], ix.mode
        assert (edge["start"], edge["end"]) == (
            ids[org.name_of(ix.source)],
            ids[org.name_of(ix.target)],
        )
    groups = {g.name for g in org.groupings.values()}
    titles = {s["title"].split(" (")[0] for s in diagram["subgraphs"]}
    assert groups <= titles


HOSTILE = [
    'Tom & "Jerry" <b>bold</b>',
    "]] --> x[pwned",
    '"]; click t0 call alert(1); x["',
    "back`tick` and ``` fence",
    "hash #quot; and #35; and |pipe|",
    "<script>alert(1)</script>",
    "line\nbreak and \u202eevil",
    "emoji 🧪 and CJK 数据",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_text(name: str) -> None:
    data = copy.deepcopy(BASE)
    data["organisation"] = name
    data["teams"][0]["name"] = name
    data["groupings"][0]["name"] = name + " g"
    result = check_data(data)
    assert result.valid, [d.format() for d in result.diagnostics]
    text = mermaid(result)
    assert "<" not in text and "`" not in text  # no markup, no fence can close early
    (diagram,) = parsed(text)
    assert diagram["ok"], diagram.get("error")
    assert len(diagram["vertices"]) == 2 and len(diagram["edges"]) == 1  # nothing injected
    # Mermaid shows the name as written (made printable: a line break or a bidi control shows
    # as an escape), with its own entity codes decoded.
    assert any(v["text"].startswith(_decoded(label(name))) for v in diagram["vertices"])
    assert diagram["subgraphs"][0]["title"].startswith(_decoded(label(name + " g")))


def _decoded(text: str) -> str:
    named = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}
    return re.sub(
        r"#(\w+);",
        lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else named[m.group(1)],
        text,
    )


def test_every_mode_has_its_own_line() -> None:
    data = copy.deepcopy(BASE)
    data["teams"] += [
        team("coach", "enabling", members={"ml-engineers": 1}),
        team("val", "complicated-subsystem", members={"scientists": 1}),
        team("recs", "stream-aligned", grouping="shop"),
    ]
    data["interactions"] = [
        link("plat", "search", "x-as-a-service"),
        link("coach", "search", "facilitating", until="2027-01-01"),
        link("plat", "recs", "by-request"),
        link("val", "search", "oversight"),
        link("search", "recs", "collaboration", until="2027-01-01"),
    ]
    (diagram,) = parsed(mermaid(check_data(data)))
    assert diagram["ok"], diagram.get("error")
    kinds = {(e["type"], e["stroke"]) for e in diagram["edges"]}
    assert kinds == set(EDGE.values())
    words = {e["text"] for e in diagram["edges"]}
    assert "facilitating until 2027-01-01" in words and "by request" in words


def test_draw_format_mermaid_writes_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "org.mmd"
    args = [
        "topology",
        "draw",
        str(HERE / "drawings" / "five.yaml"),
        "-f",
        "mermaid",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    assert out.read_text(encoding="utf-8").startswith("flowchart BT\n")
    assert main(args) == 2  # never replaced without --force
    assert "[PC501]" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_diff_markdown_shows_the_changes_in_a_diagram(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = HERE / "drawings" / "thirty.yaml"
    new = next_version(tmp_path)
    code = main(["topology", "diff", str(old), str(new), "--today", "2026-11-24", "-f", "markdown"])
    assert code == 0
    md = capsys.readouterr().out
    assert "- \\+ team ai\\-guild" in md and "- \\- team invoicing" in md
    assert "renamed 'Credit risk' \\-&gt; 'Credit decisions'" in md
    block = re.search(r"```mermaid\n(.*?)```", md, re.S)
    assert block is not None
    (diagram,) = parsed(block.group(1))
    assert diagram["ok"], diagram.get("error")
    by_text = {v["text"]: v for v in diagram["vertices"]}
    added = next(v for t, v in by_text.items() if t.startswith("AI guild"))
    removed = next(v for t, v in by_text.items() if t.startswith("Invoicing"))
    renamed = next(v for t, v in by_text.items() if t.startswith("Credit decisions"))
    assert "added" in added["classes"] and "removed" in removed["classes"]
    assert "changed" in renamed["classes"] and "renamed from Credit risk" in renamed["text"]
    marked = [e for e in diagram["edges"] if e["style"]]
    assert {e["text"].split(":")[0] for e in marked if ":" in e["text"]} >= {"added", "removed"}
    assert any("was collaboration" in e["text"] for e in marked)
