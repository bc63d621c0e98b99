"""Draw a checked topology as a static SVG in Team Topologies' visual language.

Layout by type and grouping, not a generic graph layout: stream-aligned teams as wide bands at
the top (framed by value stream), complicated-subsystem teams below them, platform teams as wide
bands underneath (framed by platform grouping), enabling teams upright at the right-hand side.
Each team lists its interactions as chips in the book's mode notation (collaboration:
cross-hatched purple; X-as-a-service: a grey bracket; facilitating: dotted green), translucent
because interactions are temporary, and the playbook's two additions (by request: a dashed
amber queue; oversight: a heavy outline). External providers are dashed grey boxes below the
platforms. Output is deterministic; every text from the file is escaped
and made printable. The view box is 400 units wide, so on a 390px phone (about 358px of
content width in the site's theme) the smallest text (11 units) still renders at about 10px.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from xml.sax.saxutils import escape, quoteattr

from checker.model import Finding
from checker.textsafe import neutralise
from checker.topology.check import TopologyResult
from checker.topology.model import Interaction, Organisation, Provider, Team

WIDTH = 400
MARGIN = 8
ENABLING_WIDTH = 44
NAME_SIZE = 14
TEXT_SIZE = 12
CHIP_SIZE = 11
CHIP_HEIGHT = 20
CHAR = 0.6  # average glyph width as a share of the font size (sans-serif, generous)
CHAR_BOLD = 0.68

FILL = {
    "stream-aligned": ("#fff2c4", "#b58900"),
    "platform": ("#d7e8fb", "#2f6fb0"),
    "enabling": ("#eadcf5", "#7d4ba3"),
    "complicated-subsystem": ("#fde0cf", "#b5541b"),
}
TYPE_LABEL = {
    "stream-aligned": "stream-aligned",
    "platform": "platform",
    "enabling": "enabling",
    "complicated-subsystem": "complicated subsystem",
}
MODE_LABEL = {
    "collaboration": "collaboration",
    "x-as-a-service": "X-as-a-service",
    "facilitating": "facilitating",
    "by-request": "by request",
    "oversight": "oversight",
}
PROVIDER_LABEL = {
    "managed-service": "managed service",
    "vendor": "vendor",
    "consultancy": "consultancy",
    "regulator": "regulator",
    "other": "external",
}
RISK_COLOUR = {"high": "#b3261e", "medium": "#8a5300", "low": "#4a5a00"}
ROLE_SHORT = (
    ("scientists", "sci"),
    ("ml-engineers", "MLE"),
    ("data-engineers", "DE"),
    ("software-engineers", "SWE"),
    ("product", "PM"),
    ("other", "other"),
)

Linker = Callable[[Team], str | None]


def text(value: str) -> str:
    """Text content: printable (control and bidi characters shown as escapes), XML-escaped."""
    return escape(neutralise(value))


def attr(value: str) -> str:
    """A quoted XML attribute value, printable and escaped."""
    return quoteattr(neutralise(value))


def _em(char: str, bold: bool) -> float:
    """A generous estimate of a glyph's advance, as a share of the font size."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return CHAR_BOLD if bold else CHAR


def measure(value: str, size: int, *, bold: bool = False) -> float:
    """Estimated rendered width of ``value`` at font ``size``."""
    if value.isascii():  # the common case: no wide characters, one multiplication
        return len(value) * (CHAR_BOLD if bold else CHAR) * size
    return sum(_em(c, bold) for c in value) * size


def fit(value: str, width: float, size: int, *, bold: bool = False) -> str:
    """Shorten ``value`` with an ellipsis so that it fits ``width`` at font ``size``."""
    value = neutralise(value)
    if measure(value, size, bold=bold) <= width:
        return value
    room = width - measure("…", size, bold=bold)
    used, out = 0.0, []
    for char in value:
        used += _em(char, bold) * size
        if used > room:
            break
        out.append(char)
    return "".join(out) + "…"


