"""Where everything goes in the drawing: teams in columns, interactions routed between them.

The picture reads like Team Topologies' diagrams. Value streams stand side by side, each a
column of stream-aligned bands, with the complicated-subsystem teams they use underneath them;
enabling teams stand upright at the left of the teams they facilitate; platform teams are a row
underneath, framed by platform grouping; external providers are a row below that. Columns
share one width and wrap into rows ("tiers") so that the picture is landscape: the number of
columns is chosen for an aspect ratio near a 1280 x 900 screen's.

Interactions are routed orthogonally in channels that teams never occupy: a *gutter* right of
each column (the columns' gutters line up from top to bottom) and a *bus* below each tier. An
interaction leaves a team at a *port* on its right edge, runs along a lane of the gutter, along
a track of a bus, and into the other team at its port; enabling teams connect at their bottom
edge, or straight to an adjacent team they facilitate. Interactions of one team in one mode
share a trunk (one port, one lane), so many consumers of a platform read as one tree. Lanes and
tracks are packed so that two trunks never run along each other; they only cross.

Everything here is geometry and text lines; :mod:`checker.topology.draw` turns it into SVG.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from checker.topology.model import Interaction, Organisation
from checker.topology.textfit import measure, wrap

COL_W = 232.0  # a column's width (more with enabling teams): bands, platform and provider cells
MIN_WIDTH = 760.0  # narrower pictures get wider columns (landscape even when small)
TARGET_ASPECT = 1280 / 900
MARGIN = 12.0
INSET = 6.0  # space between a column's edge and its teams
ITEM_GAP = 7.0  # between teams stacked in a column
PAD = 8.0  # inside a team's shape, around its text
GUTTER_PAD = 9.0  # between a column and its gutter's first lane, and after the last lane
LANE = 6.0
TRACK = 6.0
BUS_PAD = 10.0
PORT_GAP = 13.0  # between two ports on one edge: the mode shapes there stay apart
STRIP_W = 36.0  # an enabling team's upright band, for one line of its name
STRIP_MIN_H = 150.0
STRIP_LINE = 17.0
NAME_SIZE = 14.0
TEXT_SIZE = 12.0
SMALL_SIZE = 11.0
LINE_GAP = 1.3  # line height as a share of the font size
TITLE_SIZE = 17.0
LEGEND_ROW = 20.0
LEGEND_GAP = 18.0

STREAMS, PLATFORMS = 0, 1


@dataclass(slots=True)
class Line:
    """One line of text in a shape: its words, font size, weight and role (a CSS class)."""

    text: str
    size: float
    bold: bool = False
    role: str = "detail"

    @property
    def height(self) -> float:
        return self.size * LINE_GAP


@dataclass(eq=False, slots=True)
class Item:
    """A team or external provider drawn as one shape."""

    party: str
    shape: str  # a team type, or "provider"
    content: list[Line]  # unwrapped; ``lines`` holds them wrapped to the width
    badge: float = 0.0  # width reserved at the top right for the findings mark
    upright: bool = False  # an enabling team: a band standing upright, its name turned
    lines: list[Line] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    stack: Stack | None = None
    index: int = 0  # its place in the stack (strips: in the stack's strips)
    ports: dict[object, float] = field(default_factory=dict)  # port key -> y on the right edge
    span: tuple[int, int] = (0, -1)  # a strip: the first and last stacked team beside it
    strip_col: int = 0

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(eq=False, slots=True)
class Stack:
    """One column's worth of teams: a value stream (or part of one), a platform cell, ..."""

    section: int
    grouping: str | None  # the grouping framed around it ("" = a labelled stack of no grouping)
    label: str
    kind: str  # value-stream, platform, providers, none
    items: list[Item] = field(default_factory=list)
    strips: list[Item] = field(default_factory=list)
    zone: float = 0.0  # width taken by the upright strips at the left
    width: float = 0.0
    height: float = 0.0
    tier: int = 0
    col: int = 0


@dataclass(slots=True)
class Frame:
    """A grouping's frame around one run of its columns in one tier."""

    grouping: str | None
    kind: str
    x: float
    y: float
    w: float
    h: float
    lines: list[Line]
    first: bool  # the grouping's first run (later runs say "continued")


@dataclass(slots=True)
class Link:
    """One interaction's route: a polyline from ``from``'s side to ``to``'s side."""

    ix: Interaction
    points: list[tuple[float, float]]
    net: str  # the trunk it shares (the same for one team's interactions in one mode)
    end_side: str  # where it meets ``to``: right, left or bottom
    start_side: str


