"""``topology init``: a starting topology file that is valid and shows every feature."""

from __future__ import annotations

import json
from collections.abc import Callable

TEMPLATE = """\
# A team topology: see docs/reference/topology-format.md. Check it with
#   playbook-check topology check THIS-FILE
# and draw it with
#   playbook-check topology draw THIS-FILE -o topology.svg
topology: 1
organisation: {organisation}
# as_of: 2026-11-24          # the date the map describes (default: today)

groupings:
  - {{id: shopping, name: Shopping, kind: value-stream}}
  - {{id: ml-platform, name: ML platform, kind: platform}}

# Capabilities the organisation needs; each should be provided by exactly one team.
capabilities: [serving, registry, monitoring]

teams:
  - id: search
    name: Search
    type: stream-aligned        # stream-aligned, platform, enabling, complicated-subsystem
    grouping: shopping
    members: {{scientists: 2, ml-engineers: 1, software-engineers: 4, product: 1}}
    owns: [search-ranking]
  - id: platform
    name: ML Platform
    type: platform
    grouping: ml-platform
    members: {{ml-engineers: 3, product: 1}}
    provides: [serving, registry, monitoring]

# External providers: what you buy or rely on without staffing it (managed services,
# vendors, consultancies, regulators); they can serve, help or oversee your teams.
# providers:
#   - {{id: cloud-ml, name: Managed ML service, kind: managed-service, provides: [training]}}

interactions:
  - from: platform              # who provides (or facilitates, or oversees)
    to: search                  # who consumes (or is helped, or is overseen)
    mode: x-as-a-service        # collaboration, x-as-a-service, facilitating, by-request
    purpose: Deploy and monitor ranking models  # (a ticket queue), oversight

# thresholds:                   # override a finding's default threshold
#   max-collaborations: 1
# exemptions:
#   - finding: collaboration-without-end/search--platform
#     owner: Head of ML
#     reason: Why this is acceptable for now
#     expires: 2027-03-31
"""


def template(organisation: str = "") -> str:
    """The starting file; the organisation name is quoted so any text is safe YAML."""
    return TEMPLATE.format(organisation=json.dumps(organisation or "Your organisation"))


