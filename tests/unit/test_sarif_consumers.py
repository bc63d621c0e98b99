"""SARIF as GitHub code scanning reads it (its "SARIF support for code scanning" page, the
codeql-action upload-sarif source, the SARIF Multitool's GitHub rules):

- every uploaded result becomes an alert: `kind`, `baselineState` and `suppressions` are
  ignored, so a resolved or an exempted finding must not be a result at all (code scanning
  closes an alert that the next analysis no longer reports);
- results need a location with `region.startLine`; `level` is note, warning or error;
- every rule needs `shortDescription`, `fullDescription.text` and `help.text` (GH2012);
- alerts are matched across runs by `partialFingerprints.primaryLocationLineHash`; when a
  result has none, upload-sarif hashes the text from the start line on, so an edit next to the
  line makes a new alert (and loses a dismissal); a value the tool sets is kept.

So SARIF tells the same story as the annotations and GitLab Code Quality: the same findings
and diagnostics, on the same lines, with the same severities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.report import render_document
from checker.report.github_format import all_annotations
from checker.report.types import FailOn, ReportDocument

from .test_report_agreement import FEWER_SCIENTISTS, HIGH, _answers, _doc, _judged

MASK64 = (1 << 64) - 1


def line_hashes(text: str) -> dict[int, str]:
    """upload-sarif's hash of each line when a result has no ``primaryLocationLineHash``: a
    rolling hash (base 37, modulo 2**64) of the 100 characters from the line's start, spaces
    and tabs left out, CR LF read as LF, the end of the file as 65535 then zeros; a repeated
    value gets ``:2``, ``:3``... (written from the algorithm's description)."""
    chars: list[tuple[int, int | None]] = []  # (character, the line it starts, else None)
    line, start, prev_cr = 0, True, False
    for ch in text:
        c = ord(ch)
        if c in (0x20, 0x09) or (prev_cr and c == 0x0A):
            prev_cr = False
            continue
        prev_cr = c == 0x0D
        c = 0x0A if prev_cr else c
        starts = None
        if start:
            line += 1
            starts, start = line, False
        if c == 0x0A:
            start = True
        chars.append((c, starts))
    chars.append((65535, None))
    codes = [c for c, _ in chars] + [0] * 100
    out: dict[int, str] = {}
    seen: dict[int, int] = {}
    for i, (_, starts) in enumerate(chars):
        if starts is None:
            continue
        h = 0
        for c in codes[i : i + 100]:
            h = (h * 37 + c) & MASK64
        seen[h] = seen.get(h, 0) + 1
        out[starts] = f"{h:x}:{seen[h]}"
    return out


def code_scanning_identity(result: dict[str, Any], text: str) -> str:
    """The fingerprint code scanning matches an alert by: the tool's own, else the line's."""
    own = result.get("partialFingerprints", {}).get("primaryLocationLineHash")
    if own:
        return str(own)
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    return line_hashes(text)[line]


def _results(doc: ReportDocument) -> list[dict[str, Any]]:
    return list(json.loads(render_document(doc, "sarif"))["runs"][0]["results"])


def _story(doc: ReportDocument) -> dict[str, set[tuple[str, int, str, str]]]:
    """What each consumer shows: (path, line, check, severity) per format."""
    severity = {"error": "fails", "warning": "shown", "note": "shown", "notice": "shown"}
    sarif = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"].split("/")[-1],
            severity[r["level"]],
        )
        for r in _results(doc)
    }
    gitlab = {
        (
            i["location"]["path"],
            i["location"]["lines"]["begin"],
            i["check_name"].split("/")[-1],
            "fails" if i["severity"] in ("blocker", "critical") else "shown",
        )
        for i in json.loads(render_document(doc, "gitlab"))
    }
    github = {
        (
            a.file,
            a.line,
            a.title if a.title.startswith("PC") else a.message.rsplit("[", 1)[-1].rstrip("]"),
            severity[a.kind],
        )
        for a in all_annotations(doc)
    }
    # The score that fell: one result of its own in each.
    github = {
        (p, n, "score-below-baseline" if c.startswith("overall score") else c, s)
        for p, n, c, s in github
    }
    return {"sarif": sarif, "gitlab": gitlab, "github": github}


def _assert_one_story(doc: ReportDocument) -> None:
    story = _story(doc)
    assert story["sarif"] == story["gitlab"] == story["github"], story


