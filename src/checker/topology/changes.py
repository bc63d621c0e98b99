"""Two versions of a topology as one picture: the new version with its changes marked.

Teams are matched as :func:`checker.topology.diff.compare` matches them (by id, else by a name
that reads the same). The picture holds every team and provider of the new version, plus those
removed, drawn where they were; every interaction of the new version, plus those removed between
teams drawn. Marks say what changed: teams added, removed, renamed, retyped, moved between
groupings or resized; interactions added, removed, or changed in mode or direction. The SVG
(:func:`checker.topology.draw.draw`) and the Mermaid diagram (:mod:`checker.topology.mermaid`)
both draw it.
"""

from __future__ import annotations

from dataclasses import replace

from checker.topology.check import TopologyResult
from checker.topology.diff import matching
from checker.topology.draw import MODE_LABEL, TYPE_LABEL, Marks
from checker.topology.model import Interaction


def _way(ix: Interaction, names: dict[str, str]) -> str:
    if ix.mode == "collaboration":
        return MODE_LABEL[ix.mode]
    return f"{MODE_LABEL[ix.mode]} from {names[ix.source]}"


def merged(old: TopologyResult, new: TopologyResult) -> tuple[TopologyResult, Marks]:
    """The new version with the old one's removed teams, providers and interactions added
    back, and the marks that say what changed (both versions valid)."""
    a, b = old.organisation, new.organisation
    assert a is not None and b is not None
    match = matching(a, b)
    marks = Marks()
    teams = dict(b.teams)
    providers = dict(b.providers)
    matched = set(match.values())
    for tid in b.teams:
        if tid not in matched:
            marks.parties[tid] = ("added", ["new team"])
    for o, n in match.items():
        t, u = a.teams[o], b.teams[n]
        notes = []
        if t.name != u.name:
            notes.append(f"renamed from {t.name}")
        elif t.id != u.id:
            notes.append(f"id was {t.id}")
        if t.type != u.type:
            notes.append(f"was {TYPE_LABEL[t.type]}")
        if t.grouping != u.grouping:
            where = a.groupings[t.grouping].name if t.grouping else "no grouping"
            notes.append(f"moved from {where}")
        if t.members != u.members:
            notes.append(f"members {t.size} → {u.size}")
        if notes:
            marks.parties[n] = ("changed", notes)
    ghost: dict[str, str] = {}  # a removed team's or provider's old id -> its id in the picture
    taken = {*b.teams, *b.providers}
    for tid, t in a.teams.items():
        if tid in match:
            continue
        gid = ghost[tid] = _free(tid, taken)
        kept = t.grouping if t.grouping in b.groupings else None
        if kept is not None and b.groupings[kept].kind != a.groupings[kept].kind:
            kept = None
        teams[gid] = replace(t, id=gid, grouping=kept, index=len(teams))
        marks.parties[gid] = ("removed", ["removed"])
    for pid, p in a.providers.items():
        if pid in b.providers:
            continue
        gid = ghost[pid] = _free(pid, taken)
        providers[gid] = replace(p, id=gid, index=len(providers))
        marks.parties[gid] = ("removed", ["removed"])
    for pid in b.providers:
        if pid not in a.providers:
            marks.parties[pid] = ("added", ["new provider"])
    old_names = {
        **{t.id: t.name for t in a.teams.values()},
        **{p: v.name for p, v in a.providers.items()},
    }

    def now(party: str) -> str:
        return match.get(party) or ghost.get(party) or party

    before = {frozenset((now(ix.source), now(ix.target))): ix for ix in a.interactions}
    interactions = list(b.interactions)
    for k, ix in enumerate(b.interactions):
        was = before.get(frozenset((ix.source, ix.target)))
        if was is None:
            marks.interactions[k] = ("added", "added")
        elif was.mode != ix.mode or (ix.mode != "collaboration" and now(was.source) != ix.source):
            marks.interactions[k] = ("changed", f"was {_way(was, old_names)}")
    now_pairs = {frozenset((ix.source, ix.target)) for ix in b.interactions}
    for pair, ix in before.items():
        if pair in now_pairs:
            continue
        marks.interactions[len(interactions)] = ("removed", "removed")
        interactions.append(
            replace(ix, source=now(ix.source), target=now(ix.target), index=len(interactions))
        )
    org = replace(b, teams=teams, providers=providers, interactions=interactions)
    return TopologyResult(new.path, [], org, new.findings, new.hits), marks


def _free(ident: str, taken: set[str]) -> str:
    """``ident``, or ``ident-removed`` (then ``-2``...) when the new version uses it."""
    out, n = ident, 1
    while out in taken:
        n += 1
        out = f"{ident}-removed" if n == 2 else f"{ident}-removed-{n - 1}"
    taken.add(out)
    return out


def title(old: TopologyResult, new: TopologyResult) -> str:
    org = new.organisation
    assert org is not None
    return f"What changed in the team topology of {org.name}: {old.path} → {new.path}"


def counts(marks: Marks) -> str:
    """``2 teams added, 1 removed, 3 changed; 4 interactions added, ...`` for the desc."""

    def tally(values: list[str], what: str) -> str:
        parts = [f"{values.count(c)} {c}" for c in ("added", "removed", "changed") if c in values]
        return f"{what}: {', '.join(parts) if parts else 'none changed'}"

    return "; ".join(
        (
            tally([m[0] for m in marks.parties.values()], "teams and providers"),
            tally([m[0] for m in marks.interactions.values()], "interactions"),
        )
    )
