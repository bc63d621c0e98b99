"""``topology init``: a starting topology file that is valid and shows every feature."""

from __future__ import annotations

import json

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

interactions:
  - from: platform              # who provides (or facilitates)
    to: search                  # who consumes (or is helped)
    mode: x-as-a-service        # collaboration, x-as-a-service, facilitating
    purpose: Deploy and monitor ranking models

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
