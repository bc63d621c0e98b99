"""A topology as a Mermaid flowchart, which GitHub and GitLab draw in Markdown.

``flowchart BT`` puts the teams that serve at the bottom and those served above them, as the SVG
does: groupings are subgraphs, team types have their own node shape and class (stream-aligned
a rectangle, platform a double-sided box, complicated subsystem a hexagon, enabling a stadium,
an external provider a cylinder), and each mode its own line (collaboration ``<-->``,
X-as-a-service ``-->``, facilitating ``-.->``, by request ``==>``, oversight ``--o``) with the
mode written on it. Node and subgraph ids are generated (``t0``, ``g0``...); every text from
the file is a quoted label with Mermaid's entity codes for the characters that could end it or
become markup, so no name can change the diagram or reach the page as HTML. Changes
(:mod:`checker.topology.changes`) are classes: added, removed (dashed) and changed.
"""

from __future__ import annotations

from checker.textsafe import neutralise
from checker.topology.check import TopologyResult
from checker.topology.draw import MODE_LABEL, PALETTE, PROVIDER_LABEL, TYPE_LABEL, Marks

_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}
_SHAPE = {  # a team type -> the brackets around its quoted label
    "stream-aligned": ("[", "]"),
    "platform": ("[[", "]]"),
    "complicated-subsystem": ("{{", "}}"),
    "enabling": ("([", "])"),
    "provider": ("[(", ")]"),
}
_LINK = {
    "collaboration": "<-->",
    "x-as-a-service": "-->",
    "facilitating": "-.->",
    "by-request": "==>",
    "oversight": "--o",
}
_CLASS = {
    "stream-aligned": "sa",
    "platform": "pl",
    "complicated-subsystem": "cs",
    "enabling": "en",
    "provider": "pr",
}


def label(value: str) -> str:
    """``value`` as the inside of a quoted Mermaid label: printable, one line, with entity
    codes for the characters that could end the label or become markup."""
    return "".join(_ENTITIES.get(c, c) for c in neutralise(value).replace("\n", " "))


def _class_defs() -> list[str]:
    c = PALETTE["light"]
    out = []
    for key in _CLASS.values():
        dash = ",stroke-dasharray:5 3" if key == "pr" else ""
        out.append(
            f"  classDef {key} fill:{c[key]},stroke:{c[key + '-line']},color:{c['ink']}{dash}"
        )
    out.append(f"  classDef added stroke:{c['added']},stroke-width:4px")
    out.append(f"  classDef removed stroke:{c['removed']},stroke-dasharray:6 4,opacity:0.6")
    out.append(f"  classDef changed stroke:{c['changed']},stroke-width:4px")
    return out


def mermaid(result: TopologyResult, marks: Marks | None = None) -> str:
    """The Mermaid flowchart of a valid topology (no Markdown fence around it)."""
    org = result.organisation
    assert org is not None
    marks = marks or Marks()
    node: dict[str, str] = {}
    for k, tid in enumerate(org.teams):
        node[tid] = f"t{k}"
    for k, pid in enumerate(org.providers):
        node[pid] = f"p{k}"

    def box(party: str) -> str:
        team = org.teams.get(party)
        if team is not None:
            shape, what = team.type, TYPE_LABEL[team.type]
            name = team.name
        else:
            provider = org.providers[party]
            shape, what = "provider", f"external {PROVIDER_LABEL[provider.kind]}"
            name = provider.name
        mark = marks.parties.get(party)
        text = f"{name} ({what})" + (f": {'; '.join(mark[1])}" if mark else "")
        opening, closing = _SHAPE[shape]
        return f'{node[party]}{opening}"{label(text)}"{closing}'

    out = ["flowchart BT"]
    members: dict[str | None, list[str]] = {}
    for t in org.teams.values():
        members.setdefault(t.grouping, []).append(t.id)
    for k, (gid, g) in enumerate(org.groupings.items()):
        if gid not in members:
            continue
        kind = "value stream" if g.kind == "value-stream" else "platform grouping"
        out.append(f'  subgraph g{k}["{label(f"{g.name} ({kind})")}"]')
        out += [f"    {box(tid)}" for tid in members[gid]]
        out.append("  end")
    out += [f"  {box(tid)}" for tid in members.get(None, [])]
    if org.providers:
        out.append(f'  subgraph gp["{label("External providers (not staffed)")}"]')
        out += [f"    {box(pid)}" for pid in org.providers]
        out.append("  end")
    styles = []
    for k, ix in enumerate(org.interactions):
        words = MODE_LABEL[ix.mode] + (f" until {ix.until.isoformat()}" if ix.until else "")
        mark = marks.interactions.get(k)
        if mark is not None:
            words = f"{mark[1]}: {words}" if mark[0] != "changed" else f"{words} ({mark[1]})"
            styles.append((k, mark[0]))
        link = _LINK[ix.mode]
        out.append(f'  {node[ix.source]} {link}|"{label(words)}"| {node[ix.target]}')
    out += _class_defs()
    by_class: dict[str, list[str]] = {}
    for tid, t in org.teams.items():
        by_class.setdefault(_CLASS[t.type], []).append(node[tid])
    for pid in org.providers:
        by_class.setdefault("pr", []).append(node[pid])
    for party, (change, _) in marks.parties.items():
        by_class.setdefault(change, []).append(node[party])
    out += [f"  class {','.join(ids)} {cls}" for cls, ids in by_class.items()]
    c = PALETTE["light"]
    for k, change in styles:
        extra = ",stroke-dasharray:6 4" if change == "removed" else ""
        out.append(f"  linkStyle {k} stroke:{c[change]},stroke-width:3px{extra}")
    return "\n".join(out) + "\n"
