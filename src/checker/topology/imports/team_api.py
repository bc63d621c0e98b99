"""``topology import team-api DIR``: a folder of Team API markdown files, as the Team
Topologies community's tools keep them.

Each ``*.md`` file (in DIR and its subfolders, in path order) describes one team: YAML front
matter with ``team_id``, ``name``, ``team_type``, ``value_stream``, ``platform_grouping``,
``metadata.size`` and ``interactions`` (each with ``team_id`` or ``team``, and
``interaction_mode`` or ``mode``, optionally ``purpose`` and ``duration``), and in the body the
tables under "Teams we currently interact with" (team name, interaction mode, purpose,
duration such as "Ongoing", "3 months" or "8 weeks (ending Feb 2026)"). A team is referred to
by its id or its name. What does not map is a warning with file, line and column: a team type
"undefined", a planned interaction ("Teams we expect to interact with soon"), a team no file
describes, a mode or a duration that cannot be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

from checker.constants import MAX_BYTES
from checker.diagnostics import CheckerError
from checker.load.files import read_bounded
from checker.load.yaml import Document, decode, load_text
from checker.topology.imports.draft import (
    TEAM_TYPES,
    Draft,
    DraftTeam,
    Link,
    Result,
    Where,
    finish,
    mode_of,
)

MAX_FILES = 5000
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_NOW = ("teams we currently interact with",)
_SOON = ("teams we expect to interact with soon", "teams we expect to interact with")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}


def import_team_api(
    folder: Path,
    *,
    organisation: str | None = None,
    as_of: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Result:
    """The topology the Team API files in ``folder`` describe (``text`` None on errors)."""
    shown = str(folder)
    as_of = as_of or dt.date.today()
    draft = Draft(shown)
    if not folder.is_dir():
        draft.error("PC100", "is not a folder", Where(shown, 0, 0), hint="give a folder of *.md")
        return Result(None, draft.diagnostics)
    files = sorted(p for p in folder.rglob("*.md") if p.is_file())
    if len(files) > MAX_FILES:
        draft.error(
            "PC103",
            f"{len(files):,} markdown files; at most {MAX_FILES:,} are read",
            Where(shown, 0, 0),
            hint="import a smaller folder",
        )
        return Result(None, draft.diagnostics)
    for path in files:
        _read(path, str(path), draft, as_of, max_bytes)
    header = [
        f"Imported by `playbook-check topology import team-api` from {shown} "
        f"({len(files)} markdown file(s)), as of {as_of.isoformat()}; edit it freely.",
        "Team API files give a team's size, not its roles: it is counted under `other`.",
    ]
    name = organisation or folder.resolve().name or "Organisation"
    text = finish(draft, name, as_of, header, shown)
    return Result(text, draft.diagnostics)


def _read(path: Path, name: str, draft: Draft, as_of: dt.date, max_bytes: int) -> None:
    try:
        text = decode(read_bounded(path, display=name, max_bytes=max_bytes), name, max_bytes)
    except CheckerError as exc:
        draft.diagnostics += exc.diagnostics
        return
    match = _FRONT.match(text)
    if match is None:
        draft.warn(
            "PC748",
            "no YAML front matter (between --- lines at the top); not a Team API file, not read",
            Where(name),
            hint="give each team file front matter with at least `name` and `team_type`",
        )
        return
    front = match.group(1) or ""
    try:
        # A blank line for the opening ---, so that lines in the front matter keep their number.
        doc = load_text("\n" + front, name)
    except CheckerError as exc:
        draft.diagnostics += exc.diagnostics
        return
    body_line = text[: match.end()].count("\n") + 1
    if not isinstance(doc.data, dict):
        draft.warn("PC748", "the front matter is not a mapping; not read", Where(name, 2))
        return
    team = _team(doc, name, draft)
    if team is None:
        return
    _front_links(doc, team, draft, as_of)
    _tables(text[match.end() :], body_line, name, team, draft, as_of)


def _at(doc: Document, *path: Any) -> Where:
    return Where.at(doc.path, doc.source_map.position(path))


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _team(doc: Document, name: str, draft: Draft) -> DraftTeam | None:
    data: dict[str, Any] = doc.data
    team_name = _text(data.get("name"))
    if team_name is None:
        draft.warn(
            "PC748",
            "no `name` in the front matter; not a Team API file, not read",
            _at(doc),
            hint="give the team's name: `name: Search relevance`",
        )
        return None
    written_type = _text(data.get("team_type"))
    kind = (written_type or "").lower().replace("_", "-").replace(" ", "-")
    if kind not in TEAM_TYPES:
        shown = repr(written_type) if written_type else "no team_type"
        draft.warn(
            "PC740",
            f"team {team_name!r} has {shown}: not one of the four team types; not imported "
            "(nor its interactions)",
            _at(doc, "team_type") if "team_type" in data else _at(doc),
            hint="give it a type: stream-aligned, platform, enabling or complicated-subsystem",
        )
        return None
    team = DraftTeam("", team_name, kind, _at(doc, "name"))
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    size = metadata.get("size", data.get("size"))
    if size is not None:
        if isinstance(size, int) and not isinstance(size, bool) and 0 <= size <= 10_000:
            team.members = {"other": size}
            team.notes.append(f"size {size} from metadata.size: give the counts by role")
        else:
            where = _at(doc, "metadata", "size") if "size" in metadata else _at(doc, "size")
            draft.warn(
                "PC751",
                f"size {size!r} is not a whole number of people; members left out",
                where,
                hint="write the number of people: `size: 7`",
            )
    stream, platform = _text(data.get("value_stream")), _text(data.get("platform_grouping"))
    _grouping(team, stream, platform, doc, draft)
    written_id = _text(data.get("team_id")) or _text(data.get("id"))
    if not draft.add_team(team, written_id):
        return None
    return team


def _grouping(
    team: DraftTeam, stream: str | None, platform: str | None, doc: Document, draft: Draft
) -> None:
    """A stream-aligned team joins its value stream, a platform team its platform grouping;
    enabling and complicated-subsystem teams whichever they name."""
    if team.type == "stream-aligned" and platform and not stream:
        draft.warn(
            "PC745",
            f"stream-aligned team {team.name!r} is in platform grouping {platform!r}; imported "
            "without a grouping",
            _at(doc, "platform_grouping"),
            hint="put stream-aligned teams in value streams (`value_stream`)",
        )
    elif team.type == "platform" and stream and not platform:
        draft.warn(
            "PC745",
            f"platform team {team.name!r} is in value stream {stream!r}; imported without a "
            "grouping",
            _at(doc, "value_stream"),
            hint="put platform teams in platform groupings (`platform_grouping`)",
        )
    if stream and team.type != "platform":
        team.grouping = draft.grouping(stream, "value-stream")
    elif platform and team.type != "stream-aligned":
        team.grouping = draft.grouping(platform, "platform")


def _duration(text: str, as_of: dt.date) -> dt.date | bool | None:
    """The end date a duration gives (None: ongoing), or False when it cannot be read."""
    words = text.strip().lower()
    if not words or words in ("ongoing", "permanent", "indefinite", "n/a", "-", "long-term"):
        return None
    iso = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", words)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            return False
    ending = re.search(r"(?:ending|until|till|to)\s+([a-z]+)\.?\s+(\d{4})", words)
    if ending and ending.group(1) in _MONTHS:
        year, month = int(ending.group(2)), _MONTHS[ending.group(1)]
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    span = re.match(r"(\d+)\s*(day|week|month|quarter|year)s?\b", words)
    if span:
        n, unit = int(span.group(1)), span.group(2)
        if unit in ("day", "week"):
            return as_of + dt.timedelta(days=n * (7 if unit == "week" else 1))
        months = n * {"month": 1, "quarter": 3, "year": 12}[unit]
        year, month = divmod(as_of.month - 1 + months, 12)
        year += as_of.year
        day = min(as_of.day, calendar.monthrange(year, month + 1)[1])
        return dt.date(year, month + 1, day)
    return False


def _link(
    team: DraftTeam,
    ref: str,
    mode_text: str,
    purpose: str,
    duration: str,
    where: Where,
    draft: Draft,
    as_of: dt.date,
) -> None:
    mode = mode_of(mode_text)
    if mode is None:
        draft.warn(
            "PC742",
            f"interaction mode {mode_text!r} with {ref!r} is not one the topology knows; "
            "not imported",
            where,
            hint="write collaboration, X-as-a-Service or facilitating (or by-request, oversight)",
        )
        return
    until = _duration(duration, as_of)
    if until is False:
        draft.warn(
            "PC744",
            f"duration {duration!r} of the interaction with {ref!r} cannot be read; imported "
            "without an end date",
            where,
            hint="write Ongoing, a span such as '3 months', or an end such as 'ending Feb 2027'",
        )
        until = None
    assert until is not True
    draft.links.append(Link(team.id, ref, mode, where, purpose, until))


def _front_links(doc: Document, team: DraftTeam, draft: Draft, as_of: dt.date) -> None:
    items = doc.data.get("interactions")
    if items is None:
        return
    if not isinstance(items, list):
        draft.warn("PC751", "`interactions` is not a list; not read", _at(doc, "interactions"))
        return
    for k, item in enumerate(items):
        where = _at(doc, "interactions", k)
        if not isinstance(item, dict):
            draft.warn("PC751", "an interaction that is not a mapping; not read", where)
            continue
        ref = _text(item.get("team_id")) or _text(item.get("team"))
        mode = _text(item.get("interaction_mode")) or _text(item.get("mode"))
        if ref is None or mode is None:
            draft.warn(
                "PC751",
                "an interaction needs `team_id` or `team`, and `interaction_mode` or `mode`; "
                "not read",
                where,
            )
            continue
        purpose = _text(item.get("purpose")) or ""
        duration = _text(item.get("duration")) or ""
        _link(team, ref, mode, purpose, duration, where, draft, as_of)


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells (``\\|`` is a pipe inside a cell)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def _tables(
    body: str, first_line: int, name: str, team: DraftTeam, draft: Draft, as_of: dt.date
) -> None:
    """The interaction tables under the Team API's headings: current ones imported, planned
    ones warned about."""
    section: str | None = None
    columns: dict[str, int] | None = None
    for n, line in enumerate(body.splitlines(), start=first_line):
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(2).strip().lower().rstrip(":")
            section = "now" if title in _NOW else "soon" if title in _SOON else None
            columns = None
            continue
        if section is None or not line.lstrip().startswith("|"):
            if section is not None and line.strip() and columns is not None:
                columns = None  # the table ended
            continue
        cells = _cells(line)
        if columns is None:
            columns = _columns(cells)
            continue
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue
        if not columns or "team" not in columns or "mode" not in columns:
            continue

        def cell(key: str, cells: list[str] = cells, columns: dict[str, int] = columns) -> str:
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        ref = cell("team").strip("*_ ")
        if not ref:
            continue
        col = line.find(ref) + 1 if ref in line else 1
        where = Where(name, n, col)
        if section == "soon":
            draft.warn(
                "PC743",
                f"planned interaction with {ref!r} ({cell('mode') or 'no mode'}); not imported: "
                "the topology describes interactions that happen",
                where,
                hint="add it to the topology when it starts, with `since`",
            )
            continue
        _link(team, ref, cell("mode"), cell("purpose"), cell("duration"), where, draft, as_of)


def _columns(header: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, title in enumerate(h.lower() for h in header):
        if "team" in title and "team" not in out:
            out["team"] = i
        elif "mode" in title or "interaction" in title:
            out.setdefault("mode", i)
        elif "purpose" in title or "why" in title:
            out.setdefault("purpose", i)
        elif "duration" in title:
            out.setdefault("duration", i)
    return out