_CHIP_WORDS = {  # mode: (from's words, to's words)
    "x-as-a-service": ("serves", "uses"),
    "facilitating": ("helps", "helped by"),
    "by-request": ("takes requests from", "asks"),
    "oversight": ("oversees", "overseen by"),
}


def chip_label(ix: Interaction, team: Team, names: dict[str, str]) -> str:
    other = names[ix.other(team.id)]
    if ix.mode == "collaboration":
        return f"with {other}"
    words = _CHIP_WORDS[ix.mode]
    return f"{words[0] if ix.source == team.id else words[1]} {other}"


def members_line(team: Team) -> str:
    parts = [f"{team.members[k]} {short}" for k, short in ROLE_SHORT if team.members.get(k)]
    return " · ".join(parts) if parts else "members not given"


@dataclass
class Canvas:
    """SVG fragments in drawing order, and the lowest y used."""

    parts: list[str] = field(default_factory=list)
    bottom: float = 0.0

    def add(self, fragment: str, bottom: float = 0.0) -> None:
        self.parts.append(fragment)
        self.bottom = max(self.bottom, bottom)


@dataclass
class Drawing:
    result: TopologyResult
    prefix: str
    linker: Linker
    canvas: Canvas = field(default_factory=Canvas)

    @property
    def org(self) -> Organisation:
        assert self.result.organisation is not None
        return self.result.organisation

    # -- teams ------------------------------------------------------------------------------

    def chips_height(self, team: Team, width: float) -> float:
        rows, x = 1, 0.0
        for ix in self.interactions_of(team):
            w = self.chip_width(ix, team, width)
            if x and x + w > width:
                rows, x = rows + 1, 0.0
            x += w + 6
        return rows * (CHIP_HEIGHT + 4) if self.interactions_of(team) else 0.0

    def interactions_of(self, team: Team) -> list[Interaction]:
        return self.by_team.get(team.id, [])

    @cached_property
    def by_team(self) -> dict[str, list[Interaction]]:
        return self.org.by_party()

    @cached_property
    def open_findings(self) -> dict[str, list[Finding]]:
        return self.result.open_by_team()

    def chip_width(self, ix: Interaction, team: Team, width: float) -> float:
        label = chip_label(ix, team, self.names)
        return min(width, measure(neutralise(label), CHIP_SIZE) + 22)

    @cached_property
    def names(self) -> dict[str, str]:
        return names_of(self.org)

    def team_height(self, team: Team, width: float) -> float:
        return 50 + self.chips_height(team, width - 16)

    def badge(self, team: Team, right: float, y: float) -> tuple[str, float]:
        """The findings mark: a warning sign with the count, coloured by the worst risk."""
        open_ = self.open_findings.get(team.id, [])
        if not open_:
            return "", right
        worst = open_[0].risk.value
        label = f"⚠ {len(open_)}"
        w = measure(label, TEXT_SIZE, bold=True) + 10
        x = right - w
        titles = "; ".join(f"{f.risk.value} risk: {f.title}" for f in open_)
        frag = (
            f'<g class="findings" data-count="{len(open_)}" data-risk="{worst}">'
            f"<title>{text(titles)}</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="18" rx="9" '
            f'fill="{RISK_COLOUR[worst]}"/>'
            f'<text x="{x + w / 2:.0f}" y="{y + 13:.0f}" font-size="{TEXT_SIZE}" '
            f'text-anchor="middle" fill="#ffffff" font-weight="bold">{text(label)}</text></g>'
        )
        return frag, x - 4

    def team(self, team: Team, x: float, y: float, w: float) -> float:
        """Draw a band (or box) for ``team`` at (x, y) of width ``w``; return its height."""
        h = self.team_height(team, w)
        fill, stroke = FILL[team.type]
        badge, name_right = self.badge(team, x + w - 8, y + 8)
        counts = len(self.open_findings.get(team.id, []))
        summary = f"{team.name} ({TYPE_LABEL[team.type]}): {members_line(team)}" + (
            f"; {counts} open finding(s)" if counts else ""
        )
        rx = 14 if team.type == "complicated-subsystem" else 6
        out = [
            f'<g class="team team-{team.type}" id={attr(f"{self.prefix}-team-{team.id}")} '
            f"data-team={attr(team.id)}>",
            f"<title>{text(summary)}</title>",
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="{rx}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>',
            f'<text x="{x + 8:.0f}" y="{y + 22:.0f}" font-size="{NAME_SIZE}" font-weight="bold" '
            f'fill="#1a1a1a">{text(fit(team.name, name_right - x - 8, NAME_SIZE, bold=True))}'
            "</text>",
            f'<text x="{x + 8:.0f}" y="{y + 40:.0f}" font-size="{TEXT_SIZE}" fill="#333333">'
            f"{text(fit(TYPE_LABEL[team.type] + ' · ' + members_line(team), w - 16, TEXT_SIZE))}"
            "</text>",
            badge,
        ]
        cx, cy = x + 8, y + 48
        for ix in self.interactions_of(team):
            cw = self.chip_width(ix, team, w - 16)
            if cx > x + 8 and cx + cw > x + w - 8:
                cx, cy = x + 8, cy + CHIP_HEIGHT + 4
            out.append(self.chip(ix, team, cx, cy, cw))
            cx += cw + 6
        out.append("</g>")
        link = self.linker(team)
        frag = "".join(out)
        if link:
            # No aria-label: the name comes from the visible text, which axe requires the name
            # to contain (label-content-name-mismatch); the group's <title> holds the summary.
            frag = f"<a href={attr(link)}>{frag}</a>"
        self.canvas.add(frag, y + h)
        return h

    def chip(self, ix: Interaction, team: Team, x: float, y: float, w: float) -> str:
        label = chip_label(ix, team, self.names)
        p = self.prefix
        style = {
            "collaboration": f'fill="url(#{p}-hatch)" stroke="#6a3d9a" stroke-width="1.5"',
            "x-as-a-service": 'fill="#e6e6e6" fill-opacity="0.7" stroke="#555555"',
            "facilitating": f'fill="url(#{p}-dots)" stroke="#2e7d32" stroke-dasharray="2 2"',
            "by-request": 'fill="#f6e7cf" stroke="#8a5300" stroke-dasharray="5 2"',
            "oversight": 'fill="#ffffff" stroke="#37474f" stroke-width="2.5"',
        }[ix.mode]
        extra = ""
        if ix.mode == "x-as-a-service":  # the bracket: the provider's open side
            extra = (
                f'<path d="M{x + 9:.0f} {y + 3:.0f}h-5v{CHIP_HEIGHT - 6}h5" fill="none" '
                'stroke="#333333" stroke-width="2"/>'
            )
        until = f", until {ix.until.isoformat()}" if ix.until else ""
        desc = f"{MODE_LABEL[ix.mode]}: {self.names[ix.source]} → {self.names[ix.target]}{until}"
        if ix.purpose:
            desc += f" ({ix.purpose})"
        return (
            f'<g class="interaction mode-{ix.mode}" data-from={attr(ix.source)} '
            f"data-to={attr(ix.target)} data-mode={attr(ix.mode)}>"
            f"<title>{text(desc)}</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{CHIP_HEIGHT}" rx="4" '
            f"{style}/>{extra}"
            f'<text x="{x + 13:.0f}" y="{y + 14:.0f}" font-size="{CHIP_SIZE}" fill="#1a1a1a">'
            f"{text(fit(label, w - 16, CHIP_SIZE))}</text></g>"
        )

    # -- sections ---------------------------------------------------------------------------

    def stack(self, teams: list[Team], x: float, y: float, w: float) -> float:
        """Bands for ``teams``, each grouping framed; return the y below them."""
        grouped: dict[str | None, list[Team]] = {}
        for t in teams:
            grouped.setdefault(t.grouping, []).append(t)
        order = [g for g in self.org.groupings if g in grouped] + (
            [None] if None in grouped else []
        )
        for gid in order:
            members = grouped[gid]
            if gid is None:
                for t in members:
                    y += self.team(t, x, y, w) + 6
                continue
            g = self.org.groupings[gid]
            frame_at = len(self.canvas.parts)
            top = y
            y += 24
            for t in members:
                y += self.team(t, x + 6, y, w - 12) + 6
            frame = (
                f'<g class="grouping grouping-{g.kind}" data-grouping={attr(g.id)}>'
                f'<rect x="{x:.0f}" y="{top:.0f}" width="{w:.0f}" height="{y - top:.0f}" '
                f'rx="8" fill="#f7f7f7" stroke="#8c8c8c" stroke-dasharray="6 3"/>'
                f'<text x="{x + 8:.0f}" y="{top + 17:.0f}" font-size="{TEXT_SIZE}" '
                f'font-weight="bold" fill="#333333">'
                f"{text(fit(f'{g.name} ({g.kind})', w - 16, TEXT_SIZE, bold=True))}"
                "</text></g>"
            )
            self.canvas.parts.insert(frame_at, frame)
            y += 8
        return y

    def boxes(self, teams: list[Team], x: float, y: float, w: float) -> float:
        """Complicated-subsystem teams as boxes, two per row."""
        col = (w - 8) / 2
        for i in range(0, len(teams), 2):
            row = teams[i : i + 2]
            heights = [self.team(t, x + j * (col + 8), y, col) for j, t in enumerate(row)]
            y += max(heights) + 8
        return y

    def enabling(self, teams: list[Team], x: float, top: float, bottom: float) -> float:
        """Upright enabling bands at the side, sharing the height; return the bottom used."""
        if not teams:
            return bottom
        share = (bottom - top - 6 * (len(teams) - 1)) / len(teams)
        each = max(120.0, min(share, 360.0))  # tall enough for a name, never a whole page
        y = top
        for t in teams:
            self.upright(t, x, y, each)
            y += each + 6
        return y - 6

    def upright(self, team: Team, x: float, y: float, h: float) -> None:
        fill, stroke = FILL["enabling"]
        open_ = self.open_findings.get(team.id, [])
        summary = f"{team.name} (enabling): {members_line(team)}" + (
            f"; {len(open_)} open finding(s)" if open_ else ""
        )
        badge = ""
        if open_:
            worst = open_[0].risk.value
            badge = (
                f'<g class="findings" data-count="{len(open_)}" data-risk="{worst}">'
                f"<title>{text('; '.join(f.title for f in open_))}</title>"
                f'<circle cx="{x + ENABLING_WIDTH / 2:.0f}" cy="{y + 16:.0f}" r="11" '
                f'fill="{RISK_COLOUR[worst]}"/><text x="{x + ENABLING_WIDTH / 2:.0f}" '
                f'y="{y + 20:.0f}" font-size="{TEXT_SIZE}" text-anchor="middle" '
                f'fill="#ffffff" font-weight="bold">{len(open_)}</text></g>'
            )
        cx, cy = x + ENABLING_WIDTH / 2 + 5, y + h - 8
        frag = (
            f'<g class="team team-enabling" id={attr(f"{self.prefix}-team-{team.id}")} '
            f"data-team={attr(team.id)}><title>{text(summary)}</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{ENABLING_WIDTH}" height="{h:.0f}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
            f'<text x="{cx:.0f}" y="{cy:.0f}" font-size="{NAME_SIZE}" font-weight="bold" '
            f'fill="#1a1a1a" transform="rotate(-90 {cx:.0f} {cy:.0f})">'
            f"{text(fit(team.name, h - (40 if open_ else 16), NAME_SIZE, bold=True))}"
            f"</text>{badge}</g>"
        )
        link = self.linker(team)
        if link:
            # No aria-label: the name comes from the visible text, which axe requires the name
            # to contain (label-content-name-mismatch); the group's <title> holds the summary.
            frag = f"<a href={attr(link)}>{frag}</a>"
        self.canvas.add(frag, y + h)

    def providers(self, providers: list[Provider], x: float, y: float, w: float) -> float:
        """External providers: dashed grey boxes, two per row, under a heading."""
        if not providers:
            return y
        self.canvas.add(
            f'<text x="{x:.0f}" y="{y + 14:.0f}" font-size="{TEXT_SIZE}" font-weight="bold" '
            f'fill="#333333">External providers</text>',
            y + 18,
        )
        y += 22
        col = (w - 8) / 2
        for i, provider in enumerate(providers):
            px = x + (i % 2) * (col + 8)
            py = y + (i // 2) * 46
            kind = PROVIDER_LABEL[provider.kind]
            what = kind + (f" · {', '.join(provider.provides)}" if provider.provides else "")
            frag = (
                f'<g class="provider provider-{provider.kind}" '
                f"id={attr(f'{self.prefix}-provider-{provider.id}')} "
                f"data-provider={attr(provider.id)}>"
                f"<title>{text(f'{provider.name} (external {kind})')}</title>"
                f'<rect x="{px:.0f}" y="{py:.0f}" width="{col:.0f}" height="40" rx="4" '
                'fill="#f2f2f2" stroke="#666666" stroke-dasharray="4 3"/>'
                f'<text x="{px + 8:.0f}" y="{py + 17:.0f}" font-size="{TEXT_SIZE}" '
                f'font-weight="bold" fill="#1a1a1a">'
                f"{text(fit(provider.name, col - 16, TEXT_SIZE, bold=True))}</text>"
                f'<text x="{px + 8:.0f}" y="{py + 33:.0f}" font-size="{CHIP_SIZE}" '
                f'fill="#333333">{text(fit(what, col - 16, CHIP_SIZE))}</text></g>'
            )
            if provider.page and provider.page.startswith(("http://", "https://")):
                frag = f"<a href={attr(provider.page)}>{frag}</a>"
            self.canvas.add(frag, py + 40)
        return y + ((len(providers) + 1) // 2) * 46 + 4

    def legend(self, y: float) -> float:
        p = self.prefix
        items = [
            (f'<rect width="22" height="12" rx="2" fill="{FILL[k][0]}" stroke="{FILL[k][1]}"/>', v)
            for k, v in TYPE_LABEL.items()
        ] + [
            (
                f'<rect width="22" height="12" fill="url(#{p}-hatch)" stroke="#6a3d9a"/>',
                "collaboration",
            ),
            (
                '<rect width="22" height="12" fill="#e6e6e6" stroke="#555555"/>'
                '<path d="M8 2h-5v8h5" fill="none" stroke="#333333" stroke-width="2"/>',
                "X-as-a-service",
            ),
            (
                f'<rect width="22" height="12" fill="url(#{p}-dots)" stroke="#2e7d32" '
                'stroke-dasharray="2 2"/>',
                "facilitating",
            ),
            (
                '<rect width="22" height="12" fill="#f6e7cf" stroke="#8a5300" '
                'stroke-dasharray="5 2"/>',
                "by request (a queue)",
            ),
            (
                '<rect width="22" height="12" fill="#ffffff" stroke="#37474f" stroke-width="2.5"/>',
                "oversight",
            ),
            ('<rect width="22" height="12" rx="6" fill="#b3261e"/>', "open findings (count)"),
        ]
        out = ['<g class="legend" aria-hidden="true">']
        col = (WIDTH - 2 * MARGIN) / 2
        for i, (shape, label) in enumerate(items):
            lx = MARGIN + (i % 2) * col
            ly = y + (i // 2) * 20
            out.append(
                f'<g transform="translate({lx:.0f} {ly:.0f})">{shape}'
                f'<text x="28" y="11" font-size="{CHIP_SIZE}" fill="#333333">{text(label)}'
                "</text></g>"
            )
        out.append("</g>")
        self.canvas.add("".join(out))
        return y + ((len(items) + 1) // 2) * 20

    # -- the whole picture -------------------------------------------------------------------

    def render(self, title: str, desc: str) -> str:
        org = self.org
        by_type: dict[str, list[Team]] = {k: [] for k in FILL}
        for t in org.teams.values():
            by_type[t.type].append(t)
        has_enabling = bool(by_type["enabling"])
        right = WIDTH - MARGIN - (ENABLING_WIDTH + 8 if has_enabling else 0)
        x, w = MARGIN, right - MARGIN
        self.canvas.add(
            f'<text x="{MARGIN}" y="22" font-size="16" font-weight="bold" fill="#1a1a1a">'
            f"{text(fit(org.name, WIDTH - 2 * MARGIN, 16, bold=True))}</text>"
            f'<text x="{MARGIN}" y="40" font-size="{TEXT_SIZE}" fill="#333333">'
            f"{text(f'as of {org.as_of.isoformat()} · {len(org.teams)} teams · ')}"
            f"{text(f'{len(org.interactions)} interactions')}</text>"
        )
        top = 52.0
        y = self.stack(by_type["stream-aligned"], x, top, w)
        y = self.boxes(by_type["complicated-subsystem"], x, y, w)
        y = self.stack(by_type["platform"], x, y, w)
        y = self.providers(list(org.providers.values()), x, y, w)
        bottom = self.enabling(by_type["enabling"], right + 8, top, max(y - 6, top + 120))
        y = max(y, bottom + 8)
        height = self.legend(y + 4) + MARGIN
        p = self.prefix
        # An image's children are hidden from assistive technology; with links, use a group.
        role = "group" if any(self.linker(t) for t in org.teams.values()) else "img"
        defs = (
            f'<defs><pattern id="{p}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
            '<rect width="6" height="6" fill="#d9c6ec" fill-opacity="0.6"/>'
            '<path d="M0 0L6 6M6 0L0 6" stroke="#6a3d9a" stroke-opacity="0.5"/></pattern>'
            f'<pattern id="{p}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
            '<rect width="5" height="5" fill="#d4ecd5" fill-opacity="0.6"/>'
            '<circle cx="2.5" cy="2.5" r="1" fill="#2e7d32" fill-opacity="0.6"/></pattern></defs>'
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="playbook-topology" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="{role}" '
            f'aria-labelledby="{p}-title" aria-describedby="{p}-desc" '
            'font-family="system-ui, sans-serif">'
            f'<title id="{p}-title">{text(title)}</title>'
            f'<desc id="{p}-desc">{text(desc)}</desc>{defs}'
            f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
            + "".join(self.canvas.parts)
            + "</svg>\n"
        )


def names_of(org: Organisation) -> dict[str, str]:
    """Names of teams and external providers, by id."""
    return {
        **{t.id: t.name for t in org.teams.values()},
        **{p.id: p.name for p in org.providers.values()},
    }


def description(result: TopologyResult) -> str:
    """A plain-text account of the picture, for <desc> and screen readers."""
    org = result.organisation
    assert org is not None
    counts = {k: sum(1 for t in org.teams.values() if t.type == k) for k in FILL}
    kinds = ", ".join(f"{n} {TYPE_LABEL[k]}" for k, n in counts.items() if n)
    modes = {m: sum(1 for ix in org.interactions if ix.mode == m) for m in MODE_LABEL}
    ways = ", ".join(f"{n} {MODE_LABEL[m]}" for m, n in modes.items() if n) or "none"
    open_ = sum(1 for f in result.findings if f.status.value == "open")
    bought = f", {len(org.providers)} external provider(s)" if org.providers else ""
    return (
        f"{len(org.teams)} teams ({kinds}){bought}; interactions: {ways}; {open_} open "
        "finding(s). Stream-aligned teams are drawn at the top, complicated subsystems below "
        "them, platforms at the bottom, then external providers, and enabling teams at the "
        "right; the table after the drawing lists the same teams and interactions."
    )


def draw(result: TopologyResult, *, prefix: str = "topology", linker: Linker | None = None) -> str:
    """The SVG for a valid topology. ``prefix`` keeps element ids unique in a page;
    ``linker`` maps a team to its link (default: the team's ``page``)."""
    if result.organisation is None:
        raise ValueError("draw() needs a valid topology")
    drawing = Drawing(result, prefix, linker or (lambda team: team.page))
    title = f"Team topology of {result.organisation.name}"
    return drawing.render(title, description(result))
