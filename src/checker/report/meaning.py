"""What a JSON report's values mean, beyond its schema: a report read back (``--baseline``,
``diff``, the site, ``collect``) must be one ``playbook-check report`` could have written.

The schema says which fields exist and their types; these rules say the numbers add up. Scores
are within their scale (0-100, or a section's best points) and agree with the sections they
aggregate; counts agree with the findings they count; the summary and exit code agree with the
files; ids, dates and versions have their formats. A report that does not add up was edited
or forged, and is refused (PC430) rather than shown with numbers that lie.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from checker.constants import ID_RE, RISKS
from checker.diagnostics import DiagnosticSink
from checker.report.types import FileEntry, ReportDocument, ScoreEntry
from checker.report.util import is_date
from checker.report.verdict import at_or_above, exit_code, fails

CODE = "PC430"
HINT = "write the report again with: playbook-check report FILES --format json -o REPORT"
TOLERANCE = 0.011
"""How far an overall score may be from its sections' aggregate: each figure is rounded to two
decimals, so a weighted mean of rounded values is within 0.01 of the rounded mean."""

_VERSION = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){0,2}")


class _Checker:
    def __init__(self, sink: DiagnosticSink, role: str) -> None:
        self.sink = sink
        self.role = role

    def add(self, path: tuple[object, ...], message: str) -> None:
        self.sink.add(CODE, f"{self.role} does not add up: {message}", path, hint=HINT)

    def count(self, path: tuple[object, ...], what: str, claimed: int, actual: int) -> None:
        if claimed != actual:
            whose = "the summary says" if path[0] == "summary" else "its counts say"
            listed = "the files list" if path[0] == "summary" else "it lists"
            self.add(path, f"{whose} {claimed} {what}; {listed} {actual}")

    def document(self, doc: ReportDocument) -> None:
        files = doc["files"]
        valid = [(i, e) for i, e in enumerate(files) if e["valid"]]
        for i, entry in valid:
            self.entry(i, entry, doc)
        for i, entry in enumerate(files):
            if not entry["valid"] and not any(
                d["severity"] == "error" for d in entry["diagnostics"]
            ):
                self.add(("files", i, "valid"), "an invalid file without an error")
        summary = doc["summary"]
        findings = [f for _, e in valid for f in e["findings"]]
        diagnostics = [d for e in files for d in e["diagnostics"]]
        actual = {
            "files": len(files),
            "invalid": len(files) - len(valid),
            "errors": sum(d["severity"] == "error" for d in diagnostics),
            "warnings": sum(d["severity"] == "warning" for d in diagnostics),
            **{r: sum(f["status"] == "open" and f["risk"] == r for f in findings) for r in RISKS},
            "exempted": sum(f["status"] == "exempted" for f in findings),
        }
        failing = sum(fails(f, doc) for f in findings)
        if "failing" in summary:
            actual["failing"] = failing
        stated = cast("Mapping[str, int]", summary)  # every value a count
        for key, value in actual.items():
            self.count(("summary", key), _SUMMARY[key], stated[key], value)
        if "baseline" in doc and not actual["invalid"]:
            worse = sum(e["baseline"]["worse"] for _, e in valid if "baseline" in e)
            claimed = doc["baseline"]["worse_files"]
            if claimed != worse:
                self.add(
                    ("baseline", "worse_files"),
                    f"the baseline summary says {claimed} worse files; the files list {worse}",
                )
        expected = exit_code(doc)
        if doc["exit_code"] != expected:
            self.add(
                ("exit_code",),
                f"exit code {doc['exit_code']}, but its files give {expected} "
                f"(failing on {doc['fail_on']})",
            )

    def entry(self, i: int, entry: FileEntry, doc: ReportDocument) -> None:
        at: tuple[object, ...] = ("files", i)
        checklist = entry["checklist"]
        if not ID_RE.fullmatch(checklist["id"]):
            self.add(
                (*at, "checklist", "id"), f"checklist id {checklist['id'][:80]!r} is not an id"
            )
        for key, value in (
            (("checklist", "version"), checklist["version"]),
            (("answered_version",), entry["answered_version"]),
        ):
            if not _VERSION.fullmatch(value):
                self.add((*at, *key), f"version {value[:80]!r} is not a version number")
        if entry["assessed"] and not is_date(entry["assessed"]):
            self.add((*at, "assessed"), f"assessed {entry['assessed'][:80]!r} is not a date")
        for j, f in enumerate(entry["findings"]):
            where = (*at, "findings", j)
            exemption = f["exemption"]
            if f["status"] == "exempted" and exemption is None:
                self.add((*where, "status"), "an exempted finding without its exemption")
            if exemption is not None and not is_date(exemption["expires"]):
                self.add((*where, "exemption", "expires"), "an exemption's expiry is not a date")
            if "fails" in f:
                allowed = f["status"] == "open" and at_or_above(f["risk"], doc["fail_on"])
                if (f["fails"] and not allowed) or (
                    "baseline" not in doc and f["fails"] != allowed
                ):
                    self.add(
                        (*where, "fails"),
                        f"a {f['status']} {f['risk']} finding that "
                        f"{'fails' if f['fails'] else 'does not fail'} on {doc['fail_on']}",
                    )
        counts = cast("Mapping[str, int]", entry["counts"])  # every value a count
        for r in RISKS:
            actual = sum(f["status"] == "open" and f["risk"] == r for f in entry["findings"])
            self.count((*at, "counts", r), f"open {r} findings", counts[r], actual)
        self.score(at, entry["score"])

    def score(self, at: tuple[object, ...], score: ScoreEntry) -> None:
        at = (*at, "score")
        points = score.get("unit", "percent") == "points"
        sections = score["sections"]
        seen: set[str] = set()
        scored: list[tuple[float, float]] = []  # weight, score
        errors = self.sink.error_count
        for k, s in enumerate(sections):
            where = (*at, "sections", k)
            if not ID_RE.fullmatch(s["id"]) or s["id"] in seen:
                self.add((*where, "id"), f"section id {s['id'][:80]!r} is not a unique id")
            seen.add(s["id"])
            if s["weight"] <= 0:
                self.add(
                    (*where, "weight"), f"a section weight of {s['weight']}; weights are above 0"
                )
                continue
            if not 0 <= s["earned"] <= s["max"] + 0.005:
                self.add((*where, "earned"), f"{s['earned']} points earned of {s['max']}")
                continue
            best = s["max"] if points else 100.0
            if s["max"] == 0:
                if s["score"] is not None:
                    self.add((*where, "score"), "a section with nothing to score has a score")
                continue
            value = s["score"]
            if value is None or not 0 <= value <= best + 0.005:
                self.add((*where, "score"), f"a section score outside 0 to {best:g}")
                continue
            scored.append((s["weight"] if score["aggregate"] == "weighted" else 1.0, value))
        for k, c in enumerate(score["costs"]):
            if c["lost"] < 0 or c["cost"] < 0 or c["section"] not in seen:
                self.add((*at, "costs", k), "a cost below 0, or in a section the entry lacks")
        if self.sink.error_count > errors:
            return  # the overall score cannot be checked against sections that are wrong
        overall, level = score["overall"], score["level"]
        if (overall is None) != (level is None):
            self.add((*at, "level"), "a maturity level without an overall score, or the reverse")
        if score["aggregate"] == "none" or not scored:
            if overall is not None:
                self.add((*at, "overall"), "an overall score with no section scored")
            return
        if score["aggregate"] == "min":
            expected = min(v for _, v in scored)
        else:
            expected = sum(w * v for w, v in scored) / sum(w for w, _ in scored)
        if overall is None or abs(overall - expected) > TOLERANCE:
            self.add(
                (*at, "overall"),
                f"overall score {overall}, but its sections' {score['aggregate']} is "
                f"{round(expected, 2)}",
            )


_SUMMARY = {
    "files": "files",
    "invalid": "invalid files",
    "errors": "errors",
    "warnings": "warnings",
    "high": "open high findings",
    "medium": "open medium findings",
    "low": "open low findings",
    "exempted": "exempted findings",
    "failing": "failing findings",
}


def check(doc: ReportDocument, sink: DiagnosticSink, role: str = "report") -> None:
    """Add a PC430 error to ``sink`` for each value of ``doc`` (valid against the report
    schema) that does not agree with the rest."""
    _Checker(sink, role).document(doc)
