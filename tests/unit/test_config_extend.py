"""One configuration for many repositories (issue 21, item 7): ``extend`` and
``required-version`` in ``[tool.playbook-check]``, as ruff has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import __version__
from checker.cli.config import load_config
from checker.cli.versions import allows, parse_specifiers, version_key

from .conftest import ANSWERS, CHECKLISTS
from .conftest import run_cli as run
from .test_cli_adoption import medium_and_low


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An organisation folder with a shared base configuration and one team repository in it
    (the working directory)."""
    (tmp_path / "org-playbook.toml").write_text(
        f'fail-on = "medium"\nchecklists = ["{CHECKLISTS.as_posix()}"]\n'
        'site-url = "https://playbook.example.com/"\nbaseline = "baselines/none.json"\n'
    )
    repo = tmp_path / "search"
    (repo / ".git").mkdir(parents=True)
    (repo / "playbook").mkdir()
    medium_and_low(repo / "playbook" / "team.yaml")
    monkeypatch.chdir(repo)
    return repo


def _pyproject(repo: Path, body: str) -> None:
    (repo / "pyproject.toml").write_text(
        "[project]\nname = 'search'\n\n[tool.playbook-check]\n" + body
    )


def test_a_team_extends_the_organisation_and_overrides_key_by_key(org: Path) -> None:
    _pyproject(org, 'extend = "../org-playbook.toml"\nfiles = ["playbook"]\nbaseline = ""\n')
    config = load_config()
    assert config.fail_on == "medium"  # from the base
    assert config.files == ["playbook"]  # from the team
    assert config.baseline is None  # the team unsets the base's baseline
    assert config.site_url == "https://playbook.example.com/"
    # The base's relative paths are relative to the base file, not to the team's.
    assert Path(config.checklists[0]).resolve() == CHECKLISTS.resolve()
    proc = run("validate", "--today", "2026-11-24")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # medium findings fail at medium
    _pyproject(
        org,
        'extend = "../org-playbook.toml"\nfiles = ["playbook"]\nbaseline = ""\nfail-on = "high"\n',
    )
    assert run("validate", "--today", "2026-11-24").returncode == 0


def test_a_base_may_be_a_pyproject_and_may_extend_another(org: Path, tmp_path: Path) -> None:
    platform = tmp_path / "platform"
    platform.mkdir()
    (platform / "pyproject.toml").write_text(
        '[tool.playbook-check]\nextend = "../org-playbook.toml"\nexclude = ["drafts"]\n'
    )
    _pyproject(org, 'extend = "../platform/pyproject.toml"\n')
    config = load_config()
    assert config.exclude == ["drafts"] and config.fail_on == "medium"


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (None, "'../org.toml' does not exist"),
        ('fail-on = "hihg"\n', "fail-on is 'hihg'"),
        ("fail-on = [\n", "is not TOML"),
        ('extend = "search/pyproject.toml"\n', "a cycle"),
    ],
)
def test_a_broken_base_is_a_located_error(
    org: Path, tmp_path: Path, base: str | None, expected: str
) -> None:
    if base is not None:
        (tmp_path / "org.toml").write_text(base)
    _pyproject(org, 'files = ["playbook"]\nextend = "../org.toml"\n')
    proc = run("validate")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr
    if "fail-on" in expected:  # located in the base, at its line
        assert f"{tmp_path / 'org.toml'}:1:1: error: fail-on is 'hihg'" in proc.stderr
        assert "[PC001]" in proc.stderr
    elif "cycle" in expected:  # found where the loop closes
        assert f"{tmp_path / 'org.toml'}:1:1: error: extend: 'search/pyproject.toml'" in (
            proc.stderr
        )
        assert "[PC011]" in proc.stderr
    else:
        assert "pyproject.toml:6:1: error: [tool.playbook-check] extend:" in proc.stderr
        assert "[PC011]" in proc.stderr


def test_required_version_stops_every_command_of_another_version(org: Path) -> None:
    _pyproject(org, 'files = ["playbook"]\nrequired-version = ">=99"\n')
    for args in (["validate"], ["report", "-f", "json"], ["list"], ["init", "team-shape"]):
        proc = run(*args)
        assert proc.returncode == 2, args
        assert (
            f"pyproject.toml:6:1: error: required-version is '>=99'; this is playbook-check "
            f"{__version__} [PC010]" in proc.stderr
        ), proc.stderr
    _pyproject(org, f'files = ["playbook"]\nrequired-version = "=={__version__}"\n')
    assert run("validate", "--checklists", str(CHECKLISTS)).returncode == 0


def test_required_version_in_the_base_applies_to_every_team(org: Path, tmp_path: Path) -> None:
    (tmp_path / "org-playbook.toml").write_text('required-version = "<0.0.1"\n')
    _pyproject(org, 'extend = "../org-playbook.toml"\nfiles = ["playbook"]\n')
    proc = run("validate")
    assert proc.returncode == 2
    assert f"{tmp_path / 'org-playbook.toml'}:1:1: error: required-version" in proc.stderr


@pytest.mark.parametrize("spec", ["", ">=", "=>0.3", "~=1", ">=1.*", "latest", ">=0.3,,<1"])
def test_a_malformed_required_version_is_a_located_configuration_error(
    org: Path, spec: str
) -> None:
    _pyproject(org, f'files = ["playbook"]\nrequired-version = "{spec}"\n')
    proc = run("validate")
    assert proc.returncode == 2
    assert "pyproject.toml:6:1:" in proc.stderr and "[PC001]" in proc.stderr
    assert "is not a version specifier" in proc.stderr


def test_versions_are_ordered_as_pep_440_orders_them() -> None:
    order = ["0.9", "1.0.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0.post1", "1.1.dev0"]
    keys = [version_key(v) for v in order]
    assert keys == sorted(keys)
    assert version_key("1.0") == version_key("1.0.0")
    assert allows(">=0.3,<1", "0.4.2") and not allows(">=0.3,<1", "1.0")
    assert allows("~=0.3.1", "0.3.9") and not allows("~=0.3.1", "0.4")
    assert allows("==0.3.*", "0.3.7+g1a2b3c4") and not allows("!=0.3.*", "0.3.0")
    assert allows("0.3.1", "0.3.1") and not allows("0.3.1", "0.3.2")
    assert parse_specifiers(" >= 0.3 , < 1 ") == [(">=", "0.3"), ("<", "1")]


def test_answers_checked_with_an_extended_configuration_are_reported_alike(org: Path) -> None:
    _pyproject(org, 'extend = "../org-playbook.toml"\nbaseline = ""\n')
    direct = run("report", "-f", "json", "--today", "2026-11-24", ANSWERS / "clean.yaml")
    assert direct.returncode == 0, direct.stderr
    assert '"site_url": "https://playbook.example.com/"' in direct.stdout
