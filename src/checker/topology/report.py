"""A checked topology as a report-document entry, so every report format renders it.

The entry has the shape of an answers file's entry (``checklist`` is the topology format,
``team`` the organisation, no score) plus ``kind: "topology"`` and a ``topology`` summary; it is
written by :func:`checker.report.document.make_entry`, as an answers file's is.
"""

from __future__ import annotations

from checker.report.document import NO_SCORE, Assessed, make_entry
from checker.report.types import ChecklistRef, FileEntry
from checker.topology.check import TopologyResult
from checker.topology.model import FORMAT_VERSION
from checker.topology.rules import RULES

CHECKLIST: ChecklistRef = {
    "id": "topology",
    "version": str(FORMAT_VERSION),
    "title": "Team topology",
}


def entry(result: TopologyResult) -> FileEntry:
    """The report entry for one topology file."""
    org = result.organisation
    assessed = None
    if org is not None:
        assessed = Assessed(
            checklist=CHECKLIST.copy(),
            answered_version=str(FORMAT_VERSION),
            team=org.name,
            assessed=org.as_of.isoformat(),
            score=NO_SCORE.copy(),
            findings=result.findings,
            rules=RULES.values(),
            notes={},
            topology={
                "teams": len(org.teams),
                "interactions": len(org.interactions),
                "groupings": len(org.groupings),
            },
        )
    return make_entry(result.path, result.valid, result.diagnostics, assessed, kind="topology")
