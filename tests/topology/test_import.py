"""``topology import team-api`` and ``topology import backstage`` (issue 22): fixtures written
from the formats' public documentation, names used as references, tables in the markdown
body, what does not map warned with file, line and column, a valid and deterministic file
with a comment naming its source, and the round trip import -> check -> draw."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from checker.cli.app import main
from checker.diagnostics import Diagnostic
from checker.load.yaml import load_text
from checker.topology.check import check_topology
from checker.topology.draw import draw
from checker.topology.imports import import_backstage, import_team_api
from checker.topology.mermaid import mermaid

HERE = Path(__file__).parent / "imports"
TEAM_API = HERE / "team-api"
CATALOG = HERE / "backstage" / "org.yaml"
AS_OF = dt.date(2026, 11, 1)


def _warnings(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, int, int]]:
    return sorted((d.code, Path(d.file).name, d.line, d.column) for d in diagnostics)


def _data(text: str) -> dict[str, Any]:
    data: dict[str, Any] = load_text(text, "imported.yaml").data
    return data


def test_team_api_folder_imports_teams_groupings_and_interactions() -> None:
    result = import_team_api(TEAM_API, organisation="Harbour Retail", as_of=AS_OF)
    assert result.text is not None
    data = _data(result.text)
    teams = {t["id"]: t for t in data["teams"]}
    assert sorted(teams) == [
        "data-enablement",
        "image-understanding",
        "ml-platform-team",
        "recommendations",
        "search-relevance",
    ]
    assert teams["search-relevance"]["grouping"] == "shopping"
    assert teams["ml-platform-team"]["grouping"] == "ml-foundations"
    assert teams["search-relevance"]["members"] == {"other": 7}  # metadata.size
    assert data["groupings"] == [
        {"id": "ml-foundations", "name": "ML Foundations", "kind": "platform"},
        {"id": "shopping", "name": "Shopping", "kind": "value-stream"},
    ]
    pairs = {(ix["from"], ix["to"]): ix for ix in data["interactions"]}
    # Referred to by name in a markdown table ("ML Platform Team"), and by team_id in front
    # matter (ml-platform-team); both sides writing one interaction give one.
    assert pairs[("ml-platform-team", "search-relevance")]["mode"] == "x-as-a-service"
    assert pairs[("ml-platform-team", "recommendations")]["purpose"] == "Training and serving"
    # Directions: the enabling team facilitates, the platform serves the subsystem team.
    assert pairs[("data-enablement", "search-relevance")]["mode"] == "facilitating"
    assert pairs[("ml-platform-team", "image-understanding")]["mode"] == "x-as-a-service"
    # Durations: "3 months" from the as-of date, "8 weeks" likewise.
    collab = pairs[("recommendations", "search-relevance")]
    assert collab["mode"] == "collaboration" and collab["until"] == "2027-02-01"
    assert pairs[("data-enablement", "search-relevance")]["until"] == "2026-12-27"
    assert len(pairs) == 6


def test_team_api_warns_what_does_not_map_with_positions() -> None:
    result = import_team_api(TEAM_API, as_of=AS_OF)
    assert _warnings(result.diagnostics) == [
        ("PC740", "forecasting.md", 4, 12),  # team_type: undefined
        ("PC741", "ml-platform.md", 19, 3),  # a team no file describes (Legacy BI Team)
        ("PC742", "data-enablement.md", 16, 3),  # Mentoring
        ("PC743", "search-relevance.md", 31, 3),  # "Teams we expect to interact with soon"
        ("PC744", "image-understanding.md", 15, 3),  # "until the spring"
        ("PC748", "README.md", 1, 1),  # no front matter
        ("PC751", "image-understanding.md", 6, 9),  # size: seven
    ]
    assert all(d.severity.value == "warning" for d in result.diagnostics)
    line = (TEAM_API / "search-relevance.md").read_text(encoding="utf-8").splitlines()[30]
    assert line.startswith("| Fraud Detection |")


def test_backstage_groups_import_with_annotations() -> None:
    result = import_backstage([CATALOG], as_of=AS_OF)
    assert result.text is not None
    data = _data(result.text)
    assert data["organisation"] == "Harbour Retail"  # the organization group
    teams = {t["id"]: t for t in data["teams"]}
    assert sorted(teams) == ["ml-coaching", "ml-platform", "recommendations", "search"]
    search = teams["search"]
    assert search["name"] == "Search relevance"  # spec.profile.displayName
    assert search["grouping"] == "shopping" and search["owns"] == ["search-ranking"]
    assert search["members"] == {
        "scientists": 2,
        "ml-engineers": 1,
        "software-engineers": 3,
        "product": 1,
    }
    assert search["page"] == "https://wiki.example.com/teams/search"
    # A parent known only from the parent's spec.children; members counted from spec.members.
    assert teams["recommendations"]["grouping"] == "shopping"
    assert teams["ml-platform"]["members"] == {"other": 4}
    assert teams["ml-platform"]["grouping"] == "ml-foundations"  # kind from the team's type
    assert teams["ml-platform"]["provides"] == ["training", "serving", "registry"]
    pairs = {(ix["from"], ix["to"]): ix for ix in data["interactions"]}
    assert pairs[("search", "recommendations")] == {
        "from": "search",
        "to": "recommendations",
        "mode": "collaboration",
        "until": "2027-02-28",
    }
    assert pairs[("ml-platform", "recommendations")]["mode"] == "x-as-a-service"  # full ref
    assert pairs[("ml-coaching", "recommendations")]["until"] == "2027-01-31"
    assert _warnings(result.diagnostics) == [
        ("PC740", "org.yaml", 115, 31),  # team-type: guild
        ("PC741", "org.yaml", 91, 36),  # group:default/fraud: no such team
        ("PC744", "org.yaml", 105, 34),  # until next year
        ("PC750", "org.yaml", 78, 9),  # a team without the annotation
        ("PC751", "org.yaml", 65, 29),  # designers=2
    ]


@pytest.mark.parametrize("kind", ["team-api", "backstage"])
def test_the_file_is_valid_deterministic_and_names_its_source(kind: str) -> None:
    def run() -> str:
        if kind == "team-api":
            text = import_team_api(TEAM_API, as_of=AS_OF).text
        else:
            text = import_backstage([CATALOG], as_of=AS_OF).text
        assert text is not None
        return text

    text = run()
    assert text == run()
    assert text.startswith(f"# Imported by `playbook-check topology import {kind}` from ")
    assert str(TEAM_API if kind == "team-api" else CATALOG) in text.splitlines()[0]


def test_round_trip_import_check_draw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind, source in (("team-api", [str(TEAM_API)]), ("backstage", [str(CATALOG)])):
        out = tmp_path / f"{kind}.yaml"
        args = ["topology", "import", kind, *source, "-o", str(out), "--as-of", "2026-11-01"]
        assert main(args) == 0
        err = capsys.readouterr().err
        assert f"wrote {out}" in err and "warning:" in err
        result = check_topology(out, today=AS_OF)
        assert result.valid, [d.format() for d in result.diagnostics]
        assert main(["topology", "check", str(out), "--today", "2026-11-24", "--exit-zero"]) == 0
        org = result.organisation
        assert org is not None
        root = ET.fromstring(draw(result))
        drawn = {g.get("data-team") for g in root.iter() if g.get("data-team")}
        assert drawn == set(org.teams)
        assert mermaid(result).count("-->") + mermaid(result).count("<-->") >= 1
        capsys.readouterr()


def test_output_is_never_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "org.yaml"
    out.write_text("mine\n", encoding="utf-8")
    args = ["topology", "import", "backstage", str(CATALOG), "-o", str(out)]
    assert main(args) == 2
    assert "[PC501]" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert main([*args, "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Imported by")


def test_bad_input_is_an_error_with_its_position_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "teams"
    shutil.copytree(TEAM_API, folder)
    (folder / "broken.md").write_text(
        "---\nname: Broken\nteam_type: [stream-aligned\n---\n", encoding="utf-8"
    )
    out = tmp_path / "org.yaml"
    assert main(["topology", "import", "team-api", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'broken.md'}:" in err and "[PC101]" in err and "Traceback" not in err
    assert not out.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["topology", "import", "team-api", str(empty)]) == 2
    assert "[PC752]" in capsys.readouterr().err
    assert main(["topology", "import", "team-api", str(tmp_path / "missing")]) == 2
    assert "is not a folder [PC100]" in capsys.readouterr().err
    assert main(["topology", "import", "backstage", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file [PC100]" in capsys.readouterr().err
    assert main(["topology", "import"]) == 2
    assert "choose a format" in capsys.readouterr().err


HOSTILE = [
    'Tom & "Jerry": {x: [1, 2]} # not a comment',
    "- a list? *alias &anchor !tag",
    "line\u2028separator and \u202eevil\u202c",
    "emoji 🧪 and CJK 数据",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_any_name_is_written_as_text(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "teams"
    folder.mkdir()
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "a.md").write_text(
        f'---\nteam_id: a\nname: "{quoted}"\nteam_type: stream-aligned\n---\n',
        encoding="utf-8",
    )
    result = import_team_api(folder, as_of=AS_OF)
    assert result.text is not None, [d.format() for d in result.diagnostics]
    team = _data(result.text)["teams"][0]
    assert team["name"] == " ".join(name.split())  # the same text (runs of spaces as one)
    assert "\u202e" not in result.text and "\u2028" not in result.text  # shown as escapes


def test_documented_import_commands_run(tmp_path: Path) -> None:
    """The example in docs/reference/cli.md, run as written (globs expanded as a shell would)."""
    import glob
    import re
    import shlex

    from tests.helpers import playbook_check

    page = (Path(__file__).parents[2] / "docs" / "reference" / "cli.md").read_text("utf-8")
    section = page[page.index("`playbook-check topology import team-api") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    shutil.copytree(TEAM_API, tmp_path / "teams")
    (tmp_path / "catalog").mkdir()
    shutil.copy(CATALOG, tmp_path / "catalog" / "org.yaml")
    (tmp_path / "org").mkdir()
    for line in block.group(1).split("\n"):
        line = line.strip()
        if not line.startswith("playbook-check "):
            continue
        argv: list[str] = []
        for arg in shlex.split(line)[1:]:
            found = sorted(glob.glob(arg, root_dir=tmp_path)) if "*" in arg else [arg]
            argv += found
        proc = playbook_check(*argv, cwd=tmp_path)
        assert proc.returncode in (0, 1), (argv, proc.stdout, proc.stderr)  # 1: findings
    for name in ("topology.yaml", "from-backstage.yaml"):
        assert (tmp_path / "org" / name).read_text("utf-8").startswith("# Imported by")


def test_backstage_annotations_that_are_not_ours_or_not_strings_are_warned(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n"
        "  annotations:\n    playbook-check/team-type: platform\n"
        "    playbook-check/teamtype: platform\n"
        "    playbook-check/x-as-a-service: [b]\n"
        "spec: {type: team, children: []}\n"
        "---\n"
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: b\n"
        "  annotations: {playbook-check/team-type: stream-aligned}\n"
        "spec: {type: team, children: []}\n",
        encoding="utf-8",
    )
    result = import_backstage([catalog], as_of=AS_OF)
    assert result.text is not None
    assert _warnings(result.diagnostics) == [
        ("PC751", "catalog.yaml", 7, 30),  # playbook-check/teamtype: not ours
        ("PC751", "catalog.yaml", 8, 36),  # a list, not a string
    ]
    assert "interactions:" not in result.text