@dataclass(slots=True)
class Geometry:
    width: float
    height: float
    title: list[Line]
    items: dict[str, Item]
    frames: list[Frame]
    links: list[Link]
    legend: list[tuple[float, float]]  # the top left of each legend entry
    legend_top: float
    columns: int


Content = Callable[[str], list[Line]]


def stacked(org: Organisation) -> list[list[Stack]]:
    """Teams and providers in stacks, by section, before any size is known."""
    teams = org.teams
    by_type: dict[str, list[str]] = {}
    for t in teams.values():
        by_type.setdefault(t.type, []).append(t.id)
    partners: dict[str, list[str]] = {p: [] for p in (*teams, *org.providers)}
    for ix in org.interactions:
        partners[ix.source].append(ix.target)
        partners[ix.target].append(ix.source)
    stream_aligned = by_type.get("stream-aligned", [])
    per_col = max(8, math.ceil(math.sqrt(len(stream_aligned))))
    streams: list[Stack] = []
    home: dict[str, Stack] = {}  # team -> the stack it is drawn in

    def add(stack: Stack, party: str) -> None:
        stack.items.append(Item(party, teams[party].type if party in teams else "provider", []))
        home[party] = stack

    chunks: dict[str | None, list[Stack]] = {}
    groups: dict[str | None, list[str]] = {}
    for tid in stream_aligned:
        groups.setdefault(teams[tid].grouping, []).append(tid)
    order = [g for g in org.groupings if g in groups] + ([None] if None in groups else [])
    for gid in order:
        for chunk in _chunks(groups[gid], per_col):
            stack = _new_stack(org, STREAMS, gid)
            for tid in chunk:
                add(stack, tid)
            chunks.setdefault(gid, []).append(stack)
            streams.append(stack)
    leftover: list[Stack] = []

    def stream_stack(gid: str | None) -> Stack:
        if gid is not None:
            if gid not in chunks:
                chunks[gid] = [_new_stack(org, STREAMS, gid)]
                streams.append(chunks[gid][0])
            return chunks[gid][-1]
        if None in chunks:
            return chunks[None][-1]
        if not leftover:
            leftover.append(_new_stack(org, STREAMS, None))
        return leftover[0]

    # Platform groupings stacked like value streams, in a row underneath; then providers.
    platforms: list[Stack] = []
    below: dict[str | None, list[str]] = {}
    for t in teams.values():
        in_platform = t.grouping is not None and org.groupings[t.grouping].kind == "platform"
        if t.type == "platform" or (t.type != "stream-aligned" and in_platform):
            below.setdefault(t.grouping, []).append(t.id)
    per_cell = max(4, math.ceil(math.sqrt(sum(map(len, below.values())))))
    for gid in [*(g for g in org.groupings if g in below), *([None] if None in below else [])]:
        stacked_ = [m for m in below[gid] if teams[m].type != "enabling"]
        cells = [_new_stack(org, PLATFORMS, gid) for _ in _chunks(stacked_, per_cell)] or [
            _new_stack(org, PLATFORMS, gid)
        ]
        for cell, chunk in zip(cells, _chunks(stacked_, per_cell), strict=False):
            for tid in chunk:
                add(cell, tid)
        for tid in below[gid]:
            if teams[tid].type == "enabling":
                near = (p for p in partners[tid] if home.get(p) in cells)
                _strip(_most(home, near) or cells[-1], tid, home)
        platforms += cells
    if org.providers:
        bought = list(org.providers)
        for chunk in _chunks(bought, per_cell):
            cell = Stack(PLATFORMS, "", "External providers (not staffed)", "providers")
            for pid in chunk:
                add(cell, pid)
            platforms.append(cell)
    for tid in by_type.get("complicated-subsystem", []):
        if tid in home:
            continue
        gid = teams[tid].grouping
        if gid is None:
            best = _most(home, (p for p in partners[tid] if p in teams and p in home))
            if best is not None and best.section == STREAMS:
                add(best, tid)
                continue
        add(stream_stack(gid), tid)
    for tid in by_type.get("enabling", []):
        if tid in home:
            continue
        gid = teams[tid].grouping
        if gid is not None:
            stack = stream_stack(gid)
        else:
            stack = _most(home, (p for p in partners[tid] if p in home)) or stream_stack(None)
        _strip(stack, tid, home)
    streams += leftover
    for stack in (*streams, *platforms):
        for i, item in enumerate(stack.items):
            item.stack, item.index = stack, i
        _spans(stack, partners)
    return [s for s in (streams, platforms) if s]


