"""What a command writes, the tool accepts (issue 24, item 10): for any option values,
`init`, `new-checklist` and `topology init` either write a file that `validate`, `lint` and
`topology check` accept, or refuse (exit 2) and write nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main
from checker.topology.check import check_topology
from tests.robustness.test_corpus import CHECKLISTS

YAML_ISH = " \t\n:#-'\"{}[],&*!|>%@`\x85\x1f\u2028\u00a0ab1"
# Text as people type it, and as a hostile script would: YAML syntax, quotes, controls,
# blanks of every kind, very long values, ids that YAML reads as numbers or null.
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(list(YAML_ISH)), max_size=12),
    st.sampled_from(["1", "null", "true", "~", "1.0", "-", "Data quality: the basics", "a" * 300]),
)
IDS = st.one_of(TEXT, st.from_regex(r"[a-z0-9]{1,70}(-[a-z0-9]{1,5}){0,3}", fullmatch=True))


@contextlib.contextmanager
def fresh_folder() -> Iterator[Path]:
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(before)


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(team=TEXT)
def test_init_writes_what_validate_accepts(team: str, capsys: pytest.CaptureFixture[str]) -> None:
    with fresh_folder() as tmp:
        out = tmp / "team.yaml"
        code = main(["init", "staffing", "--checklists", str(CHECKLISTS), f"--team={team}",
                     "-o", str(out)])  # fmt: skip
        if code == 2:
            assert files_in(tmp) == [], "refused, yet wrote"
            assert "[PC207]" in capsys.readouterr().err
            return
        assert code == 0
        checked = main(["validate", "--allow-incomplete", "--checklists", str(CHECKLISTS),
                        str(out)])  # fmt: skip
        assert checked == 0, capsys.readouterr()


@SETTINGS
@given(checklist_id=IDS, title=TEXT, pitfall=st.one_of(TEXT, st.just("science-without-mlops")))
def test_new_checklist_writes_what_lint_accepts(
    checklist_id: str, title: str, pitfall: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_folder() as tmp:
        args = ["new-checklist", f"--title={title}", f"--pitfall={pitfall}", "--", checklist_id]
        code = main(args)
        if code == 2:
            assert files_in(tmp) == [], "refused, yet wrote"
            return
        assert code == 0
        written = tmp / "checklists" / f"{checklist_id}.yaml"
        assert written.is_file()
        assert main(["lint", str(written)]) == 0, capsys.readouterr()
        # and validate can load it: an answers file naming it finds it
        assert main(["list", "--checklists", str(tmp / "checklists")]) == 0


@SETTINGS
@given(organisation=TEXT)
def test_topology_init_writes_what_topology_check_accepts(
    organisation: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_folder() as tmp:
        out = tmp / "org.yaml"
        code = main(["topology", "init", "-o", str(out), f"--organisation={organisation}"])
        if code == 2:
            assert files_in(tmp) == [], "refused, yet wrote"
            return
        assert code == 0
        result = check_topology(out)
        assert result.valid, [d.format() for d in result.diagnostics]
