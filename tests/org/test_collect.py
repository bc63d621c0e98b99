"""``playbook-check collect REPORT... --into DIR`` (issue 21, item 3): each report filed under
its repository, the dated history kept, what is not a report refused with a located error, and
no stored report ever lost."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.org.store import INDEX, MARKER, REPORTS, Collection

from .conftest import PRACTICES, Publish, answers, cli, read

DAY1 = dt.datetime(2026, 11, 2, 9, 30)
DAY2 = dt.datetime(2026, 11, 16, 14, 5)
TODAY = ["--today", "2026-12-07"]


def _collect(*args: str | Path) -> tuple[int, str]:
    code, out, err = cli("collect", *args, *TODAY)
    assert out == ""
    return code, err


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def runs(publish: Publish, tmp_path: Path) -> Path:
    """Three repositories, two CI runs each, downloaded into one folder."""
    for repo in ("acme/search", "acme/fraud", "data/platform/feature-store"):
        team = repo.rsplit("/", 1)[1].replace("-", " ").title()
        publish(repo, {"team-shape.yaml": answers(team)}, DAY1, run=1)
        publish(
            repo,
            {"team-shape.yaml": answers(team, team_size="9")},
            DAY2,
            run=2,
        )
    return tmp_path / "artifacts"


def test_reports_are_filed_by_repository_with_their_history(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "site" / "reports"
    code, err = _collect(runs, "--into", into)
    assert code == 0, err
    assert f"{into}: collected 6 reports; 3 repositories in the collection" in err
    marker = read(into / MARKER)
    assert marker["repositories"] == ["acme/fraud", "acme/search", "data/platform/feature-store"]
    index = read(into / "acme" / "search" / INDEX)
    reports = index["reports"]
    assert isinstance(reports, list) and len(reports) == 2
    assert [r["when"] for r in reports] == ["2026-11-02T09:30:00Z", "2026-11-16T14:05:00Z"]
    first = reports[0]
    assert first["file"].startswith(f"{REPORTS}/2026-11-02T09-30-00Z_")
    assert first["provenance"]["repository"] == "acme/search"
    (assessment,) = first["assessments"]
    assert assessment["team"] == "Search" and assessment["checklist"]["id"] == "team-shape"
    # Stored byte for byte.
    originals = sorted(p.read_bytes() for p in runs.glob("acme-search/*/playbook-report.json"))
    stored = sorted(p.read_bytes() for p in (into / "acme" / "search" / REPORTS).iterdir())
    assert stored == originals


def test_collecting_again_keeps_one_copy_and_changes_nothing(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "reports"
    _collect(runs, "--into", into)
    before = _tree(into)
    code, err = _collect(runs, "--into", into)
    assert code == 0
    assert "collected 0 reports, 6 collected before; 3 repositories" in err
    assert _tree(into) == before


def test_what_is_not_a_report_is_refused_located_and_the_rest_collected(
    runs: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.json").write_text('{"format": "playbook-check-report",\n  "files": [,]}\n')
    (bad / "nan.json").write_text('{"overall": NaN}')
    (bad / "other.json").write_text('{"name": "package.json, not a report"}')
    into = tmp_path / "reports"
    code, err = _collect(runs, bad, "--into", into)
    assert code == 2
    assert f"{bad / 'broken.json'}:2:13: error: report is not JSON" in err
    assert f"{bad / 'nan.json'}:1:13: error: report is not JSON: NaN is not a JSON number" in err
    assert f"{bad / 'other.json'}:1:1: error: report is not a playbook-check JSON report" in err
    assert "collected 6 reports, 3 refused; 3 repositories" in err
    assert "Traceback" not in err


def test_a_folder_of_yours_is_never_written_into(tmp_path: Path, runs: Path) -> None:
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "index.md").write_text("# Mine\n")
    code, err = _collect(runs, "--into", mine)
    assert code == 2 and "is a folder that is not a collection; not writing into it" in err
    assert "[PC805]" in err and sorted(os.listdir(mine)) == ["index.md"]
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, err = _collect(runs, "--into", afile)
    assert code == 2 and "[PC805]" in err and afile.read_text() == "x"


def test_a_report_without_provenance_is_filed_under_its_one_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "team-shape.yaml").write_text(answers("Fraud Detection"))
    (team / "practices.yaml").write_text(answers("Fraud Detection", template=PRACTICES))
    code, _, _ = cli("report", team, "-f", "json", "--exit-zero", "-o", tmp_path / "one.json")
    assert code == 0
    (team / "practices.yaml").write_text(answers("Payments", template=PRACTICES))
    cli("report", team, "-f", "json", "--exit-zero", "-o", tmp_path / "two.json")
    into = tmp_path / "reports"
    code, err = _collect(tmp_path / "one.json", tmp_path / "two.json", "--into", into)
    assert code == 2
    assert "two.json:1:1: error: the report names no repository and assesses 2 teams" in err
    assert "[PC801]" in err
    assert len(read(into / "fraud-detection" / INDEX)["reports"]) == 1
    code, err = _collect(tmp_path / "two.json", "--into", into, "--repository", "Acme/Payments")
    assert code == 0
    assert (into / "acme" / "payments" / INDEX).is_file()


@pytest.mark.parametrize("repository", ["../../etc", "acme/..", "a b", "acme//x", "ä/b"])
def test_a_repository_that_cannot_be_a_folder_is_refused(
    runs: Path, tmp_path: Path, repository: str
) -> None:
    report = next(runs.rglob("*.json"))
    doc = json.loads(report.read_text())
    doc["provenance"]["repository"] = repository
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc))
    into = tmp_path / "reports"
    code, err = _collect(forged, "--into", into)
    assert code == 2
    if "[PC412]" not in err:  # the report schema refuses some already
        assert "cannot be a folder of the collection [PC802]" in err
    assert not [p for p in into.rglob("*") if p.is_file() and p.name != MARKER]
    assert not (tmp_path / "etc").exists()


def test_a_lost_or_broken_index_is_rebuilt_and_nothing_is_lost(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "reports"
    _collect(runs, "--into", into)
    stored = _tree(into / "acme" / "search" / REPORTS)
    (into / "acme" / "search" / INDEX).unlink()
    (into / "acme" / "fraud" / INDEX).write_text('{"format": "x"')
    extra = next(runs.rglob("*.json")).parent.parent.parent / "late"
    code, err = _collect(runs, "--into", into)
    assert code == 0, err
    assert "rebuilt the index of 'acme/search' from its 2 stored report(s) [PC806]" in err
    assert "rebuilt the index of 'acme/fraud'" in err
    assert _tree(into / "acme" / "search" / REPORTS) == stored
    assert len(read(into / "acme" / "search" / INDEX)["reports"]) == 2
    assert not extra.exists()


def test_an_unreadable_stored_report_is_kept_and_left_out(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "reports"
    _collect(runs, "--into", into)
    folder = into / "acme" / "search" / REPORTS
    victim = sorted(folder.iterdir())[0]
    victim.write_text("not json")
    (into / "acme" / "search" / INDEX).unlink()
    code, err = _collect(runs, "--into", into)
    assert "a stored report cannot be read; kept, but left out of the index" in err
    assert victim.read_text() == "not json"
    # Its original is collected again beside it: the damaged file is not replaced.
    assert code == 0
    again = folder / f"{victim.stem}-2.json"
    assert json.loads(again.read_text())["format"] == "playbook-check-report"
    files = [r["file"] for r in read(into / "acme" / "search" / INDEX)["reports"]]
    assert f"{REPORTS}/{again.name}" in files and f"{REPORTS}/{victim.name}" not in files


def test_every_assessment_of_a_multi_team_report_is_indexed(
    publish: Publish, tmp_path: Path
) -> None:
    texts = {f"team-{i}.yaml": answers(f"Team {i}") for i in range(5)}
    report = publish("acme/monorepo", texts, DAY1)
    into = tmp_path / "reports"
    assert _collect(report, "--into", into)[0] == 0
    (record,) = read(into / "acme" / "monorepo" / INDEX)["reports"]
    assert sorted(a["team"] for a in record["assessments"]) == [f"Team {i}" for i in range(5)]


def test_a_report_dated_in_the_future_is_kept_with_a_warning(
    publish: Publish, tmp_path: Path
) -> None:
    report = publish("acme/search", {"t.yaml": answers("Search")}, dt.datetime(2030, 1, 1))
    into = tmp_path / "reports"
    code, err = _collect(report, "--into", into)
    assert code == 0
    assert "the report is dated 2030-01-01T00:00:00Z, after today (2026-12-07)" in err
    assert "[PC807]" in err


def test_a_topology_report_holds_nothing_to_collect(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    topology = root / "examples" / "startup" / "topology" / "organisation.yaml"
    report = tmp_path / "topology.json"
    cli("topology", "check", topology, "-f", "json", "-o", report)
    code, err = _collect(report, "--into", tmp_path / "reports")
    assert code == 0 and "holds no valid assessment of an answers file" in err
    assert "[PC804]" in err


def test_a_second_collect_at_the_same_time_is_refused(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "reports"
    _collect(runs, "--into", into)
    fd = os.open(into / MARKER, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        code, err = _collect(runs, "--into", into)
    finally:
        os.close(fd)
    assert code == 2 and "another playbook-check collect is writing" in err


def test_the_collection_lists_its_repositories(runs: Path, tmp_path: Path) -> None:
    into = tmp_path / "reports"
    _collect(runs, "--into", into)
    c = Collection(into)
    assert c.repositories() == ["acme/fraud", "acme/search", "data/platform/feature-store"]
    data, problems = c.read_index("acme/search")
    assert data is not None and problems == []
    shutil.copy(into / "acme" / "search" / INDEX, into / "acme" / "fraud" / INDEX)
    data, problems = c.read_index("acme/fraud")
    assert data is None and "filed under 'acme/fraud'" in problems[0].message


MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
    ("checklist id", lambda e: e["checklist"].update(id="Not Kebab")),
    ("checklist id", lambda e: e["checklist"].update(id="a" * 101)),
    ("version", lambda e: e["checklist"].update(version="2.0-beta")),
    ("answered", lambda e: e.update(answered_version="2")),
    ("team", lambda e: e.update(team="   ")),
    ("overall", lambda e: e["score"].update(overall=1e9)),
    ("overall", lambda e: e["score"].update(overall=-1)),
    ("section", lambda e: e["score"]["sections"][0].update(score=2e6)),
    ("count", lambda e: e["counts"].update(high=10**7)),
    ("fine", lambda e: e.update(team="x" * 400)),
    ("fine", lambda e: e["checklist"].update(title="<b>" * 900)),
    ("fine", lambda e: e.update(assessed="not a date")),
]


@pytest.mark.parametrize(("what", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_what_collect_accepts_is_what_the_site_s_schema_accepts(
    runs: Path, what: str, mutate: Callable[[dict[str, Any]], object]
) -> None:
    from checker.org.store import empty_index, record, record_problem
    from checker.validate import schema

    doc = json.loads(next(runs.rglob("*.json")).read_text())
    mutate(doc["files"][0])
    rec = record(doc, "@reports/x.json", "0" * 64)
    valid = schema.is_valid({**empty_index("acme/search"), "reports": [rec]}, "collection")
    assert (record_problem(rec) is None) == valid == (what == "fine"), record_problem(rec)


def test_a_folder_holding_the_collection_is_collected_without_it(
    runs: Path, tmp_path: Path
) -> None:
    into = runs / "collection"
    assert _collect(runs, "--into", into)[0] == 0
    before = _tree(into)
    code, err = _collect(runs, "--into", into)  # the stored reports are not inputs
    assert code == 0 and "collected 0 reports, 6 collected before" in err
    assert _tree(into) == before


def test_many_reports_in_a_pool_with_few_indexes_in_memory(
    runs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.org.store as store

    monkeypatch.setattr(store, "OPEN_INDEXES", 4)
    template = json.loads(next(runs.rglob("*.json")).read_text())
    many = tmp_path / "many"
    for i in range(450):
        doc = json.loads(json.dumps(template))
        repo = f"acme/team-{i % 30:02d}"
        doc["provenance"].update(repository=repo, generated=f"2026-11-{1 + i // 30:02d}T00:00:00Z")
        doc["files"][0]["team"] = f"Team {i % 30}"
        (many / repo.replace("/", "-")).mkdir(parents=True, exist_ok=True)
        (many / repo.replace("/", "-") / f"{i}.json").write_text(json.dumps(doc))
    into = tmp_path / "reports"
    outcome = store.collect([many], into, today=dt.date(2026, 12, 7), workers=2)
    assert outcome.refused == [] and outcome.added == 450 and outcome.repositories == 30
    for n in range(30):
        index = read(into / "acme" / f"team-{n:02d}" / INDEX)
        assert len(index["reports"]) == 15
    assert not (into / "@incoming").exists()
    again = store.collect([many], into, today=dt.date(2026, 12, 7), workers=2)
    assert again.added == 0 and again.already == 450 and again.warnings == []