def _chunks(members: list[str], most: int) -> list[list[str]]:
    """``members`` in balanced runs of at most ``most``."""
    if not members:
        return []
    size = math.ceil(len(members) / math.ceil(len(members) / most))
    return [members[i : i + size] for i in range(0, len(members), size)]


def _new_stack(org: Organisation, section: int, gid: str | None) -> Stack:
    if gid is None:
        label = "Not in a value stream" if section == STREAMS else "Not in a platform grouping"
        return Stack(section, "", label, "none")
    g = org.groupings[gid]
    kind = "value stream" if g.kind == "value-stream" else "platform grouping"
    return Stack(section, gid, f"{g.name} ({kind})", g.kind)


def _strip(stack: Stack, tid: str, home: dict[str, Stack]) -> None:
    item = Item(tid, "enabling", [], upright=True)
    item.stack, item.index = stack, len(stack.strips)
    stack.strips.append(item)
    home[tid] = stack


def _most(home: dict[str, Stack], parties: Iterable[str]) -> Stack | None:
    """The stack holding most of ``parties`` (the first such, in their order)."""
    count: dict[int, int] = {}
    first: dict[int, Stack] = {}
    for p in parties:
        stack = home[p]
        count[id(stack)] = count.get(id(stack), 0) + 1
        first.setdefault(id(stack), stack)
    if not count:
        return None
    best = max(count.values())
    return next(s for k, s in first.items() if count[k] == best)


def _spans(stack: Stack, partners: dict[str, list[str]]) -> None:
    """Each strip beside the stacked teams it works with; one strip column each, the
    longest reach outermost, so that a strip's link to its bottom edge passes no other."""
    index = {item.party: item.index for item in stack.items}
    for strip in stack.strips:
        near = [index[p] for p in partners[strip.party] if p in index]
        strip.span = (min(near), max(near)) if near else (0, len(stack.items) - 1)
    ordered = sorted(stack.strips, key=lambda s: (s.span[0] - s.span[1], s.span, s.index))
    for col, strip in enumerate(ordered):
        strip.strip_col = col


# -- sizes --------------------------------------------------------------------------------


def _wrap_lines(content: list[Line], width: float, first_width: float) -> list[Line]:
    out: list[Line] = []
    for line in content:
        room = first_width if not out else width
        for piece in wrap(line.text, max(room, line.size), line.size, bold=line.bold):
            out.append(Line(piece, line.size, line.bold, line.role))
            room = width
    return out


def _text_height(lines: list[Line]) -> float:
    return sum(line.height for line in lines)


def _size_stack(stack: Stack, col_w: float | None, ports: dict[int, int]) -> None:
    """Wrap every text in ``stack`` and set sizes and relative positions: in a column
    ``col_w`` wide, or (None) one as wide as it needs for teams :data:`COL_W` wide."""
    cols = len(stack.strips)
    widths = [STRIP_W] * cols
    for _ in range(2):  # a strip's width depends on the heights, which depend on its width
        stack.zone = sum(w + 4 for w in widths)
        item_w = COL_W - 2 * INSET if col_w is None else col_w - 2 * INSET - stack.zone
        y = 0.0
        for item in stack.items:
            item.lines = _wrap_lines(item.content, item_w - 2 * PAD, item_w - 2 * PAD - item.badge)
            need = _text_height(item.lines) + 2 * PAD
            item.w, item.y = item_w, y
            item.h = max(need, 2 * PAD + ports.get(id(item), 0) * PORT_GAP, 44.0)
            y += item.h + ITEM_GAP
        widths = [STRIP_W] * cols
        for strip in stack.strips:
            first, last = strip.span
            top = stack.items[first].y if last >= first else 0.0
            bottom = stack.items[last].bottom if last >= first else 0.0
            strip.y, strip.h = top, max(bottom - top, STRIP_MIN_H)
            room = strip.h - 2 * PAD - strip.badge
            strip.lines = _wrap_lines(strip.content, room, room)
            strip.w = max(STRIP_W, 2 * PAD + len(strip.lines) * STRIP_LINE)
            widths[strip.strip_col] = max(widths[strip.strip_col], strip.w)
        if sum(w + 4 for w in widths) == stack.zone:
            break
    x = INSET
    offsets = []
    for w in widths:
        offsets.append(x)
        x += w + 4
    for strip in stack.strips:
        strip.x = offsets[strip.strip_col]
    for item in stack.items:
        item.x = INSET + stack.zone
    bottoms = [i.bottom for i in stack.items] + [s.bottom for s in stack.strips]
    stack.height = max(bottoms, default=0.0)
    stack.width = col_w if col_w is not None else COL_W + stack.zone


