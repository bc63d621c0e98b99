"""Compare two versions of a topology: teams, interactions and findings that changed."""

from __future__ import annotations

from typing import Any

from checker.textsafe import neutralise
from checker.topology.check import TopologyResult
from checker.topology.model import Organisation


def _pairs(org: Organisation) -> dict[tuple[str, ...], tuple[str, str, str]]:
    """Interactions by unordered pair of teams (one per pair): mode, from, to."""
    return {
        tuple(sorted((ix.source, ix.target))): (ix.mode, ix.source, ix.target)
        for ix in org.interactions
    }


def compare(old: TopologyResult, new: TopologyResult) -> dict[str, Any]:
    """What changed from ``old`` to ``new`` (both valid), as plain data."""
    a, b = old.organisation, new.organisation
    assert a is not None and b is not None
    teams_added = [t for t in b.teams if t not in a.teams]
    teams_removed = [t for t in a.teams if t not in b.teams]
    retyped = [
        {"team": t, "from": a.teams[t].type, "to": b.teams[t].type}
        for t in b.teams
        if t in a.teams and a.teams[t].type != b.teams[t].type
    ]
    resized = [
        {"team": t, "from": a.teams[t].members, "to": b.teams[t].members}
        for t in b.teams
        if t in a.teams and a.teams[t].members != b.teams[t].members
    ]
    pa, pb = _pairs(a), _pairs(b)
    open_a = {f.id: f for f in old.findings if f.status.value == "open"}
    open_b = {f.id: f for f in new.findings if f.status.value == "open"}
    return {
        "old": {"file": old.path, "as_of": a.as_of.isoformat()},
        "new": {"file": new.path, "as_of": b.as_of.isoformat()},
        "teams": {
            "added": teams_added,
            "removed": teams_removed,
            "retyped": retyped,
            "members_changed": resized,
        },
        "interactions": {
            "added": [{"teams": list(v[1:]), "mode": v[0]} for k, v in pb.items() if k not in pa],
            "removed": [{"teams": list(v[1:]), "mode": v[0]} for k, v in pa.items() if k not in pb],
            "mode_changed": [
                {"teams": list(v[1:]), "from": pa[k][0], "to": v[0]}
                for k, v in pb.items()
                if k in pa and pa[k][0] != v[0]
            ],
        },
        "findings": {
            "fixed": [
                {"id": i, "risk": f.risk.value, "title": f.title}
                for i, f in sorted(open_a.items())
                if i not in open_b
            ],
            "introduced": [
                {"id": i, "risk": f.risk.value, "title": f.title}
                for i, f in sorted(open_b.items())
                if i not in open_a
            ],
        },
    }


def worse(change: dict[str, Any]) -> bool:
    """The new version has an open finding the old one did not."""
    return bool(change["findings"]["introduced"])


def change_lines(change: dict[str, Any]) -> list[str]:
    """One line per change: ``+`` added, ``-`` removed, ``~`` changed, then findings."""
    t, ix, f = change["teams"], change["interactions"], change["findings"]
    out = [f"+ team {x}" for x in t["added"]]
    out += [f"- team {x}" for x in t["removed"]]
    out += [f"~ team {x['team']}: {x['from']} -> {x['to']}" for x in t["retyped"]]
    out += [f"~ team {x['team']}: members changed" for x in t["members_changed"]]
    out += [f"+ {x['mode']} from {x['teams'][0]} to {x['teams'][1]}" for x in ix["added"]]
    out += [f"- {x['mode']} from {x['teams'][0]} to {x['teams'][1]}" for x in ix["removed"]]
    out += [
        f"~ {x['teams'][0]} and {x['teams'][1]}: {x['from']} -> {x['to']}"
        for x in ix["mode_changed"]
    ]
    out += [f"fixed: {x['risk']}: {x['title']} [{x['id']}]" for x in f["fixed"]]
    out += [f"introduced: {x['risk']}: {x['title']} [{x['id']}]" for x in f["introduced"]]
    return out


def render_text(change: dict[str, Any]) -> str:
    out = [
        f"{change['old']['file']} ({change['old']['as_of']}) -> "
        f"{change['new']['file']} ({change['new']['as_of']})"
    ]
    out += ["  " + line for line in change_lines(change)]
    f = change["findings"]
    out.append(f"{len(f['fixed'])} finding(s) fixed, {len(f['introduced'])} introduced")
    return "\n".join(neutralise(line) for line in out) + "\n"