def generated(teams: int) -> str:
    """A synthetic organisation of about ``teams`` teams (benchmarks and tests): value streams
    of six stream-aligned teams, one complicated-subsystem team per stream, platforms of four
    teams, an enabling team per ten streams, and the interactions between them."""
    streams = max(1, teams // 8)
    lines = [
        "topology: 1",
        f"organisation: Generated organisation of {teams} teams",
        "as_of: 2026-11-01",
        "capabilities: [training, registry, serving, monitoring]",
        "groupings:",
    ]
    lines += [
        f"  - {{id: stream-{s}, name: Value stream {s}, kind: value-stream}}"
        for s in range(streams)
    ]
    platforms = max(1, streams // 4)
    lines += [
        f"  - {{id: platform-{p}, name: Platform group {p}, kind: platform}}"
        for p in range(platforms)
    ]
    lines.append("teams:")
    team_lines: list[str] = []
    links: list[str] = []
    count = 0
    caps = ("training", "registry", "serving", "monitoring")
    for p in range(platforms):
        for k in range(4):
            if count >= teams:
                break
            cap = caps[k] if p == 0 else f"tool-{p}-{k}"
            team_lines.append(
                f"  - {{id: plat-{p}-{k}, name: Platform team {p}.{k}, type: platform, "
                f"grouping: platform-{p}, members: {{ml-engineers: 3, product: 1}}, "
                f"provides: [{cap}]}}"
            )
            count += 1
    for s in range(streams):
        if count >= teams:
            break
        team_lines.append(
            f"  - {{id: cs-{s}, name: Specialist team {s}, type: complicated-subsystem, "
            f"members: {{scientists: 2, ml-engineers: 1}}, owns: [model-cs-{s}]}}"
        )
        count += 1
        for t in range(6):
            if count >= teams:
                break
            tid = f"st-{s}-{t}"
            team_lines.append(
                f"  - {{id: {tid}, name: Stream team {s}.{t} with a longer name, "
                f"type: stream-aligned, grouping: stream-{s}, members: {{scientists: {t % 3}, "
                f"ml-engineers: {t % 2}, software-engineers: 5, product: 1}}, "
                f"owns: [model-{s}-{t}]}}"
            )
            count += 1
            links.append(f"  - {{from: plat-0-2, to: {tid}, mode: x-as-a-service}}")
            if t < 2:
                links.append(f"  - {{from: cs-{s}, to: {tid}, mode: x-as-a-service}}")
    e = 0
    while count < teams:
        team_lines.append(
            f"  - {{id: enable-{e}, name: Enabling team {e}, type: enabling, "
            "members: {ml-engineers: 2}}"
        )
        links.append(
            f"  - {{from: enable-{e}, to: st-{e % streams}-0, mode: facilitating, "
            "since: 2026-09-01, until: 2026-12-31}"
        )
        count += 1
        e += 1
    return "\n".join(lines + team_lines + ["interactions:"] + links) + "\n"


def _values(text: str) -> int:
    """About how many values the loader counts in ``text`` (scalars and collections)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    kinds = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    return sum(isinstance(e, kinds) for e in yaml.parse(text, Loader=loader))


def _fit(make: Callable[[int], str], size: int, max_values: int | None) -> str:
    """``make(n)`` for the largest ``n`` whose text is at most ``size`` bytes; then, when
    ``max_values`` is given, scaled down (values grow about linearly with ``n``) until it holds
    at most that many values."""
    low, high = 1, 2
    while len(make(high).encode()) <= size:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(make(mid).encode()) <= size else (low, mid)
    n = low
    while max_values is not None and (count := _values(make(n))) > max_values:
        n = max(1, min(n - 1, int(n * max_values / count)))
    return make(n)


def stress_inputs(size: int = 1 << 20, max_values: int | None = None) -> dict[str, str]:
    """Topology files of at most ``size`` bytes (and ``max_values`` values), each built to load
    one stage: the whole pipeline (a large organisation), the findings (every pair of teams
    collaborating with no end), exemptions against findings, unknown references (each one a
    "did you mean" search), and look-alike names. The resource test and ``make bench`` run
    every command on them."""
    head = "topology: 1\norganisation: Stress\nas_of: 2026-11-01\nteams:\n"

    def teams(n: int, name: str = "Team {i}") -> str:
        return "".join(
            f"  - {{id: t{i}, name: {name.format(i=i)}, type: stream-aligned, "
            "members: {scientists: 1, ml-engineers: 1, product: 1}}\n"
            for i in range(n)
        )

    def pairs(n: int) -> list[tuple[int, int]]:
        return [(a, b) for a in range(n) for b in range(a + 1, n)]

    def collaborating(n: int) -> str:
        ixs = "".join(f"  - {{from: t{a}, to: t{b}, mode: collaboration}}\n" for a, b in pairs(n))
        return head + teams(n) + "interactions:\n" + ixs

    def exempted(n: int) -> str:
        links = [(a, a + 1 + k) for a in range(n) for k in range(3)]
        return (
            head
            + teams(n + 3)
            + "interactions:\n"
            + "".join(f"  - {{from: t{a}, to: t{b}, mode: collaboration}}\n" for a, b in links)
            + "exemptions:\n"
            + "".join(
                f"  - {{finding: collaboration-without-end/t{a}--t{b}, owner: o, reason: r, "
                "expires: 2099-01-01}\n"
                for a, b in links
            )
        )

    def unknown(n: int) -> str:
        refs = "".join(f"  - {{from: x{i}, to: y{i}, mode: x-as-a-service}}\n" for i in range(n))
        return head + teams(2000) + "interactions:\n" + refs

    makers: dict[str, Callable[[int], str]] = {
        "large-organisation": generated,
        "every-pair-collaborating": collaborating,
        "exemptions-times-findings": exempted,
        "unknown-references": unknown,
        "look-alike-names": lambda n: head + teams(n, name="Same name"),
    }
    return {name: _fit(make, size, max_values) for name, make in makers.items()}
