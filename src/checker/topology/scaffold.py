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