def test_a_finding_resolved_since_the_baseline_is_no_result(tmp_path: Path) -> None:
    doc = _judged(tmp_path, HIGH, FEWER_SCIENTISTS)
    assert doc["files"][0]["baseline"]["absent"]  # resolved since the baseline
    results = _results(doc)
    assert "staffing/science-without-mlops" not in {r["ruleId"] for r in results}
    assert all(r.get("kind", "fail") == "fail" and r["level"] != "none" for r in results)
    _assert_one_story(doc)


def test_an_exempted_finding_is_no_result(tmp_path: Path) -> None:
    exempted = (Path(__file__).parents[1] / "data" / "answers" / "exempted.yaml").read_text(
        encoding="utf-8"
    )
    doc = _doc(tmp_path, exempted)
    assert [x["status"] for x in doc["files"][0]["findings"]].count("exempted") >= 1
    results = _results(doc)
    assert not [r for r in results if "suppressions" in r]
    assert "staffing/science-without-mlops" not in {r["ruleId"] for r in results}
    _assert_one_story(doc)


def test_every_result_is_an_alert_on_a_line(tmp_path: Path) -> None:
    invalid = HIGH.replace("automated-share", "automated-x")
    for doc in (
        _doc(tmp_path, HIGH),
        _doc(tmp_path, invalid),
        _judged(tmp_path, HIGH, FEWER_SCIENTISTS),
        _judged(tmp_path, HIGH, HIGH.replace("quarterly", "never")),
    ):
        for r in _results(doc):
            assert r["level"] in ("note", "warning", "error")
            assert "kind" not in r and "suppressions" not in r
            assert r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_every_rule_has_the_descriptions_and_help_code_scanning_shows(tmp_path: Path) -> None:
    """The SARIF Multitool's GH2012: fullDescription and help for every rule."""
    invalid = HIGH.replace("automated-share", "automated-x")
    docs = [
        _doc(tmp_path, HIGH),
        _doc(tmp_path, invalid),
        _judged(tmp_path, HIGH, HIGH.replace("quarterly", "never")),
    ]
    seen = set()
    for doc in docs:
        rules = json.loads(render_document(doc, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
        for rule in rules:
            seen.add(rule["id"])
            for key in ("shortDescription", "fullDescription", "help"):
                assert rule.get(key, {}).get("text", "").strip(), (rule["id"], key)
            assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"], rule
    assert any(r.startswith("PC") for r in seen) and "playbook-check/score-below-baseline" in seen


def test_alerts_keep_their_identity_when_nearby_lines_change(tmp_path: Path) -> None:
    before = HIGH
    # A comment above every answer line moves and changes the text next to each finding.
    after = HIGH.replace("\n  ", "\n  # reviewed\n  ")
    assert after != before
    old = {r["ruleId"]: r for r in _results(_doc(tmp_path, before))}
    new = {r["ruleId"]: r for r in _results(_doc(tmp_path, after))}
    assert old.keys() == new.keys() and old
    for rule_id in old:
        assert code_scanning_identity(old[rule_id], before) == code_scanning_identity(
            new[rule_id], after
        ), rule_id
        # Without the tool's own fingerprint code scanning would see a new alert.
        line_old = old[rule_id]["locations"][0]["physicalLocation"]["region"]["startLine"]
        line_new = new[rule_id]["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert line_hashes(before)[line_old] != line_hashes(after)[line_new], rule_id


def test_different_findings_and_teams_are_different_alerts(tmp_path: Path) -> None:
    ours = [
        r["partialFingerprints"]["primaryLocationLineHash"] for r in _results(_doc(tmp_path, HIGH))
    ]
    assert len(set(ours)) == len(ours)
    other = HIGH.replace("team: Recommendations", "team: Search")
    theirs = [
        r["partialFingerprints"]["primaryLocationLineHash"] for r in _results(_doc(tmp_path, other))
    ]
    assert set(ours).isdisjoint(theirs)


def test_the_line_hash_port_matches_a_known_value() -> None:
    # Two identical lines get the same hash, told apart by the counter, as upload-sarif does.
    hashes = line_hashes("a\na\n")
    assert hashes[1] != hashes[2]
    assert hashes[1].endswith(":1")
    assert line_hashes("x:  1\n") == line_hashes("x:1\n")  # spaces are left out


@pytest.mark.parametrize("fail_on", ["high", "low"])
def test_sarif_gitlab_and_annotations_tell_one_story_for_any_assessment(
    tmp_path: Path, fail_on: FailOn
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data(), st.booleans())
    def check(data: Any, with_baseline: bool) -> None:
        new_text = _answers(data.draw)
        if with_baseline:
            doc = _judged(tmp_path, _answers(data.draw), new_text, fail_on)
        else:
            doc = _doc(tmp_path, new_text, fail_on)
        _assert_one_story(doc)

    check()
