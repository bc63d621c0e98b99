"""The run's verdict, in one place: which findings fail the run, which files are worse than the
baseline, and the exit code.

Every format shows what this decides (a finding's ``fails``, a file's ``baseline.worse``, the
summary's ``failing``, the document's ``exit_code``), so they cannot disagree: building the
document (:func:`checker.report.document.assemble`) and judging it against a baseline
(:func:`checker.report.baseline.judge`) both end with :func:`settle`, and a report read back is
checked against :func:`exit_code` (:mod:`checker.report.meaning`)."""

from __future__ import annotations

from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from checker.model import Risk
from checker.report.types import ExitCode, FileEntry, FindingEntry, ReportDocument


def at_or_above(risk: str, fail_on: str) -> bool:
    """Whether a finding of ``risk`` reaches the threshold ``fail_on`` (``none``: none does)."""
    return fail_on != "none" and Risk(risk).rank >= Risk(fail_on).rank


def finding_fails(finding: FindingEntry, fail_on: str) -> bool:
    """Whether a finding fails the run: open, at or above ``fail_on`` and, judged against a
    baseline, new or riskier than there (its ``baseline`` state is not ``unchanged``)."""
    return (
        finding["status"] == "open"
        and finding.get("baseline") != "unchanged"
        and at_or_above(finding["risk"], fail_on)
    )


def fails(finding: FindingEntry, doc: ReportDocument) -> bool:
    """Whether a finding of ``doc`` fails the run: as the document marks it, else (a report
    written before findings carried ``fails``) by :func:`finding_fails`."""
    if "fails" in finding:
        return finding["fails"]
    return finding_fails(finding, doc["fail_on"])


def file_worse(entry: FileEntry) -> bool:
    """Whether a file judged against a baseline is worse than there: a lower overall score or
    a finding that fails the run."""
    overall = entry["baseline"]["overall"]
    return bool(overall and overall["lower"]) or any(f["fails"] for f in entry["findings"])


def exit_code(doc: ReportDocument) -> ExitCode:
    """The exit code ``doc``'s files give: invalid input (2) before all; then, against a
    baseline, a file worse than there (1); else a finding that fails the run (1); else 0."""
    files = doc["files"]
    if not all(entry["valid"] for entry in files):
        return EXIT_INVALID
    if "baseline" in doc:
        worse = any(e["baseline"]["worse"] for e in files if "baseline" in e)
    else:
        worse = any(fails(f, doc) for e in files for f in e["findings"])
    return EXIT_FINDINGS if worse else EXIT_OK


def settle(doc: ReportDocument) -> ReportDocument:
    """Write the verdict into ``doc``, in place: each finding's ``fails``, each judged file's
    ``worse`` (and the baseline summary's ``worse_files``), the summary's ``failing`` and the
    ``exit_code``."""
    failing = 0
    for entry in doc["files"]:
        if not entry["valid"]:
            continue
        for f in entry["findings"]:
            f["fails"] = finding_fails(f, doc["fail_on"])
            failing += f["fails"]
        if "baseline" in entry:
            entry["baseline"]["worse"] = file_worse(entry)
    doc["summary"]["failing"] = failing
    if "baseline" in doc:
        doc["baseline"]["worse_files"] = sum(
            e["baseline"]["worse"] for e in doc["files"] if "baseline" in e
        )
    doc["exit_code"] = exit_code(doc)
    return doc