# -- the grid -----------------------------------------------------------------------------


def _rows(sections: list[list[Stack]], columns: int) -> list[list[Stack]]:
    rows: list[list[Stack]] = []
    for section in sections:
        for start in range(0, len(section), columns):
            rows.append(section[start : start + columns])
    return rows


def _runs(row: list[Stack]) -> list[list[Stack]]:
    """Consecutive stacks of one grouping (or one label), framed together."""
    runs: list[list[Stack]] = []
    for stack in row:
        if runs and (runs[-1][0].grouping, runs[-1][0].label) == (stack.grouping, stack.label):
            runs[-1].append(stack)
        else:
            runs.append([stack])
    return runs


def _header(run: list[Stack], widths: list[float], first: bool) -> list[Line]:
    label = run[0].label if first else f"{run[0].label}, continued"
    cols = range(run[0].col, run[0].col + len(run))
    width = sum(widths[c] for c in cols) + (len(run) - 1) * 2 * GUTTER_PAD - 2 * PAD
    return _wrap_lines([Line(label, TEXT_SIZE, True, "grouping")], width, width)


def _headers(rows: list[list[Stack]], widths: list[float]) -> list[tuple[list[Stack], list[Line]]]:
    seen: set[tuple[str | None, str]] = set()
    out = []
    for row in rows:
        for run in _runs(row):
            key = (run[0].grouping, run[0].label)
            out.append((run, _header(run, widths, key not in seen)))
            seen.add(key)
    return out


def _place(rows: list[list[Stack]]) -> list[float]:
    """Give each stack its tier and column; return each column's width (its widest stack)."""
    widths: list[float] = []
    for tier, row in enumerate(rows):
        for col, stack in enumerate(row):
            stack.tier, stack.col = tier, col
            if col == len(widths):
                widths.append(0.0)
            widths[col] = max(widths[col], stack.width)
    return widths


def _estimate(sections: list[list[Stack]], columns: int, head: dict[int, float]) -> float:
    """How far the picture with ``columns`` columns is from the target aspect ratio, about
    (``head``: each stack's label height in its own width, an upper bound)."""
    rows = _rows(sections, columns)
    widths = _place(rows)
    height = 2 * MARGIN + 60 + 90  # the title and the legend, about
    for row in rows:
        top = max(head[id(s)] for s in row)
        height += top + max(s.height for s in row) + 48  # the bus below, about
    width = 2 * MARGIN + sum(w + 2 * GUTTER_PAD + 2 * LANE for w in widths)
    return abs(math.log(max(width, MIN_WIDTH) / height / TARGET_ASPECT))


# -- routing ------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Plan:
    """How one interaction is routed: on a shared trunk, alone from a strip, or directly."""

    ix: Interaction
    kind: str  # net, solo, direct
    net: str
    a: Item  # the ``from`` side
    b: Item  # the ``to`` side


class _Packer:
    """Intervals packed into as few parallel lines (lanes, tracks) as they need: two
    intervals of different owners on one line never overlap (the left-edge algorithm)."""

    def __init__(self) -> None:
        self.spans: dict[str, list[float]] = {}

    def add(self, owner: str, lo: float, hi: float) -> None:
        lo, hi = min(lo, hi), max(lo, hi)
        span = self.spans.get(owner)
        if span is None:
            self.spans[owner] = [lo, hi]
        else:
            span[0], span[1] = min(span[0], lo), max(span[1], hi)

    def pack(self, gap: float) -> tuple[dict[str, int], int]:
        line_of: dict[str, int] = {}
        free: list[tuple[float, int]] = []  # (end of the last interval, line)
        lines = 0
        for owner, (lo, _hi) in sorted(self.spans.items(), key=lambda kv: (kv[1], kv[0])):
            if free and free[0][0] + gap < lo:
                _, line = heapq.heappop(free)
            else:
                line, lines = lines, lines + 1
            line_of[owner] = line
            heapq.heappush(free, (self.spans[owner][1], line))
        return line_of, lines


