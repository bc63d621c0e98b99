"""Helpers for the organisation-scale tests: teams' CI runs that publish JSON reports with
provenance, as GitHub Actions would run them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEAM_SHAPE = (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text(encoding="utf-8")
PRACTICES = (ROOT / "examples" / "startup" / "engineering-practices.yaml").read_text(
    encoding="utf-8"
)

Publish = Callable[..., Path]


def sha_of(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def cli(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``playbook-check ARGS`` in process, with extra environment variables."""
    import os

    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text and "internal error" not in text, text
    return code, out.getvalue(), err.getvalue()


def answers(team: str, template: str = TEAM_SHAPE, **values: str) -> str:
    """An example team's answers renamed to ``team``, with answers set (``team_size="9"`` sets
    ``team-size: 9``)."""
    import re

    text = re.sub(r"(?m)^team: .*$", f'team: "{team}"', template)
    for key, value in values.items():
        name = key.replace("_", "-")
        text, n = re.subn(rf"(?m)^(  {re.escape(name)}:) .*$", rf"\g<1> {value}", text)
        assert n == 1, name
    return text


@pytest.fixture
def publish(tmp_path: Path) -> Publish:
    """One CI run of a team's repository on GitHub Actions: writes the answers into a
    checkout and runs ``playbook-check report --format json`` with the run's variables; returns
    the report (named as an artifact download would name it)."""

    def _publish(
        repository: str,
        texts: dict[str, str],
        when: dt.datetime,
        run: int = 1,
        out: Path | None = None,
    ) -> Path:
        checkout = tmp_path / "checkouts" / repository / str(run)
        (checkout / "playbook").mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (checkout / "playbook" / name).write_text(text, encoding="utf-8")
        target = out or tmp_path / "artifacts" / repository.replace("/", "-") / str(run)
        target.mkdir(parents=True, exist_ok=True)
        report = target / "playbook-report.json"
        env = {
            "GITHUB_ACTIONS": "true",
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": repository,
            "GITHUB_SHA": sha_of(repository, run),
            "GITHUB_REF_NAME": "main",
            "GITHUB_RUN_ID": str(1000 + run),
            "GITHUB_RUN_ATTEMPT": "1",
            "SOURCE_DATE_EPOCH": str(int(when.replace(tzinfo=dt.UTC).timestamp())),
        }
        code, _, err = cli(
            "report",
            checkout / "playbook",
            "-f",
            "json",
            "--exit-zero",
            "--today",
            when.date().isoformat(),
            "-o",
            report,
            env=env,
        )
        assert code == 0, err
        return report

    return _publish


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
