"""A checked topology as a report-document entry, so every report format renders it.

The entry has the shape of an answers file's entry (``checklist`` is the topology format,
``team`` the organisation, no score) plus ``kind: "topology"`` and a ``topology`` summary.
"""

from __future__ import annotations

from typing import Any

from checker.constants import RISKS
from checker.model import Status
from checker.report.document import finding_dict
from checker.topology.check import TopologyResult
from checker.topology.model import FORMAT_VERSION
from checker.topology.rules import RULES

CHECKLIST = {"id": "topology", "version": str(FORMAT_VERSION), "title": "Team topology"}


def entry(result: TopologyResult) -> dict[str, Any]:
    """The report entry for one topology file."""
    out: dict[str, Any] = {
        "file": result.path,
        "valid": result.valid,
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "kind": "topology",
    }
    org = result.organisation
    if org is None or not result.valid:
        return out
    out.update(
        {
            "checklist": dict(CHECKLIST),
            "answered_version": str(FORMAT_VERSION),
            "team": org.name,
            "assessed": org.as_of.isoformat(),
            "score": {
                "aggregate": "none",
                "unit": "percent",
                "overall": None,
                "level": None,
                "sections": [],
                "costs": [],
            },
            "findings": [finding_dict(f) for f in result.findings],
            "rules": [
                {
                    "id": r.id,
                    "title": r.title,
                    "pitfall": r.pitfall,
                    "risk": r.risk.value,
                    "advice": r.advice,
                }
                for r in RULES.values()
            ],
            "counts": {
                r: sum(1 for f in result.findings if f.risk.value == r and f.status is Status.OPEN)
                for r in RISKS
            },
            "notes": {},
            "topology": {
                "teams": len(org.teams),
                "interactions": len(org.interactions),
                "groupings": len(org.groupings),
            },
        }
    )
    return out