def _plans(org: Organisation, items: dict[str, Item]) -> list[_Plan]:
    """Every interaction on a trunk, except those of an enabling team: straight across to a
    team stacked beside it, else alone from its bottom edge."""
    plans = []
    for ix in org.interactions:
        a, b = items[ix.source], items[ix.target]
        net = f"{ix.source}\x00{ix.mode}"
        strip, other = (a, b) if a.upright else (b, a)
        if a.upright or b.upright:
            kind = "direct" if not other.upright and other.stack is strip.stack else "solo"
            plans.append(_Plan(ix, kind, f"{net}\x00{ix.target}", a, b))
        else:
            plans.append(_Plan(ix, "net", net, a, b))
    return plans


def _blocked(plans: list[_Plan]) -> bool:
    """Reroute (alone, from the bottom edge) each straight link that would cross another
    enabling team's band; True when any was."""
    changed = False
    for p in plans:
        if p.kind != "direct":
            continue
        strip, other = (p.a, p.b) if p.a.upright else (p.b, p.a)
        assert strip.stack is not None
        cy = other.y + other.h / 2
        if any(
            s is not strip and s.x > strip.x and s.y <= cy <= s.bottom for s in strip.stack.strips
        ):
            p.kind = "solo"
            changed = True
    return changed


def _port_counts(plans: list[_Plan]) -> dict[int, int]:
    """Ports each team needs on its right edge: one per trunk it is on."""
    keys: dict[int, set[str]] = {}
    for p in plans:
        if p.kind == "direct":
            continue
        for end in (p.a, p.b):
            if not end.upright:
                keys.setdefault(id(end), set()).add(p.net)
    return {k: len(v) for k, v in keys.items()}


def _settle(stacks: list[Stack], plans: list[_Plan], widths: list[float] | None) -> None:
    """Size every stack (in its column's width, or as wide as it needs); reroute blocked
    straight links and size again until none is."""
    for _ in range(1 + sum(len(s.strips) for s in stacks)):
        ports = _port_counts(plans)
        for stack in stacks:
            _size_stack(stack, None if widths is None else widths[stack.col], ports)
        if not _blocked(plans):
            return


def _index(stack: Stack, item: Item | None = None) -> float:
    """A position along a bus, in columns: a stack's strips, its teams, then its gutter."""
    if item is not None and item.upright:
        return stack.col + 0.1 + 0.6 * (item.strip_col + 1) / (len(stack.strips) + 1)
    return stack.col + 0.75


def layout(
    org: Organisation,
    content: Content,
    badge: Callable[[str], float],
    title: list[Line],
    legend: list[float],
) -> Geometry:
    """The drawing's geometry. ``content(party)`` gives a team's or provider's lines of text,
    ``badge(party)`` the width its findings mark needs, ``legend`` each legend entry's width."""
    sections = stacked(org)
    items: dict[str, Item] = {}
    for section in sections:
        for stack in section:
            for item in (*stack.items, *stack.strips):
                item.content = content(item.party)
                item.badge = badge(item.party)
                items[item.party] = item
    plans = _plans(org, items)
    stacks = [s for section in sections for s in section]
    # Each stack as wide as it needs (enabling teams take room at the left of the teams they
    # stand beside); a column is as wide as its widest stack.
    _settle(stacks, plans, None)
    widest = max(len(s) for s in sections)
    head = {
        id(s): _text_height(_wrap_lines([Line(s.label, TEXT_SIZE, True)], *[s.width - 2 * PAD] * 2))
        + PAD
        for s in stacks
    }
    columns = min(range(1, widest + 1), key=lambda c: (_estimate(sections, c, head), c))
    rows = _rows(sections, columns)
    widths = _place(rows)
    room = MIN_WIDTH - 2 * MARGIN - columns * 2 * GUTTER_PAD
    if sum(widths) < room:
        extra = (room - sum(widths)) / columns
        widths = [w + extra for w in widths]
    _settle(stacks, plans, widths)
    return _route(org, rows, items, plans, widths, title, legend)


