"""Whatever a topology file holds, the checker answers with diagnostics, never a crash."""

from __future__ import annotations

import json
import os
from typing import Any
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.topology.check import evaluate
from checker.topology.draw import draw
from checker.topology.load import load_topology_text

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
IDS = st.sampled_from(["a", "b", "c", "plat", "x-y", "A", "", "a--b"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 40),
    st.text(max_size=12),
    IDS,
    st.sampled_from(["2026-01-01", "2026-02-30", "2027-12-31", "yesterday"]),
)
TEAM = st.fixed_dictionaries(
    {
        "id": IDS,
        "name": st.one_of(st.text(max_size=20), SCALARS),
        "type": st.sampled_from(
            ["stream-aligned", "platform", "enabling", "complicated-subsystem", "other"]
        ),
    },
    optional={
        "grouping": IDS,
        "members": st.dictionaries(
            st.sampled_from(["scientists", "ml-engineers", "product", "bogus"]), SCALARS
        ),
        "provides": st.lists(st.sampled_from(["serving", "registry", "gpu", "x"]), max_size=3),
        "owns": st.lists(IDS, max_size=2),
        "page": st.sampled_from(["https://e.com", "javascript:alert(1)", "../p.md", "a b"]),
    },
)
INTERACTION = st.fixed_dictionaries(
    {
        "from": IDS,
        "to": IDS,
        "mode": st.sampled_from(
            [
                "collaboration",
                "x-as-a-service",
                "facilitating",
                "by-request",
                "oversight",
                "pairing",
            ]
        ),
    },
    optional={"since": SCALARS, "until": SCALARS, "purpose": SCALARS},
)
DOC = st.fixed_dictionaries(
    {
        "topology": st.sampled_from([1, 1, 1, 2, "1"]),
        "organisation": SCALARS,
        "teams": st.lists(TEAM, max_size=6),
    },
    optional={
        "as_of": SCALARS,
        "interactions": st.lists(INTERACTION, max_size=8),
        "groupings": st.lists(
            st.fixed_dictionaries(
                {
                    "id": IDS,
                    "name": st.text(max_size=8),
                    "kind": st.sampled_from(["value-stream", "platform", "team"]),
                }
            ),
            max_size=3,
        ),
        "thresholds": st.dictionaries(
            st.sampled_from(["max-collaborations", "collaboration-months", "nope"]), SCALARS
        ),
        "capabilities": st.lists(IDS, max_size=3),
        "providers": st.lists(
            st.fixed_dictionaries(
                {"id": IDS, "name": st.one_of(st.text(max_size=8), SCALARS)},
                optional={
                    "kind": st.sampled_from(["vendor", "managed-service", "friend"]),
                    "provides": st.lists(st.sampled_from(["serving", "x"]), max_size=2),
                },
            ),
            max_size=2,
        ),
        "exemptions": st.lists(
            st.fixed_dictionaries(
                {
                    "finding": st.sampled_from(
                        ["long-collaboration", "x/y", "capability-unowned/a"]
                    ),
                    "owner": st.text(max_size=5),
                    "reason": st.text(max_size=5),
                    "expires": SCALARS,
                }
            ),
            max_size=2,
        ),
    },
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_any_document_gives_diagnostics_or_a_drawing(data: dict[str, Any]) -> None:
    org, diagnostics = load_topology_text(json.dumps(data), "fuzz.yaml")
    for d in diagnostics:
        assert d.file == "fuzz.yaml" and d.line >= 1 and d.column >= 1 and d.code.startswith("PC")
    if org is None:
        assert any(d.severity.value == "error" for d in diagnostics)
        return
    result = evaluate(org, "fuzz.yaml", diagnostics)
    ET.fromstring(draw(result))
    ids = [f.id for f in result.findings]
    assert len(ids) == len(set(ids)), ids  # one id, one thing
    teams = set(org.teams)
    assert all(set(t) <= teams for t in result.open_by_team())
