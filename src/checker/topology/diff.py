"""Compare two versions of a topology: the reorganisation between them.

Teams are matched by id, and a team whose id changed but whose name reads the same (see
:func:`~checker.topology.load.name_key`) is the same team renamed. The change lists teams added,
removed, renamed, retyped, moved between groupings and resized (member counts before and after),
models and capabilities that changed owner, providers added or removed, interactions added,
removed or changed (mode or direction), and the findings fixed or introduced.
"""

from __future__ import annotations

from typing import Any

from checker.textsafe import neutralise
from checker.topology.check import TopologyResult
from checker.topology.load import name_key
from checker.topology.model import ROLES, Interaction, Organisation


def matching(a: Organisation, b: Organisation) -> dict[str, str]:
    """Old team id -> new team id: the same id, else the same name (a team re-identified)."""
    match = {t: t for t in a.teams if t in b.teams}
    by_name = {name_key(t.name): t.id for t in b.teams.values() if t.id not in a.teams}
    for old in a.teams.values():
        if old.id not in match and (new := by_name.pop(name_key(old.name), None)) is not None:
            match[old.id] = new
    return match


def _ix(ix: Interaction) -> dict[str, str]:
    return {"mode": ix.mode, "from": ix.source, "to": ix.target}


def _owners(org: Organisation, key: str) -> dict[str, list[str]]:
    """Model (``owns``) or capability (``provides``) -> the teams that list it, in file order."""
    out: dict[str, list[str]] = {}
    for team in org.teams.values():
        for ident in getattr(team, key):
            out.setdefault(ident, []).append(team.id)
    return out


def _ownership(a: Organisation, b: Organisation, key: str, to_new: dict[str, str]) -> list[Any]:
    old, new = _owners(a, key), _owners(b, key)
    moves = []
    for ident in [*old, *(i for i in new if i not in old)]:
        before = [to_new.get(t, t) for t in old.get(ident, [])]
        after = new.get(ident, [])
        if before != after:
            moves.append({"id": ident, "from": before, "to": after})
    return moves


