"""``playbook-check upgrade``, archived releases and the deprecation window (issue 23)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.constants import BUNDLED_CHECKLISTS
from checker.load.yaml import load_path, load_text
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.upgrade.answers_file import same, upgrade_file
from checker.upgrade.plan import show
from checker.validate.migrations import read

from .conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "upgrade"
TEST_CHECKLISTS = DATA / "checklists"
STAFFING_1 = DATA / "answers" / "staffing-1.yaml"
EXAMPLES = DATA / "examples"
REAL = sorted(EXAMPLES.glob("*/*.yaml"))
TODAY = dt.date(2026, 11, 24)


def _copy(src: Path, tmp_path: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or src.name)
    target.write_bytes(src.read_bytes())
    return target


def survives(before: dict[str, Any], after: dict[str, Any], renames: dict[str, str]) -> None:
    """Nothing the team wrote is lost: each answer, note, evidence and exemption of ``before``
    is in ``after`` as the same value (under its new id), as a value a declared migration gave
    it (with the old answer shown in the note when the change lost anything), or under
    retired, as it was."""
    retired = after.get("retired", [])
    notes_after = after.get("notes", {})

    def kept(field: str, qid: str, value: Any) -> bool:
        source = before["checklist"]
        return any(
            r.get("question") == qid and same(r.get(field), value) and r["from"] == source
            for r in retired
        )

    for qid, value in before["answers"].items():
        new = renames.get(qid, qid)
        if value is None or kept("answer", qid, value):
            continue
        assert new in after["answers"], (qid, value)
        now = after["answers"][new]
        if same(now, value):
            continue
        note = notes_after.get(new, "")
        assert f"answer: {show(value)} (" in note or now is not None, (qid, value, now, note)
    for section in ("notes", "evidence"):
        field = {"notes": "note", "evidence": "evidence"}[section]
        for qid, value in before.get(section, {}).items():
            if kept(field, qid, value):
                continue
            now = after[section][renames.get(qid, qid)]
            assert same(now, value) or (section == "notes" and now.startswith(value)), (qid, now)
    exemptions = after.get("exemptions", [])
    for exemption in before.get("exemptions", []):
        moved = [e for e in exemptions if {**e, "finding": exemption["finding"]} == exemption]
        in_retired = [r for r in retired if r.get("exemption") == exemption]
        assert moved or in_retired, exemption


def _renames(checklist_dir: Path, checklist_id: str, source: int) -> dict[str, str]:
    """Old question id -> newest id, through every step from major ``source``."""
    newest = ChecklistRegistry([checklist_dir]).get(checklist_id)
    assert newest is not None
    out: dict[str, str] = {}
    for m in sorted(read(newest), key=lambda m: m.source):
        if m.source < source:
            continue
        out = {old: m.rename.get(new, new) for old, new in out.items()}
        for old, new in m.rename.items():
            if old not in out.values():
                out.setdefault(old, new)
    return out


# --- every bundled 1.x checklist, with the example teams' real 1.x answers ---------------


def test_every_archived_release_has_real_answers_to_upgrade() -> None:
    archived = {p.stem.split("@")[0] for p in (BUNDLED_CHECKLISTS / "archive").glob("*@1.yaml")}
    assert archived == {
        "team-shape",
        "engineering-practices",
        "platform",
        "product-outcomes",
        "regulated-readiness",
    }
    answered = {p.stem for p in REAL}
    assert archived <= answered
    for path in REAL:
        assert load_path(path).data["checklist"].startswith(f"{path.stem}@1.")


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_real_1x_answers_upgrade_to_2x_and_keep_every_answer(path: Path, tmp_path: Path) -> None:
    before = load_path(path).data
    registry = ChecklistRegistry([BUNDLED_CHECKLISTS])
    old = check_answers(path, registry, CheckOptions(today=TODAY, evidence_root=ROOT))
    assert [d.code for d in old.diagnostics if d.severity.value == "error"] == []
    assert "PC420" in [d.code for d in old.diagnostics]  # 1.x is deprecated, not refused

    target = _copy(path, tmp_path)
    proc = run_cli("upgrade", target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = load_path(target).data
    newest = registry.get(path.stem)
    assert newest is not None  # 2.0 today; a later major version is reached through the chain
    assert after["checklist"] == f"{path.stem}@{newest.version[0]}.0"
    survives(before, after, _renames(BUNDLED_CHECKLISTS, path.stem, 1))
    original = path.read_text(encoding="utf-8")
    text = target.read_text(encoding="utf-8")
    for line in original.splitlines():
        if line.lstrip().startswith("#"):
            assert line in text  # every comment line is kept

    outcome_left = check_answers(
        target, registry, CheckOptions(today=TODAY, evidence_root=ROOT, allow_incomplete=True)
    )
    assert [d.format() for d in outcome_left.diagnostics if d.severity.value == "error"] == []
    unanswered = {d.message.split("'")[1] for d in outcome_left.diagnostics if d.code == "PC405"}
    listed = proc.stdout.split("new questions to answer: ")[-1] + proc.stdout
    assert all(q in listed for q in unanswered), (unanswered, proc.stdout)
    # A second run has nothing to do and leaves the file alone.
    again = run_cli("upgrade", target)
    assert again.returncode == 0 and "0 files upgraded, 1 already current" in again.stdout
    assert target.read_text(encoding="utf-8") == text


def test_removed_question_and_choice_are_kept(tmp_path: Path) -> None:
    """engineering-practices 2.0 removed baseline-first and the version-control choice data."""
    target = tmp_path / "ep.yaml"
    source = (EXAMPLES / "startup" / "engineering-practices.yaml").read_text(encoding="utf-8")
    target.write_text(source.replace("version-control: [code]", "version-control: [code, data]"))
    proc = run_cli("upgrade", target)
    assert proc.returncode == 0
    after = load_path(target).data
    assert after["answers"]["version-control"] == ["code"]
    assert (
        'answer: ["code", "data"] (\'data\' no longer a choice' in after["notes"]["version-control"]
    )
    (retired,) = after["retired"]
    assert retired == {
        "from": "engineering-practices@1.0",
        "question": "baseline-first",
        "prompt": "Was a simple non-ML or heuristic baseline shipped and measured before the "
        "first model?",
        "answer": "yes",
        "evidence": "https://wiki.example.com/trailhead/rules-baseline",
    }
    assert "baseline-first' is not asked in engineering-practices@2.0" in proc.stdout
    assert "[PC423]" in proc.stdout


def test_changed_kinds_carry_yes_and_keep_no_as_a_note(tmp_path: Path) -> None:
    target = _copy(EXAMPLES / "central-ml" / "product-outcomes.yaml", tmp_path)
    assert "business-metric: no" in target.read_text(encoding="utf-8")
    run_cli("upgrade", target)
    after = load_path(target).data
    assert after["answers"]["business-metric"] is None
    assert after["notes"]["business-metric"].startswith("product-outcomes@1.1 answer: no (")
    bank = _copy(EXAMPLES / "regulated-bank" / "regulated-readiness.yaml", tmp_path)
    run_cli("upgrade", bank)
    assert load_path(bank).data["answers"]["regulated"] == "yes"


def test_a_renamed_choice_is_carried(tmp_path: Path) -> None:
    target = tmp_path / "platform.yaml"
    source = (EXAMPLES / "central-ml" / "platform.yaml").read_text(encoding="utf-8")
    assert "infra-specialists:" in source
    lines = [
        "  infra-specialists: subsystem-team" if "infra-specialists:" in line else line
        for line in source.splitlines()
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_cli("upgrade", target)
    after = load_path(target).data
    assert after["answers"]["infra-specialists"] == "infrastructure-platform"
    assert "infra-specialists" not in after.get("notes", {})  # a rename loses nothing


# --- the test checklist: 1.2 -> 2.x -> 3.0, every kind of migration ----------------------


def test_a_chained_upgrade_gives_the_expected_file(tmp_path: Path) -> None:
    target = _copy(STAFFING_1, tmp_path)
    proc = run_cli("upgrade", "--checklists", TEST_CHECKLISTS, target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = (DATA / "answers" / "staffing-1.upgraded.yaml").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected
    assert (
        f"upgraded {target}: staffing@1.2 -> staffing@3.0; 8 answers carried; new questions to "
        "answer: on-call, review-date" in proc.stdout
    )
    before = load_path(STAFFING_1).data
    survives(before, load_path(target).data, _renames(TEST_CHECKLISTS, "staffing", 1))
    checked = check_answers(
        target,
        ChecklistRegistry([TEST_CHECKLISTS]),
        CheckOptions(today=TODAY, allow_incomplete=True),
    )
    assert [d.code for d in checked.diagnostics if d.severity.value == "error"] == []


def test_warnings_are_located_in_the_original_file(tmp_path: Path) -> None:
    target = _copy(STAFFING_1, tmp_path)
    proc = run_cli("upgrade", "--checklists", TEST_CHECKLISTS, target)
    assert f"{target}:19:3: warning: 'latency-budget' is not asked in staffing@2.0" in proc.stdout
    assert f"{target}:33:5: warning: finding 'no-monitoring' is not in staffing@2.0" in proc.stdout
    assert f"{target}:11:3: warning: 'team-size' is asked differently" in proc.stdout


def test_check_and_diff_write_nothing_and_exit_1(tmp_path: Path) -> None:
    target = _copy(STAFFING_1, tmp_path)
    original = target.read_bytes()
    check = run_cli("upgrade", "--check", "--checklists", TEST_CHECKLISTS, target)
    assert check.returncode == 1
    assert (
        f"{target}:3:12: warning: staffing@1.2 can be upgraded to staffing@3.0 [PC421]"
        in check.stdout
    )
    assert "1 file would be upgraded, 0 already current, 0 invalid" in check.stdout
    diff = run_cli("upgrade", "--diff", "--checklists", TEST_CHECKLISTS, target)
    assert diff.returncode == 1
    assert target.read_bytes() == original
    assert diff.stdout.startswith(f"--- {target}\n+++ {target}\n@@ ")
    assert "would upgrade" in diff.stderr and "would upgrade" not in diff.stdout
    patch = shutil.which("patch")
    if patch is not None:  # the diff applies to the original and gives the upgraded file
        subprocess.run([patch, "-s", str(target)], input=diff.stdout, text=True, check=True)
        expected = DATA / "answers" / "staffing-1.upgraded.yaml"
        assert target.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    current = run_cli("upgrade", "--check", "--checklists", TEST_CHECKLISTS, target)
    assert current.returncode == 0


def test_line_endings_byte_order_mark_links_and_mode_are_kept(tmp_path: Path) -> None:
    text = STAFFING_1.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    os.chmod(crlf, 0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(crlf)
    assert run_cli("upgrade", "--checklists", TEST_CHECKLISTS, link).returncode == 0
    assert link.is_symlink()
    raw = crlf.read_bytes()
    assert (
        raw.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in raw
        and b"\n" not in raw.replace(b"\r\n", b"")
    )
    expected = (DATA / "answers" / "staffing-1.upgraded.yaml").read_text(encoding="utf-8")
    assert raw[3:].decode().replace("\r\n", "\n") == expected
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o640


def test_errors_are_located_and_nothing_is_written(tmp_path: Path) -> None:
    cases = {
        "unknown.yaml": ("checklist: staffin@1.0\nteam: T\nanswers: {}\n", "2:12: error", "PC410"),
        "newer.yaml": ("checklist: staffing@4.0\nteam: T\nanswers: {}\n", "1:12: error", "PC402"),
        "schema.yaml": ("checklist: staffing@1.0\nanswers: {}\n", "error", "PC202"),
        "yaml.yaml": ("checklist: [\n", "error", "PC10"),
    }
    for name, (text, where, code) in cases.items():
        path = tmp_path / name
        path.write_text(text if name != "unknown.yaml" else "\n" + text, encoding="utf-8")
        proc = run_cli("upgrade", "--checklists", TEST_CHECKLISTS, path)
        assert proc.returncode == 2, name
        assert code in proc.stdout, (name, proc.stdout)
        assert where in proc.stdout, (name, proc.stdout)
        assert path.read_text(encoding="utf-8").endswith(text)
    stdin = run_cli("upgrade", "-")
    assert stdin.returncode == 2 and "cannot read standard input" in stdin.stderr


def test_no_migration_from_a_version_is_pc422(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    shutil.copytree(TEST_CHECKLISTS, folder)
    current = folder / "staffing.yaml"
    text = current.read_text(encoding="utf-8")
    current.write_text(text[: text.index('  - from: "2"')], encoding="utf-8")
    target = _copy(STAFFING_1, tmp_path)
    proc = run_cli("upgrade", "--checklists", folder, target)
    assert proc.returncode == 2
    assert (
        "3:12: error: cannot upgrade staffing@1.2: staffing 3.0.0 declares no migration from 2.x "
        "[PC422]" in proc.stdout
    )
    lint = run_cli("lint", folder)
    assert "a major version without a migration from 2.x [PC320]" in lint.stdout
    assert lint.returncode == 2


def test_a_file_changed_meanwhile_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.cli.upgrade as command

    target = _copy(STAFFING_1, tmp_path)

    def meanwhile(*args: Any) -> Any:
        outcome = upgrade_file(*args)
        target.write_text("checklist: staffing@1.2\nteam: Edited\nanswers: {}\n")
        return outcome

    monkeypatch.setattr(command, "upgrade_file", meanwhile)
    proc = run_cli("upgrade", "--checklists", TEST_CHECKLISTS, target)
    assert proc.returncode == 2
    assert "the file changed while it was upgraded; not writing it [PC426]" in proc.stdout
    assert "team: Edited" in target.read_text(encoding="utf-8")


def test_a_rewrite_that_would_read_differently_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.upgrade.roundtrip as roundtrip

    real = roundtrip.apply
    monkeypatch.setattr(roundtrip, "apply", lambda text, edits: real(text, edits[:-1]))
    target = _copy(STAFFING_1, tmp_path)
    proc = run_cli("upgrade", "--checklists", TEST_CHECKLISTS, target)
    assert proc.returncode == 2
    assert "would not read back as planned; nothing was written [PC425]" in proc.stdout
    assert target.read_bytes() == STAFFING_1.read_bytes()


def test_flow_style_sections_and_a_template_upgrade(tmp_path: Path) -> None:
    """A file as `init` writes it (flow-style empty notes, comments, a start line)."""
    text = (
        "# yaml-language-server: $schema=../schemas/staffing.schema.json\n---\n"
        '# Answers to the test checklist.\nchecklist: staffing@1.2\nteam: "T"\n'
        "assessed: 2026-11-01\nanswers:\n  # --- People ---\n  scientists: 2\n"
        "  mlops-engineers:\n  mlops-shared: true\n  team-size: 3\n  latency-budget: 80\n"
        "notes: {}  # question-id: free text shown next to the answer\n"
        "evidence: {}  # question-id: a URL or a path in this repository\nexemptions: []\n"
    )
    target = tmp_path / "t.yaml"
    target.write_text(text, encoding="utf-8")
    assert run_cli("upgrade", "--checklists", TEST_CHECKLISTS, target).returncode == 0
    after = target.read_text(encoding="utf-8")
    assert after.startswith(
        "# yaml-language-server: $schema=../schemas/staffing.schema.json\n---\n"
        "# Answers to the test checklist.\nchecklist: staffing@3.0\n"
    )
    data = load_text(after).data
    assert data["answers"]["ml-engineers"] is None
    assert data["notes"]["mlops-shared"].startswith("staffing@1.2 answer: yes (")
    assert data["retired"][0]["answer"] == 80
    assert "# question-id: free text shown next to the answer" in after


# --- deprecation window and archive ----------------------------------------------------


def test_deprecated_answers_are_checked_against_their_release() -> None:
    path = EXAMPLES / "central-ml" / "team-shape.yaml"
    proc = run_cli("validate", "--today", "2026-11-24", path)
    assert proc.returncode == 1  # findings, not invalid
    newest = ChecklistRegistry([BUNDLED_CHECKLISTS]).get("team-shape")
    assert newest is not None
    assert (
        f"{path}:2:12: warning: team-shape@1.x is deprecated: checked against version 1.0.0; "
        f"the newest is {newest.version_text} [PC420]" in proc.stdout
    )
    assert "`playbook-check upgrade FILE`" in proc.stdout
    assert "Team shape and staffing 1.0.0" in proc.stdout


def test_beyond_the_window_answers_are_refused_with_the_upgrade(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import checker.pipeline as pipeline

    registry = ChecklistRegistry([TEST_CHECKLISTS])
    within = check_answers(STAFFING_1, registry, CheckOptions(today=TODAY))
    assert "PC420" in [d.code for d in within.diagnostics]  # 2 majors behind: deprecated
    monkeypatch.setattr(pipeline, "DEPRECATION_WINDOW", 1)
    beyond = check_answers(STAFFING_1, ChecklistRegistry([TEST_CHECKLISTS]), CheckOptions())
    (error,) = [d for d in beyond.diagnostics if d.severity.value == "error"]
    assert error.code == "PC402"
    assert error.hint == (
        "rewrite the answers for the newest version with `playbook-check upgrade FILE`"
    )


def test_validating_deprecated_answers_does_not_load_the_upgrade() -> None:
    code = (
        "import io, sys; import checker.cli.app as c\n"
        f"sys.stdout = io.StringIO(); c.main(['validate', '-q', "
        f"{str(EXAMPLES / 'startup' / 'team-shape.yaml')!r}]); sys.stdout = sys.__stdout__\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ruamel', 'checker.upgrade'))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_lint_checks_migrations_against_the_archive(tmp_path: Path) -> None:
    assert run_cli("lint", TEST_CHECKLISTS).returncode == 0
    real = run_cli("lint", ROOT / "checklists")
    assert real.returncode == 0 and "0 error(s), 0 warning(s)" in real.stdout

    def lint(*changes: tuple[str, str]) -> str:
        folder = tmp_path / f"checklists{len(list(tmp_path.iterdir()))}"
        shutil.copytree(TEST_CHECKLISTS, folder)
        current = folder / "staffing.yaml"
        text = current.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text
            text = text.replace(old, new)
        current.write_text(text, encoding="utf-8")
        (folder / "archive" / "staffing@7.yaml").write_text("id: x\n", encoding="utf-8")
        proc = run_cli("lint", folder)
        assert proc.returncode == 2
        return proc.stdout

    out = lint(
        ("rename: {mlops-engineers: engineers}", "rename: {mlops-enginers: engineers}"),
        ("remove: [latency-budget]", "remove: []"),
    )
    assert "question 'mlops-enginers' is not in staffing@1.x [PC321]" in out
    assert "did you mean 'mlops-engineers'?" in out
    assert (
        "question 'latency-budget' of staffing@1.x is not in staffing@2.x and the migration "
        "neither renames nor removes it [PC323]" in out
    )
    assert "archive file is not an earlier major version than staffing 3.0.0 [PC324]" in out
    out = lint(('- from: "2"', '- from: "3"'))
    assert "a migration from 3.x is not from an earlier major version than 3.0.0 [PC322]" in out
    assert "beside the archive" not in out
    out = lint(('  - from: "2"\n', '  - from: "0"\n'))
    assert "version 3.0.0 is a major version without a migration from 2.x [PC320]" in out


def test_a_wrong_rename_target_fails_when_the_checklist_loads(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    shutil.copytree(TEST_CHECKLISTS, folder)
    current = folder / "staffing.yaml"
    text = current.read_text(encoding="utf-8")
    current.write_text(text.replace("{engineers: ml-engineers}", "{engineers: ml-enginers}"))
    proc = run_cli("lint", folder)
    assert "question 'ml-enginers' is not in staffing@3.x [PC321]" in proc.stdout
    assert "did you mean 'ml-engineers'?" in proc.stdout


def test_archives_ship_unchanged_and_are_listed_as_deprecated() -> None:
    proc = run_cli("list")
    assert proc.returncode == 0
    line = next(x for x in proc.stdout.splitlines() if x.startswith("team-shape@1 "))
    assert "1.0.0" in line and "deprecated" in line and "playbook-check upgrade" in line
    assert not any(x.startswith("archive") for x in proc.stdout.splitlines())
