"""``topology check`` in CI (issue 21, item 8): the configuration, --baseline, --exit-zero and
the summary line work as they do for answers files, through the same code."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import playbook_check
from tests.topology.conftest import BASE, ROOT, link, text_of

ANSWERS = ROOT / "examples" / "central-ml" / "team-shape.yaml"  # has an open high finding


def _risky() -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["teams"][0]["members"] = {"scientists": 2, "product": 1}
    data["teams"][1]["provides"] = ["registry"]
    data["teams"][1]["members"] = {"software-engineers": 3}
    data["capabilities"] = ["registry"]
    return data  # science-without-mlops-path/search: high


def _project(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "topology.yaml").write_text(text_of(_risky()), encoding="utf-8")
    (tmp_path / "playbook").mkdir()
    shutil.copy(ANSWERS, tmp_path / "playbook")
    if config:
        (tmp_path / "pyproject.toml").write_text(
            "[tool.playbook-check]\n" + config, encoding="utf-8"
        )
    return tmp_path


def test_fail_on_from_the_configuration_is_honoured_alike(tmp_path: Path) -> None:
    """`fail-on = "none"` used to exit 0 for validate and 1 for topology check."""
    cwd = _project(tmp_path, 'fail-on = "none"\n')
    validate = playbook_check("validate", "--checklists", ROOT / "checklists", "playbook", cwd=cwd)
    topology = playbook_check("topology", "check", "org/topology.yaml", cwd=cwd)
    assert validate.returncode == topology.returncode == 0, topology.stdout
    # The command line still wins.
    proc = playbook_check("topology", "check", "org/topology.yaml", "--fail-on", "high", cwd=cwd)
    assert proc.returncode == 1


def test_configured_topology_files_are_checked_when_none_are_given(tmp_path: Path) -> None:
    cwd = _project(tmp_path, 'topology = ["org/topology.yaml"]\n')
    proc = playbook_check("topology", "check", cwd=cwd)
    assert proc.returncode == 1 and "science-without-mlops-path/search" in proc.stdout
    proc = playbook_check("topology", "check", cwd=tmp_path / "org")  # paths from pyproject
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_no_file_and_none_configured_is_a_usage_error(tmp_path: Path) -> None:
    proc = playbook_check("topology", "check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no FILE given and no `topology` configured" in proc.stderr
    assert 'topology = ["org/topology.yaml"]' in proc.stderr


def test_exit_zero(tmp_path: Path) -> None:
    cwd = _project(tmp_path)
    proc = playbook_check("topology", "check", "org/topology.yaml", "--exit-zero", cwd=cwd)
    assert proc.returncode == 0 and "1 high" in proc.stdout
    (cwd / "org" / "bad.yaml").write_text("topology: 1\n", encoding="utf-8")
    proc = playbook_check("topology", "check", "org/bad.yaml", "--exit-zero", cwd=cwd)
    assert proc.returncode == 2  # invalid input is never zeroed


def test_baseline_ratchets_the_topology(tmp_path: Path) -> None:
    cwd = _project(tmp_path)
    first = playbook_check(
        "topology", "check", "org/topology.yaml", "-f", "json", "-o", "org/baseline.json",
        "--exit-zero", cwd=cwd,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    same = playbook_check(
        "topology", "check", "org/topology.yaml", "--baseline", "org/baseline.json", cwd=cwd
    )
    assert same.returncode == 0, same.stdout + same.stderr
    assert "(in the baseline)" in same.stdout
    assert "org/topology.yaml: not worse than the baseline (0 resolved)" in same.stderr
    # A new high finding (a collaboration that never ends is medium; fail on it too).
    data = _risky()
    data["interactions"] = [link("plat", "search", "collaboration")]
    (cwd / "org" / "topology.yaml").write_text(text_of(data), encoding="utf-8")
    worse = playbook_check(
        "topology", "check", "org/topology.yaml", "--baseline", "org/baseline.json",
        "--fail-on", "medium", "-f", "json", cwd=cwd,
    )  # fmt: skip
    assert worse.returncode == 1
    doc = json.loads(worse.stdout)
    states = {f["id"]: (f["baseline"], f["fails"]) for f in doc["files"][0]["findings"]}
    assert states == {
        "science-without-mlops-path/search": ("unchanged", False),
        "collaboration-without-end/plat--search": ("new", True),
    }
    assert "worse than the baseline: medium: collaboration-without-end" in worse.stderr


def test_the_configured_topology_baseline_is_used(tmp_path: Path) -> None:
    cwd = _project(tmp_path)
    playbook_check(
        "topology", "check", "org/topology.yaml", "-f", "json", "-o", "org/baseline.json",
        "--exit-zero", cwd=cwd,
    )  # fmt: skip
    (cwd / "pyproject.toml").write_text(
        '[tool.playbook-check]\ntopology-baseline = "org/baseline.json"\n', encoding="utf-8"
    )
    proc = playbook_check("topology", "check", "org/topology.yaml", cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "not worse than the baseline" in proc.stderr
    # The answers' baseline is another key: validate does not read the topology's.
    validate = playbook_check("validate", "--checklists", ROOT / "checklists", "playbook", cwd=cwd)
    assert "baseline" not in validate.stderr


def test_the_same_summary_line_on_stderr_as_report(tmp_path: Path) -> None:
    cwd = _project(tmp_path)
    proc = playbook_check("topology", "check", "org/topology.yaml", "-f", "sarif", cwd=cwd)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        "1 file checked: 0 invalid files, 0 errors, 0 warnings; "
        "findings: 1 high, 0 medium, 0 low, 0 exempted"
    )
    proc = playbook_check(
        "topology", "check", "org/topology.yaml", "-f", "json", "-o", "out.json", cwd=cwd
    )
    assert proc.stderr.strip().splitlines()[-1].startswith("wrote out.json: 1 file checked:")
    report = playbook_check(
        "report", "--checklists", ROOT / "checklists", "playbook", "-f", "json", cwd=cwd
    )
    shape = report.stderr.strip().splitlines()[-1]
    assert shape.startswith("1 file checked: 0 invalid files, 0 errors, ")