def compare(old: TopologyResult, new: TopologyResult) -> dict[str, Any]:
    """What changed from ``old`` to ``new`` (both valid), as plain data."""
    a, b = old.organisation, new.organisation
    assert a is not None and b is not None
    match = matching(a, b)
    pairs = [(a.teams[o], b.teams[n]) for o, n in match.items()]
    matched_new = set(match.values())
    members_changed = []
    for t, u in pairs:
        if t.members != u.members:
            members_changed.append(
                {
                    "team": u.id,
                    "from": dict(t.members),
                    "to": dict(u.members),
                    "size": {"from": t.size, "to": u.size},
                }
            )
    old_ix = {
        frozenset(match.get(p, p) for p in (ix.source, ix.target)): ix for ix in a.interactions
    }
    new_ix = {frozenset((ix.source, ix.target)): ix for ix in b.interactions}
    open_a = {f.id: f for f in old.findings if f.status.value == "open"}
    open_b = {f.id: f for f in new.findings if f.status.value == "open"}
    return {
        "old": {"file": old.path, "as_of": a.as_of.isoformat()},
        "new": {"file": new.path, "as_of": b.as_of.isoformat()},
        "teams": {
            "added": [t for t in b.teams if t not in matched_new],
            "removed": [t for t in a.teams if t not in match],
            "renamed": [
                {"team": u.id, "id_from": t.id, "from": t.name, "to": u.name}
                for t, u in pairs
                if t.id != u.id or t.name != u.name
            ],
            "retyped": [
                {"team": u.id, "from": t.type, "to": u.type} for t, u in pairs if t.type != u.type
            ],
            "regrouped": [
                {"team": u.id, "from": t.grouping, "to": u.grouping}
                for t, u in pairs
                if t.grouping != u.grouping
            ],
            "members_changed": members_changed,
        },
        "owners": {
            "models": _ownership(a, b, "owns", match),
            "capabilities": _ownership(a, b, "provides", match),
        },
        "providers": {
            "added": [p for p in b.providers if p not in a.providers],
            "removed": [p for p in a.providers if p not in b.providers],
        },
        "interactions": {
            "added": [
                {"teams": [ix.source, ix.target], "mode": ix.mode}
                for k, ix in new_ix.items()
                if k not in old_ix
            ],
            "removed": [
                {"teams": [ix.source, ix.target], "mode": ix.mode}
                for k, ix in old_ix.items()
                if k not in new_ix
            ],
            "changed": [
                {"teams": [ix.source, ix.target], "from": _ix(old_ix[k]), "to": _ix(ix)}
                for k, ix in new_ix.items()
                if k in old_ix and _changed(old_ix[k], ix, match)
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


def _changed(old: Interaction, new: Interaction, match: dict[str, str]) -> bool:
    """A different mode, or (for a directed mode) the other direction."""
    if old.mode != new.mode:
        return True
    return old.mode != "collaboration" and match.get(old.source, old.source) != new.source


def worse(change: dict[str, Any]) -> bool:
    """The new version has an open finding the old one did not."""
    return bool(change["findings"]["introduced"])


def members_text(members: dict[str, int]) -> str:
    """Counts by role, in the format's order: ``2 scientists, 1 ml-engineers`` (or ``none``)."""
    return ", ".join(f"{members[r]} {r}" for r in ROLES if members.get(r)) or "none"


def _owner_line(what: str, move: dict[str, Any]) -> str:
    before, after = ", ".join(move["from"]), ", ".join(move["to"])
    verb = "owned" if what == "model" else "provided"
    if not move["from"]:
        return f"+ {what} {move['id']}: {verb} by {after}"
    if not move["to"]:
        return f"- {what} {move['id']}: was {verb} by {before}"
    return f"~ {what} {move['id']}: {verb} by {before} -> {after}"


def _way(ix: dict[str, str]) -> str:
    """A mode, and who serves, helps or oversees in a directed one."""
    return ix["mode"] if ix["mode"] == "collaboration" else f"{ix['mode']} from {ix['from']}"


def change_lines(change: dict[str, Any]) -> list[str]:
    """One line per change: ``+`` added, ``-`` removed, ``~`` changed, then findings."""
    t, ix, f = change["teams"], change["interactions"], change["findings"]
    owners, providers = change["owners"], change["providers"]
    out = [f"+ team {x}" for x in t["added"]]
    out += [f"- team {x}" for x in t["removed"]]
    for x in t["renamed"]:
        if x["from"] == x["to"]:
            out.append(f"~ team {x['team']}: id {x['id_from']} -> {x['team']}")
            continue
        was = f" (was {x['id_from']})" if x["id_from"] != x["team"] else ""
        out.append(f"~ team {x['team']}{was}: renamed {x['from']!r} -> {x['to']!r}")
    out += [f"~ team {x['team']}: {x['from']} -> {x['to']}" for x in t["retyped"]]
    out += [
        f"~ team {x['team']}: grouping {x['from'] or 'none'} -> {x['to'] or 'none'}"
        for x in t["regrouped"]
    ]
    out += [
        f"~ team {x['team']}: members {x['size']['from']} -> {x['size']['to']} "
        f"({members_text(x['from'])} -> {members_text(x['to'])})"
        for x in t["members_changed"]
    ]
    out += [_owner_line("model", m) for m in owners["models"]]
    out += [_owner_line("capability", m) for m in owners["capabilities"]]
    out += [f"+ provider {x}" for x in providers["added"]]
    out += [f"- provider {x}" for x in providers["removed"]]
    out += [f"+ {x['mode']} from {x['teams'][0]} to {x['teams'][1]}" for x in ix["added"]]
    out += [f"- {x['mode']} from {x['teams'][0]} to {x['teams'][1]}" for x in ix["removed"]]
    out += [
        f"~ {x['teams'][0]} and {x['teams'][1]}: {_way(x['from'])} -> {_way(x['to'])}"
        for x in ix["changed"]
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
