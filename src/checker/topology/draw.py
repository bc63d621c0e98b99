"""Draw a checked topology as SVG in Team Topologies' visual language.

:mod:`checker.topology.layout` decides where everything goes; this module draws it. Team types
differ by shape as well as colour, so the picture survives colour blindness and greyscale:
stream-aligned teams are rounded bands, platform teams square-cornered bands with a heavy base,
complicated-subsystem teams octagons, enabling teams upright bands, external providers dashed
boxes. Interactions are lines between the two teams with the book's mode shapes where they meet
the teams, each mode with its own line pattern: collaboration a heavy line with cross-hatched
squares, X-as-a-service a plain line ending in a bracket, facilitating a dotted line ending in a
dotted circle, and the playbook's two additions, by request (a dashed line ending in a queue of
tickets) and oversight (a dash-dot line ending in an eye). Mode shapes are translucent because
interactions are temporary. Colours are CSS custom properties with a dark scheme (the reader's
``prefers-color-scheme``, or the site theme's ``data-theme``); every shape also carries its
light colour as a presentation attribute for renderers without CSS.

The SVG has an intrinsic size (``width``/``height`` in CSS pixels, text at 11 to 17), a title,
a description, a ``<title>`` on every team and interaction, and is deterministic. Every text
from the file is escaped and made printable, and wrapped, never cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from checker.model import Finding
from checker.topology.check import TopologyResult
from checker.topology.layout import (
    NAME_SIZE,
    PAD,
    SMALL_SIZE,
    STRIP_LINE,
    TEXT_SIZE,
    TITLE_SIZE,
    Frame,
    Geometry,
    Item,
    Line,
    Link,
    layout,
    legend_width,
)
from checker.topology.model import Interaction, Organisation, Team
from checker.topology.textfit import attr, measure, text

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
ROLE_SHORT = (
    ("scientists", "sci"),
    ("ml-engineers", "MLE"),
    ("data-engineers", "DE"),
    ("software-engineers", "SWE"),
    ("product", "PM"),
    ("other", "other"),
)
SHAPE_KEY = {
    "stream-aligned": "sa",
    "platform": "pl",
    "complicated-subsystem": "cs",
    "enabling": "en",
    "provider": "pr",
}
MODE_KEY = {
    "collaboration": "collab",
    "x-as-a-service": "xaas",
    "facilitating": "facil",
    "by-request": "request",
    "oversight": "oversight",
}

#: The colours, light and dark, as CSS custom properties: ``--tt-<name>``. Text colours meet
#: WCAG AA contrast (4.5:1) on every fill they are drawn on (a test checks both schemes).
PALETTE: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "ink": "#1a1a1a",
        "muted": "#333333",
        "frame": "#f4f4f4",
        "frame-line": "#8c8c8c",
        "sa": "#fff2c4",
        "sa-line": "#b58900",
        "pl": "#d7e8fb",
        "pl-line": "#2f6fb0",
        "en": "#eadcf5",
        "en-line": "#7d4ba3",
        "cs": "#fde0cf",
        "cs-line": "#b5541b",
        "pr": "#f2f2f2",
        "pr-line": "#666666",
        "collab": "#6a3d9a",
        "xaas": "#4d4d4d",
        "facil": "#2e7d32",
        "request": "#8a5300",
        "oversight": "#37474f",
        "high": "#b3261e",
        "medium": "#8a5300",
        "low": "#4a5a00",
        "badge-ink": "#ffffff",
        "added": "#1b6e20",
        "removed": "#b3261e",
        "changed": "#8a5300",
    },
    "dark": {
        "bg": "#17181c",
        "ink": "#f2f2f2",
        "muted": "#d6d6d6",
        "frame": "#202228",
        "frame-line": "#8a8f98",
        "sa": "#4a3d0a",
        "sa-line": "#e0b84a",
        "pl": "#153552",
        "pl-line": "#7fb2e8",
        "en": "#3b2550",
        "en-line": "#c49be6",
        "cs": "#4f2a14",
        "cs-line": "#f0a06c",
        "pr": "#2a2c31",
        "pr-line": "#a7acb5",
        "collab": "#c7a4ee",
        "xaas": "#c4c7cc",
        "facil": "#8fd694",
        "request": "#f0b35a",
        "oversight": "#b0c4ce",
        "high": "#ffb4ab",
        "medium": "#f0b35a",
        "low": "#c5d86d",
        "badge-ink": "#17181c",
        "added": "#8fd694",
        "removed": "#ffb4ab",
        "changed": "#f0b35a",
    },
}
FILL = {t: (PALETTE["light"][k], PALETTE["light"][k + "-line"]) for t, k in SHAPE_KEY.items()}
RISK_COLOUR = {r: PALETTE["light"][r] for r in ("high", "medium", "low")}
#: Line patterns by mode: (width, dash array); the mode's shape is drawn where it meets a team.
STROKE = {
    "collaboration": (3.0, ""),
    "x-as-a-service": (1.6, ""),
    "facilitating": (1.8, "2 3"),
    "by-request": (1.6, "7 3"),
    "oversight": (1.6, "10 3 2 3"),
}

#: The sign on a changed team or interaction (U+2212 is the minus sign, the width of +).
SIGN = {"added": "+", "removed": "\u2212", "changed": "~"}

Linker = Callable[[Team], str | None]


@dataclass
class Marks:
    """Changes to show on a drawing (``topology diff --format svg``): for each team or
    provider its change (added, removed or changed) and lines saying what changed; for each
    interaction, by its index in the drawn organisation, its change and a note."""

    parties: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    interactions: dict[int, tuple[str, str]] = field(default_factory=dict)


def members_line(team: Team) -> str:
    parts = [f"{team.members[k]} {short}" for k, short in ROLE_SHORT if team.members.get(k)]
    return " · ".join(parts) if parts else "members not given"


_CHIP_WORDS = {  # mode: (from's words, to's words)
    "x-as-a-service": ("serves", "uses"),
    "facilitating": ("helps", "helped by"),
    "by-request": ("takes requests from", "asks"),
    "oversight": ("oversees", "overseen by"),
}


def chip_label(ix: Interaction, team: Team, names: dict[str, str]) -> str:
    """What ``ix`` is from ``team``'s side, in words: ``uses ML Platform``."""
    other = names[ix.other(team.id)]
    if ix.mode == "collaboration":
        return f"with {other}"
    words = _CHIP_WORDS[ix.mode]
    return f"{words[0] if ix.source == team.id else words[1]} {other}"