def _route(
    org: Organisation,
    rows: list[list[Stack]],
    items: dict[str, Item],
    plans: list[_Plan],
    widths: list[float],
    title: list[Line],
    legend: list[float],
) -> Geometry:
    columns = len(widths)
    # Buses: a trunk between columns runs along the bus below the highest tier it reaches; a
    # strip reaches the bus below its own tier.
    buses = [_Packer() for _ in rows]
    nets: dict[str, list[_Plan]] = {}
    for p in plans:
        nets.setdefault(p.net, []).append(p)
    bus_of: dict[str, int] = {}
    for net, members in nets.items():
        kind = members[0].kind
        if kind == "direct":
            continue
        ends = {e for m in members for e in (m.a, m.b)}
        stacks = [e.stack for e in ends]
        assert all(s is not None for s in stacks)
        if kind == "net":
            cols = {s.col for s in stacks if s is not None}
            if len(cols) == 1:
                continue
            bus = min(s.tier for s in stacks if s is not None)
            bus_of[net] = bus
            spots = [_index(s) for s in stacks if s is not None]
            buses[bus].add(net, min(spots), max(spots))
            continue
        p = members[0]
        strip, other = (p.a, p.b) if p.a.upright else (p.b, p.a)
        s_stack, o_stack = strip.stack, other.stack
        assert s_stack is not None and o_stack is not None
        bus_of[net] = s_stack.tier
        if other.upright and o_stack.tier != s_stack.tier:
            buses[s_stack.tier].add(net, _index(s_stack, strip), _index(s_stack))
            buses[o_stack.tier].add(net + "\x00far", _index(s_stack), _index(o_stack, other))
        else:
            buses[s_stack.tier].add(net, _index(s_stack, strip), _index(o_stack, other))
    tracks = [bus.pack(0.05) for bus in buses]
    # Tiers and buses from the top down.
    headers = _headers(rows, widths)
    head_h: dict[int, float] = {}
    run_lines: dict[int, list[Line]] = {}
    for run, lines in headers:
        run_lines[id(run[0])] = lines
        for s in run:
            head_h[id(s)] = _text_height(lines) + PAD
    room = sum(w + 2 * GUTTER_PAD for w in widths) - GUTTER_PAD
    title = _wrap_lines(title, room, room)
    y = MARGIN + _text_height(title) + PAD
    tier_y, tier_h, bus_y = [], [], []
    for tier, row in enumerate(rows):
        top = max(head_h[id(s)] for s in row)
        height = top + max(s.height for s in row) + INSET
        tier_y.append(y)
        tier_h.append(height)
        for stack in row:
            for item in (*stack.items, *stack.strips):
                item.y += y + top
        y += height
        bus_y.append(y + BUS_PAD)
        y += 2 * BUS_PAD + max(0, tracks[tier][1] - 1) * TRACK if tracks[tier][1] else PAD
    legend_top = y

    def track_y(owner: str, bus: int) -> float:
        return bus_y[bus] + tracks[bus][0][owner] * TRACK

    # Ports: on each team's right edge, in the order of where their trunks go.
    want: dict[int, list[tuple[float, str]]] = {}
    for net, members in nets.items():
        kind = members[0].kind
        if kind == "direct":
            continue
        for m in members:
            for end, other in ((m.a, m.b), (m.b, m.a)):
                if end.upright:
                    continue
                toward = track_y(net, bus_of[net]) if net in bus_of else other.y + other.h / 2
                want.setdefault(id(end), []).append((toward, net))
    by_id = {id(i): i for i in items.values()}
    for key, wanted in want.items():
        item = by_id[key]
        order = sorted(dict((n, t) for t, n in sorted(wanted)).items(), key=lambda kv: kv[1])
        step = (item.h - 2 * PAD) / len(order)
        for k, (net, _) in enumerate(order):
            item.ports[net] = item.y + PAD + (k + 0.5) * step
    # Lanes in each column's gutter.
    gutters = [_Packer() for _ in range(columns)]
    for net, members in nets.items():
        kind = members[0].kind
        if kind == "direct":
            continue
        if kind == "net":
            for m in members:
                for end in (m.a, m.b):
                    assert end.stack is not None
                    gutters[end.stack.col].add(net, end.ports[net], end.ports[net])
                    if net in bus_of:
                        gutters[end.stack.col].add(net, track_y(net, bus_of[net]), end.ports[net])
            continue
        p = members[0]
        strip, other = (p.a, p.b) if p.a.upright else (p.b, p.a)
        assert strip.stack is not None and other.stack is not None
        if other.upright:
            if other.stack.tier != strip.stack.tier:
                gutters[strip.stack.col].add(
                    net, track_y(net, strip.stack.tier), track_y(net + "\x00far", other.stack.tier)
                )
        else:
            gutters[other.stack.col].add(net, track_y(net, strip.stack.tier), other.ports[net])
    lanes = [g.pack(6.0) for g in gutters]
    gutter_w = [2 * GUTTER_PAD + max(0, n - 1) * LANE for _, n in lanes]
    col_x = []
    x = MARGIN
    for c in range(columns):
        col_x.append(x)
        x += widths[c] + gutter_w[c]
    width = x + MARGIN - GUTTER_PAD
    for stack in (s for row in rows for s in row):
        for item in (*stack.items, *stack.strips):
            item.x += col_x[stack.col]

    def lane_x(net: str, col: int) -> float:
        return col_x[col] + widths[col] + GUTTER_PAD + lanes[col][0][net] * LANE

    links = [_link(p, bus_of, track_y, lane_x) for p in plans]
    frames = []
    seen: set[tuple[str | None, str]] = set()
    for run, _ in headers:
        first = run[0]
        frame_key = (first.grouping, first.label)
        top = tier_y[first.tier]
        frames.append(
            Frame(
                first.grouping or None,
                first.kind,
                col_x[first.col],
                top,
                col_x[run[-1].col] + widths[run[-1].col] - col_x[first.col],
                tier_h[first.tier] - INSET / 2,
                run_lines[id(first)],
                frame_key not in seen,
            )
        )
        seen.add(frame_key)
    # The legend: entries in rows across the width.
    places = []
    lx, ly = MARGIN, legend_top + PAD
    for entry_w in legend:
        if lx > MARGIN and lx + entry_w > width - MARGIN:
            lx, ly = MARGIN, ly + LEGEND_ROW
        places.append((lx, ly))
        lx += entry_w + LEGEND_GAP
    height = (ly + LEGEND_ROW if legend else legend_top) + MARGIN
    return Geometry(width, height, title, items, frames, links, places, legend_top, columns)


