"""``topology import backstage FILE...``: Backstage catalog entities of ``kind: Group``.

A Group is a team when it carries the annotation ``playbook-check/team-type`` (one of the four
types); a Group with ``spec.type: team`` but no such annotation is warned about and left out.
Its name is ``spec.profile.displayName`` (else ``metadata.title``, else ``metadata.name``),
its id ``metadata.name``, its page its first http(s) ``metadata.links`` entry. Its parent Group
(``spec.parent``, or the Group whose ``spec.children`` lists it) is its grouping: a value
stream or a platform grouping, as the parent's ``playbook-check/grouping`` annotation says, else
as its first team's type implies. Everything else is annotations, strings as Backstage requires:

- ``playbook-check/members``: counts by role, ``scientists=2, ml-engineers=1, product=1``
  (else the number of ``spec.members``, under ``other``);
- ``playbook-check/provides`` and ``playbook-check/owns``: capabilities and models, by id;
- ``playbook-check/x-as-a-service``, ``playbook-check/by-request``,
  ``playbook-check/facilitating``, ``playbook-check/oversight`` and
  ``playbook-check/collaboration``: the teams this one serves, helps, oversees or works with,
  as entity references (``checkout``, ``group:default/checkout``), each optionally followed by
  ``until YYYY-MM-DD``.

Entities of other kinds are not read. What does not map is a warning with file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from checker.constants import MAX_BYTES
from checker.diagnostics import CheckerError
from checker.load.files import read_bounded
from checker.load.yaml import Document, decode, load_text
from checker.topology.imports.draft import (
    ID,
    TEAM_TYPES,
    Draft,
    DraftTeam,
    Link,
    Result,
    Where,
    finish,
)
from checker.topology.model import ROLES

PREFIX = "playbook-check/"
MODES = ("x-as-a-service", "by-request", "facilitating", "oversight", "collaboration")
_DOCUMENT = re.compile(r"^---(?=[ \t]|$)", re.M)
_END = re.compile(r"^\.\.\.[ \t]*$", re.M)


def _documents(text: str) -> list[tuple[int, str]]:
    """Each YAML document in a catalog file, with the line it starts on, split at ``---``
    markers at the start of a line (which always end a document, even inside a block
    scalar); the marker itself is blanked so that columns stay right."""
    out: list[tuple[int, str]] = []
    starts = [0] + [m.start() for m in _DOCUMENT.finditer(text)]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        chunk = text[start:end]
        if chunk.startswith("---"):
            chunk = "   " + chunk[3:]
        chunk = _END.sub("", chunk)
        if chunk.strip() and not all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in chunk.splitlines()
        ):
            out.append((text.count("\n", 0, start), chunk))
    return out


class _Group:
    def __init__(self, doc: Document, data: dict[str, Any]) -> None:
        self.doc = doc
        meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
        spec = data.get("spec") if isinstance(data.get("spec"), dict) else {}
        assert isinstance(meta, dict) and isinstance(spec, dict)
        self.meta, self.spec = meta, spec
        self.name = str(meta.get("name", "")).strip()
        self.namespace = str(meta.get("namespace") or "default").strip().lower()
        notes = meta.get("annotations")
        self.annotations: dict[str, Any] = notes if isinstance(notes, dict) else {}
        profile = spec.get("profile") if isinstance(spec.get("profile"), dict) else {}
        assert isinstance(profile, dict)
        shown = profile.get("displayName") or meta.get("title") or self.name
        self.title = str(shown).strip() or self.name

    @property
    def key(self) -> tuple[str, str]:
        return (self.namespace, self.name.lower())

    def ref(self, text: str) -> tuple[str, str]:
        """An entity reference from this entity: ``[kind:][namespace/]name``."""
        text = text.strip()
        if ":" in text.split("/")[0]:
            text = text.split(":", 1)[1]
        namespace, _, name = text.rpartition("/")
        return ((namespace or self.namespace).lower(), name.lower())

    def where(self, *path: Any) -> Where:
        return Where.at(self.doc.path, self.doc.source_map.position(path))

    def note(self, key: str) -> str | None:
        value = self.annotations.get(PREFIX + key)
        return value.strip() if isinstance(value, str) and value.strip() else None


def import_backstage(
    files: list[Path],
    *,
    organisation: str | None = None,
    as_of: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Result:
    """The topology the Backstage Group entities in ``files`` describe."""
    as_of = as_of or dt.date.today()
    shown = ", ".join(str(f) for f in files)
    draft = Draft(shown)
    groups: list[_Group] = []
    for path in files:
        groups += _read(path, str(path), draft, max_bytes)
    if any(d.severity.value == "error" for d in draft.diagnostics):
        return Result(None, draft.diagnostics)
    by_key = {g.key: g for g in groups}
    parent_of: dict[tuple[str, str], tuple[str, str]] = {}
    for g in groups:
        children = g.spec.get("children")
        for child in children if isinstance(children, list) else []:
            if isinstance(child, str):
                parent_of.setdefault(g.ref(child), g.key)
    for g in groups:
        parent = g.spec.get("parent")
        if isinstance(parent, str) and parent.strip():
            parent_of[g.key] = g.ref(parent)
    for g in groups:
        _check_annotations(g, draft)
    team_of: dict[tuple[str, str], str] = {}
    teams = [g for g in groups if _is_team(g, draft)]
    kinds: dict[tuple[str, str], str] = {}
    for g in teams:
        team = _team(g, draft)
        if team is None:
            continue
        _place(g, team, by_key, parent_of, kinds, draft)
        if draft.add_team(team, _written_id(g, groups)):
            team_of[g.key] = team.id
    for g in teams:
        if g.key in team_of:
            _links(g, team_of, draft)
    header = [
        f"Imported by `playbook-check topology import backstage` from {shown} "
        f"({len(groups)} Group entities), as of {as_of.isoformat()}; edit it freely.",
        "Team types and interactions come from the playbook-check/* annotations "
        "(docs/reference/topology-format.md).",
    ]
    name = organisation or _organisation(groups, parent_of) or "Organisation"
    return Result(finish(draft, name, as_of, header, shown), draft.diagnostics)


def _read(path: Path, name: str, draft: Draft, max_bytes: int) -> list[_Group]:
    try:
        text = decode(read_bounded(path, display=name, max_bytes=max_bytes), name, max_bytes)
    except CheckerError as exc:
        draft.diagnostics += exc.diagnostics
        return []
    out = []
    for first_line, chunk in _documents(text):
        try:
            doc = load_text("\n" * first_line + chunk, name)
        except CheckerError as exc:
            draft.diagnostics += exc.diagnostics
            continue
        data = doc.data
        if not isinstance(data, dict) or data.get("kind") != "Group":
            continue
        group = _Group(doc, data)
        if not group.name:
            draft.warn("PC751", "a Group without `metadata.name`; not read", group.where())
            continue
        out.append(group)
    return out


KNOWN = ("team-type", "members", "provides", "owns", "grouping", *MODES)


def _check_annotations(g: _Group, draft: Draft) -> None:
    """Warn about playbook-check/* annotations that are not strings or not ours."""
    for key, value in g.annotations.items():
        if not isinstance(key, str) or not key.startswith(PREFIX):
            continue
        where = g.where("metadata", "annotations", key)
        if key[len(PREFIX) :] not in KNOWN:
            draft.warn(
                "PC751",
                f"unknown annotation {key!r} on {g.title!r}; not read",
                where,
                hint="the annotations read are " + ", ".join(PREFIX + k for k in KNOWN),
            )
        elif not isinstance(value, str):
            draft.warn(
                "PC751",
                f"annotation {key!r} on {g.title!r} is not a string; not read",
                where,
                hint='Backstage annotation values are strings: quote it, e.g. "a, b"',
            )


def _is_team(g: _Group, draft: Draft) -> bool:
    written = g.note("team-type")
    if written is not None:
        return True
    if str(g.spec.get("type", "")).lower() == "team":
        draft.warn(
            "PC750",
            f"team {g.title!r} has no `{PREFIX}team-type` annotation; not imported (nor its "
            "interactions)",
            g.where("spec", "type"),
            hint=f"annotate it: `{PREFIX}team-type: stream-aligned` (or platform, enabling, "
            "complicated-subsystem)",
        )
    return False


def _team(g: _Group, draft: Draft) -> DraftTeam | None:
    written = g.note("team-type") or ""
    kind = written.lower().replace(" ", "-")
    if kind not in TEAM_TYPES:
        draft.warn(
            "PC740",
            f"team {g.title!r} has team type {written!r}: not one of the four; not imported "
            "(nor its interactions)",
            g.where("metadata", "annotations", PREFIX + "team-type"),
            hint="write stream-aligned, platform, enabling or complicated-subsystem",
        )
        return None
    team = DraftTeam("", g.title, kind, g.where("metadata", "name"))
    team.members = _members(g, draft)
    team.provides = _ids(g, "provides", draft)
    team.owns = _ids(g, "owns", draft)
    links = g.meta.get("links")
    for link in links if isinstance(links, list) else []:
        url = link.get("url") if isinstance(link, dict) else None
        if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) <= 500:
            team.page = url
            break
    return team


def _written_id(g: _Group, groups: list[_Group]) -> str:
    """``metadata.name``, with the namespace in front when another namespace uses it too."""
    clash = any(o.name.lower() == g.name.lower() and o.namespace != g.namespace for o in groups)
    return f"{g.namespace}-{g.name}" if clash else g.name


def _members(g: _Group, draft: Draft) -> dict[str, int]:
    written = g.note("members")
    if written is None:
        members = g.spec.get("members")
        if isinstance(members, list) and members:
            return {"other": len(members)}
        return {}
    out: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in written.split(","))):
        role, _, count = part.partition("=") if "=" in part else part.partition(":")
        role, count = role.strip(), count.strip()
        if role in ROLES and count.isdigit() and int(count) <= 10_000:
            out[role] = out.get(role, 0) + int(count)
            continue
        draft.warn(
            "PC751",
            f"members {part!r} of {g.title!r} cannot be read; left out",
            g.where("metadata", "annotations", PREFIX + "members"),
            hint=f"write role=count with roles {', '.join(ROLES)}, e.g. scientists=2",
        )
    return out


def _ids(g: _Group, key: str, draft: Draft) -> list[str]:
    written = g.note(key)
    out: list[str] = []
    for part in filter(None, (p.strip() for p in (written or "").split(","))):
        ident = part.lower()
        if ID.match(ident) and len(ident) <= 80 and ident not in out:
            out.append(ident)
        else:
            draft.warn(
                "PC751",
                f"{key} {part!r} of {g.title!r} is not an id; left out",
                g.where("metadata", "annotations", PREFIX + key),
                hint="write ids such as serving or feature-store, separated by commas",
            )
    return out


def _place(
    g: _Group,
    team: DraftTeam,
    by_key: dict[tuple[str, str], _Group],
    parent_of: dict[tuple[str, str], tuple[str, str]],
    kinds: dict[tuple[str, str], str],
    draft: Draft,
) -> None:
    """The team's grouping: its parent Group, when that is not a team itself."""
    parent = by_key.get(parent_of.get(g.key, ("", "")))
    if parent is None or parent.note("team-type") is not None:
        return
    written = (parent.note("grouping") or "").lower()
    kind = {"value-stream": "value-stream", "platform": "platform"}.get(written)
    implied = {"stream-aligned": "value-stream", "platform": "platform"}.get(team.type)
    kind = kind or kinds.get(parent.key) or implied
    if kind is None:
        return  # an enabling or complicated-subsystem team under a group of no known kind
    fits = {"value-stream": "platform", "platform": "stream-aligned"}[kind] != team.type
    if not fits:
        draft.warn(
            "PC745",
            f"{team.type} team {team.name!r} is under "
            f"{parent.title!r}, a {kind.replace('-', ' ')} grouping; imported without a grouping",
            g.where("spec", "parent") if "parent" in g.spec else g.where("metadata", "name"),
            hint=f"annotate the parent with `{PREFIX}grouping`, or move the team",
        )
        return
    kinds.setdefault(parent.key, kind)
    team.grouping = draft.grouping(parent.title, kind)


def _links(g: _Group, team_of: dict[tuple[str, str], str], draft: Draft) -> None:
    me = team_of[g.key]
    for mode in MODES:
        written = g.note(mode)
        if written is None:
            continue
        where = g.where("metadata", "annotations", PREFIX + mode)
        for part in filter(None, (p.strip() for p in written.split(","))):
            ref, _, rest = part.partition(" until ")
            until = None
            if rest:
                try:
                    until = dt.date.fromisoformat(rest.strip())
                except ValueError:
                    draft.warn(
                        "PC744",
                        f"end date {rest.strip()!r} of {part!r} cannot be read; imported without "
                        "an end date",
                        where,
                        hint="write `until YYYY-MM-DD`",
                    )
            key = g.ref(ref)
            target = team_of.get(key, key[1])
            draft.links.append(Link(me, target, mode, where, until=until, direction="from"))


def _organisation(
    groups: list[_Group], parent_of: dict[tuple[str, str], tuple[str, str]]
) -> str | None:
    """The top group's name: one without a parent, an organization first."""
    roots = [g for g in groups if g.key not in parent_of]
    roots.sort(key=lambda g: str(g.spec.get("type", "")).lower() != "organization")
    return roots[0].title if roots else None