def names_of(org: Organisation) -> dict[str, str]:
    """Names of teams and external providers, by id."""
    return {
        **{t.id: t.name for t in org.teams.values()},
        **{p.id: p.name for p in org.providers.values()},
    }


def _f(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zero (deterministic and compact)."""
    out = f"{value:.1f}"
    return out[:-2] if out.endswith(".0") else out


def _style() -> str:
    """The stylesheet: custom properties (light, then dark by media query and by the site
    theme's ``data-theme``) and the rules that use them. Scoped to the drawing's class, since
    a ``<style>`` in inline SVG applies to the whole page."""

    def props(scheme: str) -> str:
        return "".join(f"--tt-{k}:{v};" for k, v in PALETTE[scheme].items())

    root = "svg.playbook-topology"
    rules = [
        f"{root}{{{props('light')}}}",
        f"@media (prefers-color-scheme: dark){{{root}{{{props('dark')}}}}}",
        f'body[data-theme="dark"] {root}{{{props("dark")}}}',
        f'body[data-theme="light"] {root}{{{props("light")}}}',
        f"{root} .bg{{fill:var(--tt-bg)}}",
        f"{root} .ink{{fill:var(--tt-ink)}}",
        f"{root} .muted{{fill:var(--tt-muted)}}",
        f"{root} .frame{{fill:var(--tt-frame);stroke:var(--tt-frame-line)}}",
        f"{root} .badge-ink{{fill:var(--tt-badge-ink)}}",
    ]
    for key in SHAPE_KEY.values():
        rules.append(f"{root} .s-{key}{{fill:var(--tt-{key});stroke:var(--tt-{key}-line)}}")
    for key in MODE_KEY.values():
        rules.append(f"{root} .m-{key}{{stroke:var(--tt-{key})}}")
        rules.append(f"{root} .f-{key}{{fill:var(--tt-{key})}}")
    for risk in ("high", "medium", "low"):
        rules.append(f"{root} .r-{risk}{{fill:var(--tt-{risk})}}")
    for change in ("added", "removed", "changed"):
        rules.append(f"{root} .c-{change}{{stroke:var(--tt-{change});fill:var(--tt-{change})}}")
    return "<style>" + "".join(rules) + "</style>"


@dataclass
class Drawing:
    result: TopologyResult
    prefix: str
    linker: Linker
    marks: Marks = field(default_factory=Marks)

    @property
    def org(self) -> Organisation:
        assert self.result.organisation is not None
        return self.result.organisation

    def open(self, party: str) -> list[Finding]:
        return self._open.get(party, [])

    def __post_init__(self) -> None:
        self._open = self.result.open_by_team()
        self.names = names_of(self.org)

    # -- what each shape says ---------------------------------------------------------------

    def content(self, party: str) -> list[Line]:
        out: list[Line]
        team = self.org.teams.get(party)
        if team is not None:
            out = [Line(team.name, NAME_SIZE, True, "name")]
            if team.type != "enabling":
                detail = f"{TYPE_LABEL[team.type]} · {members_line(team)}"
                out.append(Line(detail, TEXT_SIZE, False, "detail"))
        else:
            provider = self.org.providers[party]
            kind = PROVIDER_LABEL[provider.kind]
            what = f"external {kind}" if provider.kind != "other" else "external"
            if provider.provides:
                what += f" · provides {', '.join(provider.provides)}"
            out = [Line(provider.name, NAME_SIZE - 1, True, "name")]
            out.append(Line(what, TEXT_SIZE, False, "detail"))
        mark = self.marks.parties.get(party)
        if mark is not None:
            out += [Line(note, TEXT_SIZE, True, "mark") for note in mark[1]]
        return out

    def badge_width(self, party: str) -> float:
        found = self.open(party)
        if not found:
            return 0.0
        if party in self.org.teams and self.org.teams[party].type == "enabling":
            return 28.0
        return measure(f"⚠ {len(found)}", TEXT_SIZE, bold=True) + 10 + 6

    # -- shapes -----------------------------------------------------------------------------

    def summary(self, party: str) -> str:
        team = self.org.teams.get(party)
        found = self.open(party)
        if team is None:
            provider = self.org.providers[party]
            return f"{provider.name} (external {PROVIDER_LABEL[provider.kind]})"
        out = f"{team.name} ({TYPE_LABEL[team.type]}): {members_line(team)}"
        if found:
            out += f"; {len(found)} open finding(s): " + "; ".join(
                f"{f.risk.value} risk: {f.title}" for f in found
            )
        mark = self.marks.parties.get(party)
        if mark is not None:
            out += "; " + "; ".join(mark[1])
        return out

    def item(self, item: Item) -> str:
        key = SHAPE_KEY[item.shape]
        fill, stroke = FILL[item.shape]
        x, y, w, h = item.x, item.y, item.w, item.h
        mark = self.marks.parties.get(item.party)
        change = f' data-change="{mark[0]}"' if mark else ""
        width, extra = "2", ""
        if mark is not None and mark[0] == "removed":
            extra = ' fill-opacity="0.45"'
        elif mark is not None:
            width = "4"
        dash = ""
        if item.shape == "provider" or (mark is not None and mark[0] == "removed"):
            dash = (
                ' stroke-dasharray="6 4"'
                if mark and mark[0] == "removed"
                else ' stroke-dasharray="5 3"'
            )
        what = "provider" if item.shape == "provider" else "team"
        head = (
            f'<g class="{what} {what}-{item.shape}" '
            f"id={attr(f'{self.prefix}-{what}-{item.party}')} data-{what}={attr(item.party)} "
            f'data-box="{_f(x)} {_f(y)} {_f(w)} {_f(h)}"{change}>'
            f"<title>{text(self.summary(item.party))}</title>"
        )
        common = (
            f'class="shape s-{key}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
            f"{dash}{extra}"
        )
        if item.shape == "complicated-subsystem":
            c = 9.0
            d = (
                f"M{_f(x + c)} {_f(y)}H{_f(x + w - c)}L{_f(x + w)} {_f(y + c)}"
                f"V{_f(y + h - c)}L{_f(x + w - c)} {_f(y + h)}H{_f(x + c)}"
                f"L{_f(x)} {_f(y + h - c)}V{_f(y + c)}Z"
            )
            shape = f'<path d="{d}" {common}/>'
        elif item.shape == "platform":
            shape = (
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" {common}/>'
                f'<path d="M{_f(x + 1)} {_f(y + h - 2)}H{_f(x + w - 1)}" class="m-base" '
                f'stroke="{stroke}" stroke-width="4" style="stroke:var(--tt-pl-line)"/>'
            )
        elif item.shape == "provider":
            shape = (
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="3" {common}/>'
            )
        else:
            rx = 10 if item.upright else 6
            shape = (
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="{rx}" '
                f"{common}/>"
            )
        body = self.upright_text(item) if item.upright else self.lines(item)
        frag = head + shape + body + self.badge(item) + "</g>"
        team = self.org.teams.get(item.party)
        link = None
        if team is not None:
            link = self.linker(team)
        else:
            page = self.org.providers[item.party].page
            link = page if page and page.startswith(("http://", "https://")) else None
        if link:
            # No aria-label: the name comes from the visible text, which axe requires the name
            # to contain (label-content-name-mismatch); the group's <title> holds the summary.
            frag = f"<a href={attr(link)}>{frag}</a>"
        return frag

    def lines(self, item: Item) -> str:
        out = []
        y = item.y + PAD
        for line in item.lines:
            y += line.height
            base = y - line.height * 0.27
            cls = "ink" if line.role != "detail" else "muted"
            weight = ' font-weight="bold"' if line.bold else ""
            colour = "#1a1a1a" if cls == "ink" else "#333333"
            out.append(
                f'<text x="{_f(item.x + PAD)}" y="{_f(base)}" font-size="{_f(line.size)}"'
                f'{weight} class="{cls} t-{line.role}" fill="{colour}">{text(line.text)}</text>'
            )
        return "".join(out)

    def upright_text(self, item: Item) -> str:
        out = []
        for k, line in enumerate(item.lines):
            px = item.x + PAD + k * STRIP_LINE + line.size * 0.85
            py = item.bottom - PAD
            weight = ' font-weight="bold"' if line.bold else ""
            out.append(
                f'<text x="{_f(px)}" y="{_f(py)}" font-size="{_f(line.size)}"{weight} '
                f'class="ink t-{line.role}" fill="#1a1a1a" '
                f'transform="rotate(-90 {_f(px)} {_f(py)})">{text(line.text)}</text>'
            )
        return "".join(out)

    def badge(self, item: Item) -> str:
        """The findings mark: a warning sign with the count, coloured by the worst risk."""
        found = self.open(item.party)
        if not found:
            return ""
        worst = found[0].risk.value
        titles = "; ".join(f"{f.risk.value} risk: {f.title}" for f in found)
        head = (
            f'<g class="findings" data-count="{len(found)}" data-risk="{worst}">'
            f"<title>{text(titles)}</title>"
        )
        if item.upright:
            cx, cy = item.x + item.w / 2, item.y + PAD + 10
            return (
                f'{head}<circle cx="{_f(cx)}" cy="{_f(cy)}" r="10" class="r-{worst}" '
                f'fill="{RISK_COLOUR[worst]}"/><text x="{_f(cx)}" y="{_f(cy + 4)}" '
                f'font-size="{_f(TEXT_SIZE)}" text-anchor="middle" font-weight="bold" '
                f'class="badge-ink" fill="#ffffff">{len(found)}</text></g>'
            )
        label = f"⚠ {len(found)}"
        w = measure(label, TEXT_SIZE, bold=True) + 10
        x, y = item.right - PAD - w + 4, item.y + 5
        return (
            f'{head}<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="18" rx="9" '
            f'class="r-{worst}" fill="{RISK_COLOUR[worst]}"/>'
            f'<text x="{_f(x + w / 2)}" y="{_f(y + 13)}" font-size="{_f(TEXT_SIZE)}" '
            f'text-anchor="middle" font-weight="bold" class="badge-ink" fill="#ffffff">'
            f"{text(label)}</text></g>"
        )

    def frame(self, frame: Frame) -> str:
        kind = frame.kind
        dash = ' stroke-dasharray="6 3"' if kind in ("value-stream", "none", "providers") else ""
        out = [
            f'<g class="grouping grouping-{kind}"'
            + (f" data-grouping={attr(frame.grouping)}" if frame.grouping else "")
            + ">",
            f'<rect x="{_f(frame.x)}" y="{_f(frame.y)}" width="{_f(frame.w)}" '
            f'height="{_f(frame.h)}" rx="8" class="frame" fill="#f4f4f4" stroke="#8c8c8c"'
            f"{dash}/>",
        ]
        y = frame.y + PAD / 2
        for line in frame.lines:
            y += line.height
            out.append(
                f'<text x="{_f(frame.x + PAD)}" y="{_f(y - line.height * 0.27)}" '
                f'font-size="{_f(line.size)}" font-weight="bold" class="muted" fill="#333333">'
                f"{text(line.text)}</text>"
            )
        out.append("</g>")
        return "".join(out)

    # -- interactions -------------------------------------------------------------------------

    def link(self, link: Link, index: int) -> str:
        ix = link.ix
        mode = ix.mode
        key = MODE_KEY[mode]
        colour = PALETTE["light"][key]
        width, dash = STROKE[mode]
        mark = self.marks.interactions.get(index)
        until = f", until {ix.until.isoformat()}" if ix.until else ""
        desc = f"{MODE_LABEL[mode]}: {self.names[ix.source]} → {self.names[ix.target]}{until}"
        if ix.purpose:
            desc += f" ({ix.purpose})"
        if mark is not None:
            desc += f"; {mark[1]}"
        d = "M" + "L".join(f"{_f(x)} {_f(y)}" for x, y in link.points)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        extra = ""
        if mark is not None and mark[0] == "removed":
            extra = ' stroke-opacity="0.45"'
            dashes = ' stroke-dasharray="4 4"'
        change = f' data-change="{mark[0]}"' if mark else ""
        out = [
            f'<g class="interaction mode-{mode}" data-from={attr(ix.source)} '
            f"data-to={attr(ix.target)} data-mode={attr(mode)}{change}>"
            f"<title>{text(desc)}</title>",
            f'<path d="{d}" class="link m-{key}" fill="none" stroke="{colour}" '
            f'stroke-width="{_f(width)}"{dashes}{extra} stroke-linejoin="round"/>',
        ]
        sx, sy = link.points[0]
        ex, ey = link.points[-1]
        if mode == "collaboration":
            out.append(self.glyph(mode, sx, sy))
        else:
            out.append(
                f'<circle cx="{_f(sx)}" cy="{_f(sy)}" r="2.6" class="f-{key}" fill="{colour}"/>'
            )
        out.append(self.glyph(mode, ex, ey))
        if mark is not None:
            out.append(self.change_mark(mark[0], link))
        out.append("</g>")
        return "".join(out)

    def glyph(self, mode: str, x: float, y: float) -> str:
        """The mode's shape, centred where the interaction meets a team."""
        p = self.prefix
        key = MODE_KEY[mode]
        colour = PALETTE["light"][key]
        stroke = f'class="glyph m-{key}" stroke="{colour}"'
        if mode == "collaboration":
            return (
                f'<rect x="{_f(x - 7)}" y="{_f(y - 6)}" width="14" height="12" '
                f'fill="url(#{p}-hatch)" {stroke} stroke-width="1.5"/>'
            )
        if mode == "x-as-a-service":
            return (
                f'<rect x="{_f(x - 7)}" y="{_f(y - 6)}" width="14" height="12" fill="{colour}" '
                f'fill-opacity="0.25" {stroke} stroke-width="1"/>'
                f'<path d="M{_f(x + 3)} {_f(y - 4)}h-5v8h5" fill="none" {stroke} '
                'stroke-width="2"/>'
            )
        if mode == "facilitating":
            return (
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="6.5" fill="url(#{p}-dots)" {stroke} '
                'stroke-width="1.5" stroke-dasharray="2 1.5"/>'
            )
        if mode == "by-request":
            return (
                f'<rect x="{_f(x - 8)}" y="{_f(y - 6)}" width="16" height="12" fill="{colour}" '
                f'fill-opacity="0.2" {stroke} stroke-width="1.2" stroke-dasharray="3 1.5"/>'
                f'<path d="M{_f(x - 4)} {_f(y - 3)}v6M{_f(x)} {_f(y - 3)}v6M{_f(x + 4)} '
                f'{_f(y - 3)}v6" {stroke} stroke-width="1.5"/>'
            )
        return (
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="6.5" fill="{PALETTE["light"]["bg"]}" '
            f'class="glyph bg m-{key}" stroke="{colour}" stroke-width="2.2"/>'
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.4" class="f-{key}" fill="{colour}"/>'
        )

    def change_mark(self, change: str, link: Link) -> str:
        """A marked change on an interaction: a sign in a circle beside where it ends."""
        sign = SIGN[change]
        (x1, y1), (x2, y2) = link.points[-2], link.points[-1]
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        return (
            f'<g class="change-mark"><circle cx="{_f(cx)}" cy="{_f(cy)}" r="7" '
            f'class="c-{change}" fill="{PALETTE["light"][change]}" stroke="none"/>'
            f'<text x="{_f(cx)}" y="{_f(cy + 4)}" font-size="{_f(SMALL_SIZE)}" '
            f'text-anchor="middle" font-weight="bold" class="badge-ink" fill="#ffffff">'
            f"{sign}</text></g>"
        )

    # -- the legend ---------------------------------------------------------------------------

    def legend_entries(self) -> list[tuple[str, str]]:
        sample = 'width="22" height="12" x="0" y="0"'
        out = []
        for shape, label in (
            ("stream-aligned", "stream-aligned team"),
            ("platform", "platform team"),
            ("complicated-subsystem", "complicated-subsystem team"),
            ("enabling", "enabling team"),
            ("provider", "external provider"),
        ):
            if shape == "provider" and not self.org.providers:
                continue
            key = SHAPE_KEY[shape]
            fill, stroke = FILL[shape]
            extra = ' stroke-dasharray="4 2"' if shape == "provider" else ""
            if shape == "complicated-subsystem":
                svg = (
                    f'<path d="M4 0H18L22 4V8L18 12H4L0 8V4Z" class="s-{key}" fill="{fill}" '
                    f'stroke="{stroke}"/>'
                )
            elif shape == "enabling":
                svg = (
                    f'<rect x="6" y="-3" width="10" height="18" rx="3" class="s-{key}" '
                    f'fill="{fill}" stroke="{stroke}"/>'
                )
            else:
                rx = 0 if shape == "platform" else 3
                svg = (
                    f'<rect {sample} rx="{rx}" class="s-{key}" fill="{fill}" stroke="{stroke}"'
                    f"{extra}/>"
                )
            out.append((svg, label))
        for mode, label in (
            ("collaboration", "collaboration"),
            ("x-as-a-service", "X-as-a-service"),
            ("facilitating", "facilitating"),
            ("by-request", "by request (a queue)"),
            ("oversight", "oversight"),
        ):
            key = MODE_KEY[mode]
            width, dash = STROKE[mode]
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            svg = (
                f'<path d="M0 6H16" class="m-{key}" stroke="{PALETTE["light"][key]}" '
                f'stroke-width="{_f(width)}"{dashes}/>' + self.glyph(mode, 18, 6)
            )
            out.append((svg, label))
        high = RISK_COLOUR["high"]
        badge = f'<rect width="22" height="12" rx="6" class="r-high" fill="{high}"/>'
        out.append((badge, "open findings (count)"))
        if self.marks.parties or self.marks.interactions:
            for change in ("added", "removed", "changed"):
                sign = SIGN[change]
                svg = (
                    f'<circle cx="11" cy="6" r="7" class="c-{change}" '
                    f'fill="{PALETTE["light"][change]}"/><text x="11" y="10" font-size="11" '
                    f'text-anchor="middle" font-weight="bold" class="badge-ink" fill="#ffffff">'
                    f"{sign}</text>"
                )
                out.append((svg, change))
        return out

    # -- the whole picture --------------------------------------------------------------------

    def render(self, title: str, desc: str, subtitle: str = "") -> str:
        org = self.org
        entries = self.legend_entries()
        heading = [
            Line(org.name, TITLE_SIZE, True, "title"),
            Line(
                subtitle
                or f"as of {org.as_of.isoformat()} · {len(org.teams)} teams · "
                f"{len(org.interactions)} interactions",
                TEXT_SIZE,
                False,
                "detail",
            ),
        ]
        geo = layout(
            org,
            self.content,
            self.badge_width,
            heading,
            [legend_width(label) for _, label in entries],
        )
        return self.svg(geo, entries, title, desc)

    def svg(self, geo: Geometry, entries: list[tuple[str, str]], title: str, desc: str) -> str:
        p = self.prefix
        org = self.org
        # An image's children are hidden from assistive technology; with links, use a group.
        linked = any(self.linker(t) for t in org.teams.values()) or any(
            (v.page or "").startswith(("http://", "https://")) for v in org.providers.values()
        )
        role = "group" if linked else "img"
        defs = (
            f'<defs><pattern id="{p}-hatch" width="5" height="5" patternUnits="userSpaceOnUse">'
            '<path d="M0 0L5 5M5 0L0 5" stroke="#6a3d9a" class="m-collab" stroke-width="1.2"/>'
            f'</pattern><pattern id="{p}-dots" width="4" height="4" '
            'patternUnits="userSpaceOnUse"><circle cx="2" cy="2" r="0.9" fill="#2e7d32" '
            'class="f-facil"/></pattern></defs>'
        )
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="playbook-topology" '
            f'viewBox="0 0 {_f(geo.width)} {_f(geo.height)}" width="{_f(geo.width)}" '
            f'height="{_f(geo.height)}" role="{role}" aria-labelledby="{p}-title" '
            f'aria-describedby="{p}-desc" font-family="system-ui, sans-serif" '
            f'data-columns="{geo.columns}">',
            f'<title id="{p}-title">{text(title)}</title>',
            f'<desc id="{p}-desc">{text(desc)}</desc>',
            _style(),
            defs,
            f'<rect width="{_f(geo.width)}" height="{_f(geo.height)}" class="bg" fill="#ffffff"/>',
        ]
        y = 12.0
        for line in geo.title:
            y += line.height
            cls = "ink" if line.role == "title" else "muted"
            weight = ' font-weight="bold"' if line.bold else ""
            out.append(
                f'<text x="12" y="{_f(y - line.height * 0.27)}" font-size="{_f(line.size)}"'
                f'{weight} class="{cls}" fill="#1a1a1a">{text(line.text)}</text>'
            )
        out += [self.frame(f) for f in geo.frames]
        out += [self.item(i) for i in geo.items.values()]
        out += [self.link(link, n) for n, link in enumerate(geo.links)]
        out.append('<g class="legend" aria-hidden="true">')
        for (shape, label), (lx, ly) in zip(entries, geo.legend, strict=True):
            out.append(
                f'<g transform="translate({_f(lx)} {_f(ly)})">{shape}'
                f'<text x="30" y="11" font-size="{_f(SMALL_SIZE)}" class="muted" '
                f'fill="#333333">{text(label)}</text></g>'
            )
        out.append("</g></svg>\n")
        return "".join(out)


def description(result: TopologyResult) -> str:
    """A plain-text account of the picture, for <desc> and screen readers."""
    org = result.organisation
    assert org is not None
    counts = {k: sum(1 for t in org.teams.values() if t.type == k) for k in TYPE_LABEL}
    kinds = ", ".join(f"{n} {TYPE_LABEL[k]}" for k, n in counts.items() if n)
    modes = {m: sum(1 for ix in org.interactions if ix.mode == m) for m in MODE_LABEL}
    ways = ", ".join(f"{n} {MODE_LABEL[m]}" for m, n in modes.items() if n) or "none"
    open_ = sum(1 for f in result.findings if f.status.value == "open")
    bought = f", {len(org.providers)} external provider(s)" if org.providers else ""
    return (
        f"{len(org.teams)} teams ({kinds}){bought}; interactions: {ways}; {open_} open "
        "finding(s). Value streams stand side by side with their stream-aligned teams, the "
        "complicated-subsystem teams under the teams that use them and enabling teams upright "
        "beside the teams they facilitate; platform teams are in a row underneath, external "
        "providers below them. Lines join the teams that interact, with the mode's shape where "
        "they meet a team; the table after the drawing lists the same teams and interactions."
    )


def draw(
    result: TopologyResult,
    *,
    prefix: str = "topology",
    linker: Linker | None = None,
    marks: Marks | None = None,
    title: str | None = None,
    note: str = "",
    subtitle: str = "",
) -> str:
    """The SVG for a valid topology. ``prefix`` keeps element ids unique in a page;
    ``linker`` maps a team to its link (default: the team's ``page``); ``marks`` shows
    changes (see :mod:`checker.topology.changes`), ``title``, ``subtitle`` (the line under
    the organisation's name) and ``note`` (added to the description) say what it shows."""
    if result.organisation is None:
        raise ValueError("draw() needs a valid topology")
    drawing = Drawing(result, prefix, linker or (lambda team: team.page), marks or Marks())
    heading = title or f"Team topology of {result.organisation.name}"
    desc = description(result) + (f" {note}" if note else "")
    return drawing.render(heading, desc, subtitle)