def _link(
    p: _Plan,
    bus_of: dict[str, int],
    track_y: Callable[[str, int], float],
    lane_x: Callable[[str, int], float],
) -> Link:
    a, b = p.a, p.b
    if p.kind == "direct":
        strip, other = (a, b) if a.upright else (b, a)
        cy = other.y + other.h / 2
        points = [(strip.right, cy), (other.x, cy)]
        if strip is b:
            points.reverse()
        return Link(p.ix, points, p.net, _side(b, True), _side(a, True))
    if p.kind == "net":
        assert a.stack is not None and b.stack is not None
        ya, yb = a.ports[p.net], b.ports[p.net]
        la, lb = lane_x(p.net, a.stack.col), lane_x(p.net, b.stack.col)
        if p.net not in bus_of:
            points = [(a.right, ya), (la, ya), (la, yb), (b.right, yb)]
        else:
            ty = track_y(p.net, bus_of[p.net])
            points = [(a.right, ya), (la, ya), (la, ty), (lb, ty), (lb, yb), (b.right, yb)]
        return Link(p.ix, points, p.net, "right", "right")
    strip, other = (a, b) if a.upright else (b, a)
    assert strip.stack is not None and other.stack is not None
    sx = strip.x + strip.w / 2
    ty = track_y(p.net, strip.stack.tier)
    points = [(sx, strip.bottom), (sx, ty)]
    if other.upright:
        ox = other.x + other.w / 2
        if other.stack.tier == strip.stack.tier:
            points += [(ox, ty), (ox, other.bottom)]
        else:
            lx = lane_x(p.net, strip.stack.col)
            far = track_y(p.net + "\x00far", other.stack.tier)
            points += [(lx, ty), (lx, far), (ox, far), (ox, other.bottom)]
    else:
        lx = lane_x(p.net, other.stack.col)
        points += [(lx, ty), (lx, other.ports[p.net]), (other.right, other.ports[p.net])]
    if strip is b:
        points.reverse()
    end = b
    return Link(p.ix, points, p.net, _side(end, False), _side(a, False))


def _side(item: Item, direct: bool) -> str:
    if item.upright:
        return "right" if direct else "bottom"
    return "left" if direct else "right"


def legend_width(label: str) -> float:
    """The width one legend entry needs: its sample shape and its label."""
    return 30 + measure(label, SMALL_SIZE)
