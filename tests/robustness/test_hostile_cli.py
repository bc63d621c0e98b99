"""The command line with hostile settings and streams (issue 24, items 8 and 9 and the weak
spots): a pyproject.toml whose table is past the first MiB, nested 3,000 deep, naming a
checklists folder that does not exist; standard input closed or named twice; a run that checks
nothing. Each case, like the corpus's, must end with its exact first error, never a traceback,
and never pass (exit 0) on settings it did not read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness.test_corpus import CHECKLISTS, assert_safe

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "tests" / "data" / "answers" / "clean.yaml"
# 2 open medium findings: passes at fail-on high (the default), fails at fail-on medium
MEDIUM = ROOT / "tests" / "data" / "answers" / "exempted.yaml"
FIRST = re.compile(r"^(.*?):(\d+):(\d+): error: .*\[(PC\d{3})\]", re.M)
TABLE = '[tool.playbook-check]\nfail-on = "medium"\n'


class Case:
    """What to run in a fresh folder, and what it must give."""

    def __init__(
        self,
        setup: Callable[[Path], list[str | Path]],
        code: str,
        where: str,
        *,
        stdin: str | None = "",
        env: dict[str, str] | None = None,
    ) -> None:
        self.setup, self.code, self.where, self.stdin, self.env = setup, code, where, stdin, env


def _pyproject(text: str, *args: str | Path) -> Callable[[Path], list[str | Path]]:
    def setup(tmp: Path) -> list[str | Path]:
        (tmp / "pyproject.toml").write_text(text, encoding="utf-8")
        return ["validate", "--today", "2026-11-24", "--checklists", CHECKLISTS, *args]

    return setup


def _folder(tmp: Path) -> list[str | Path]:
    (tmp / "playbook").mkdir()
    (tmp / "playbook" / "notes.yaml").write_text("title: not answers\n", encoding="utf-8")
    return ["validate", "--checklists", CHECKLISTS, "playbook"]


def _empty_folder(tmp: Path) -> list[str | Path]:
    command = _folder(tmp)[:-1]
    (tmp / "empty").mkdir()
    return [*command, "empty"]


LINE = "# padding padding padding padding padding padding padding padding\n"
PADDING = LINE * 17_000  # 1.1 MB
CASES: dict[str, Case] = {
    # A table after the first MiB was ignored: fail-on dropped, exit 0 instead of 1.
    "config-table-after-the-first-mib": Case(
        _pyproject('[project]\nname = "x"\n' + PADDING + TABLE, MEDIUM), "PC001", "pyproject.toml:1"
    ),
    "config-nested-3000-deep": Case(
        _pyproject(TABLE + "x = " + "[" * 3000 + "]" * 3000 + "\n", MEDIUM),
        "PC001",
        "pyproject.toml:1",
    ),
    "config-checklists-folder-missing": Case(
        lambda t: [*_pyproject(TABLE + 'checklists = ["no-such-folder"]\n')(t)[:3], MEDIUM],
        "PC004",
        "pyproject.toml:3",
    ),
    "config-checklists-a-file": Case(
        lambda t: [*_pyproject(TABLE + 'checklists = ["pyproject.toml"]\n')(t)[:3], MEDIUM],
        "PC004",
        "pyproject.toml:3",
    ),
    "option-checklists-folder-missing": Case(
        lambda t: ["validate", "--checklists", t / "no-such-folder", MEDIUM],
        "PC004",
        "no-such-folder:1",
    ),
    "environment-checklists-folder-missing": Case(
        lambda t: ["validate", MEDIUM],
        "PC004",
        "no-such-folder:1",
        env={"PLAYBOOK_CHECKLISTS": "no-such-folder"},
    ),
    "stdin-closed": Case(
        lambda t: ["validate", "--checklists", CHECKLISTS, "-"], "PC100", "<stdin>:1", stdin=None
    ),
    "stdin-named-twice": Case(
        lambda t: ["validate", "--checklists", CHECKLISTS, "-", "-"], "PC005", "-:1"
    ),
    "folder-without-answers": Case(_folder, "PC005", "playbook:1"),
    "empty-folder": Case(_empty_folder, "PC005", "empty:1"),
}


def run(case: Case, tmp: Path) -> subprocess.CompletedProcess[str]:
    args = [str(a) for a in case.setup(tmp)]
    env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_CHECKLISTS"}
    env.update(case.env or {})
    command = [sys.executable, "-m", "checker", *args]
    if case.stdin is None:  # standard input closed, not merely empty
        command = ["sh", "-c", 'exec "$@" <&-', "sh", *command]
    proc = subprocess.run(
        command,
        input=case.stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "internal error" not in proc.stdout + proc.stderr
    assert_safe(proc.stdout + proc.stderr)
    return proc


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_fails_with_its_error(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    proc = run(case, tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    first = FIRST.search(proc.stdout + proc.stderr)
    assert first, proc.stdout + proc.stderr
    assert (first[4], f"{Path(first[1]).name}:{first[2]}") == (case.code, case.where)


def test_a_table_in_the_first_mib_still_counts(tmp_path: Path) -> None:
    """The size bound is not a way round the table: under it, fail-on = medium fails the run."""
    setup = _pyproject('[project]\nname = "x"\n' + LINE * 13_000 + TABLE, MEDIUM)
    assert run(Case(setup, "", ""), tmp_path).returncode == 1


def test_a_large_pyproject_that_is_not_ours_is_not_read(tmp_path: Path) -> None:
    setup = _pyproject('[project]\nname = "x"\n' + PADDING + "[tool.other]\nx = 1\n", MEDIUM)
    assert run(Case(setup, "", ""), tmp_path).returncode == 0  # fail-on high, the default


def test_a_broken_pyproject_that_is_not_ours_is_not_judged(tmp_path: Path) -> None:
    for text in ("x = " + "[" * 3000 + "]" * 3000 + "\n", 'tool = "playbook-check"\n'):
        setup = _pyproject(text, CLEAN)
        proc = run(Case(setup, "", ""), tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_empty_folder_beside_answers_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    def setup(t: Path) -> list[str | Path]:
        return ["validate", "--checklists", CHECKLISTS, "empty", CLEAN]

    proc = run(Case(setup, "", ""), tmp_path)
    assert proc.returncode == 0
    assert "empty:1:1: warning: no answers files found here [PC003]" in proc.stdout + proc.stderr


def test_values_written_out_are_bounded_by_size_not_taken_for_an_alias_bomb(
    tmp_path: Path,
) -> None:
    """150,000 values in 890 KB, no alias: not "an alias bomb" (the limit was on all values,
    whatever --max-bytes said); aliases repeating 100,001 values still are."""
    from checker.diagnostics import CheckerError
    from checker.load.yaml import load_text

    plain = "notes:\n" + "".join(f"  q{i}: x\n" for i in range(75_000))
    assert len(plain.encode()) < 1024 * 1024
    assert len(load_text(plain).data["notes"]) == 75_000
    bomb = "a: &a [" + "1, " * 999 + "1]\nb: [" + "*a, " * 100 + "*a]\n"
    with pytest.raises(CheckerError) as err:
        load_text(bomb)
    assert err.value.diagnostics[0].code == "PC104"
    assert "aliases repeat more than 100,000 values" in err.value.diagnostics[0].message
    assert load_text(bomb.replace("*a, " * 100, "*a, " * 98))  # 100,000 repeated: fine


def _report(tmp: Path, name: str, *args: str | Path) -> Path:
    out = tmp / name
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args), "-f", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp,
        timeout=60,
    )
    assert out.is_file(), proc.stderr
    return out


def test_diff_across_checklist_major_versions_says_so(tmp_path: Path) -> None:
    import json

    old = _report(tmp_path, "old.json", "report", "--today", "2026-11-24",
                  "--checklists", CHECKLISTS, MEDIUM)  # fmt: skip
    doc = json.loads(old.read_text(encoding="utf-8"))
    doc["files"][0]["checklist"]["version"] = "2.0.0"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(doc), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "diff", str(old), str(new)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    out = proc.stdout + proc.stderr
    assert "checklist 1.2.0 -> 2.0.0" in out and "[PC431]" in out, out
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "diff", "-f", "json", str(old), str(new)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    change = json.loads(proc.stdout)["changes"][0]
    assert change["versions"] == {"old": "1.2.0", "new": "2.0.0", "major": True}


def test_diff_of_topology_reports_shows_no_none(tmp_path: Path) -> None:
    org = ROOT / "tests" / "roots" / "test-playbook" / "topology" / "org.yaml"
    a = _report(tmp_path, "a.json", "topology", "check", "--today", "2026-11-24", org)
    b = _report(tmp_path, "b.json", "topology", "check", "--today", "2026-11-24", org)
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "diff", str(a), str(b)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "None" not in proc.stdout and "n/a -> n/a" not in proc.stdout, proc.stdout
