"""The topology commands through the real CLI: bad input, every report format, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import JUnitXml

from tests.helpers import playbook_check
from tests.topology.conftest import BASE, ROOT, link, text_of

PAGE = (ROOT / "docs" / "reference" / "topology-format.md").read_text(encoding="utf-8")
REPORT_SCHEMA = json.loads(
    (ROOT / "src" / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8")
)
SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def _write(tmp_path: Path, data: dict[str, Any] | str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else text_of(data), encoding="utf-8")
    return path


def _risky() -> dict[str, Any]:
    """Scientists without a path to production (the platform serves nothing), and a
    collaboration without an end: one high and one medium finding."""
    data: dict[str, Any] = json.loads(json.dumps(BASE))
    data["teams"][0]["members"] = {"scientists": 2, "product": 1}
    data["teams"][1]["provides"] = ["registry"]
    data["teams"][1]["members"] = {"software-engineers": 3}
    data["capabilities"] = ["registry"]
    data["interactions"] = [link("plat", "search", "collaboration")]
    return data


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(.*?)```", PAGE, flags=re.S)
    assert block is not None
    (tmp_path / "src").mkdir()
    path = _write(tmp_path / "src", block.group(1))
    proc = playbook_check("topology", "check", path, "--today", "2026-11-24")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PC710" in proc.stdout  # the example's exemption is there to show the syntax


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("", "PC106", "1:1"),
        ("topology: 1\norganisation: [x\n", "PC101", "3:1"),
        ("topology: 2\norganisation: x\nteams: []\n", "PC701", "1:11"),
        ("organisation: x\n", "PC701", "1:1"),
        (
            "topology: 1\norganisation: x\nteams:\n  - {id: a, name: A, type: stream}\n",
            "PC204",
            "4:28",
        ),
        ("topology: 1\norganisation: x\nteem: []\nteams: []\n", "PC201", "3:1"),
        (
            "topology: 1\norganisation: x\nteams:\n  - {id: a, name: A, type: platform}\n"
            "interactions:\n  - {from: a, to: b, mode: collaboration}\n",
            "PC703",
            "6:19",
        ),
    ],
)
def test_bad_input_is_located(tmp_path: Path, text: str, code: str, where: str) -> None:
    path = _write(tmp_path, text)
    proc = playbook_check("topology", "check", path)
    assert proc.returncode == 2
    assert f"{path}:{where}: error:" in proc.stdout
    assert f"[{code}]" in proc.stdout


def test_missing_file_and_directory(tmp_path: Path) -> None:
    proc = playbook_check("topology", "check", tmp_path / "nope.yaml")
    assert proc.returncode == 2 and "[PC100]" in proc.stdout
    proc = playbook_check("topology", "draw", tmp_path)
    assert proc.returncode == 2 and "[PC100]" in proc.stderr


def test_usage_errors_exit_2() -> None:
    assert playbook_check("topology").returncode == 2
    assert playbook_check("topology", "check").returncode == 2


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    path = _write(tmp_path, _risky())
    assert playbook_check("topology", "check", path).returncode == 1
    assert playbook_check("topology", "check", path, "--fail-on", "none").returncode == 0
    clean = _write(tmp_path, BASE, "clean.yaml")
    assert playbook_check("topology", "check", clean, "--fail-on", "low").returncode == 0


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit", "sarif", "github"])
def test_every_format_tells_the_same_story(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, _risky())
    proc = playbook_check("topology", "check", path, "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    if fmt == "json":
        doc = json.loads(out)
        jsonschema.validate(doc, REPORT_SCHEMA)
        entry = doc["files"][0]
        assert entry["kind"] == "topology" and doc["exit_code"] == 1
        ids = {f["id"] for f in entry["findings"]}
        assert ids == {
            "science-without-mlops-path/search",
            "collaboration-without-end/plat--search",
        }
    elif fmt == "sarif":
        sarif = json.loads(out)
        jsonschema.validate(sarif, SARIF_SCHEMA)
        rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
        assert rules == {
            "topology/science-without-mlops-path",
            "topology/collaboration-without-end",
        }
    elif fmt == "junit":
        xml = JUnitXml.fromstring(out)
        suites = list(xml)
        assert suites[0].failures == 1  # the high finding; the medium one is below --fail-on
        names = [case.name for case in suites[0]]
        assert any(n.startswith("collaboration-without-end/plat--search") for n in names)
        assert any(n.startswith("long-collaboration:") for n in names)  # did not fire: passes
    elif fmt == "github":
        assert out.count("::error file=") == 1 and out.count("::warning file=") == 1
    elif fmt == "markdown":
        assert "Base Org" in out and "2 teams, 1 interactions" in out
    else:
        assert "1 high, 1 medium" in out and "team topology: 2 teams" in out


def test_hostile_names_stay_inert_in_reports(tmp_path: Path) -> None:
    data = _risky()
    data["organisation"] = "<script>alert(1)</script>\x1b[31m"
    data["teams"][0]["name"] = "Search\u202e|evil"
    path = _write(tmp_path, data)
    text = playbook_check("topology", "check", path).stdout
    assert "\x1b" not in text and "\u202e" not in text
    md = playbook_check("topology", "check", path, "-f", "markdown").stdout
    assert "<script>" not in md


def test_output_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    out = tmp_path / "report.json"
    out.write_text("mine", encoding="utf-8")
    proc = playbook_check("topology", "check", path, "-f", "json", "-o", out)
    assert proc.returncode == 2 and "[PC501]" in proc.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    proc = playbook_check("topology", "check", path, "-f", "json", "-o", out, "--force")
    assert proc.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 0


def test_init_writes_a_valid_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "topology.yaml"
    proc = playbook_check("topology", "init", "-o", out, "--organisation", 'Acme: "ML"')
    assert proc.returncode == 0, proc.stderr
    check = playbook_check("topology", "check", out, "--fail-on", "low")
    assert check.returncode == 0, check.stdout
    assert 'Acme: "ML"' in check.stdout
    assert playbook_check("topology", "init", "-o", out).returncode == 2


def test_schema_command_prints_the_topology_schema() -> None:
    proc = playbook_check("schema", "topology")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$id"].endswith("/topology.schema.json")


def test_validate_points_a_topology_file_to_the_topology_command() -> None:
    path = ROOT / "examples" / "startup" / "topology" / "organisation.yaml"
    proc = playbook_check("validate", path)
    assert proc.returncode == 2
    assert "this is a topology file" in proc.stdout and "topology check" in proc.stdout
    assert proc.stdout.count(": error:") == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [("   ", "visible character"), ("\u200b", "visible character"), ("x" * 201, "too long")],
    ids=["spaces", "zero-width", "too-long"],
)
def test_init_refuses_a_name_check_would_refuse(tmp_path: Path, name: str, problem: str) -> None:
    """What `topology init` writes, `topology check` accepts: it refuses the name instead."""
    out = tmp_path / "topology.yaml"
    proc = playbook_check("topology", "init", "-o", out, "--organisation", name)
    assert proc.returncode == 2 and problem in proc.stderr
    assert not out.exists()
    ok = playbook_check("topology", "init", "-o", out, "--organisation", "x" * 200)
    assert ok.returncode == 0
    assert playbook_check("topology", "check", out, "--fail-on", "none").returncode == 0
