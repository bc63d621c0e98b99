"""Builders for topology tests: a clean organisation and ways to change it."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.topology.check import TopologyResult, evaluate
from checker.topology.load import load_topology_text

TODAY = dt.date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[2]

BASE: dict[str, Any] = {
    "topology": 1,
    "organisation": "Base Org",
    "as_of": "2026-11-01",
    "capabilities": ["serving"],
    "groupings": [
        {"id": "shop", "name": "Shop", "kind": "value-stream"},
        {"id": "ml", "name": "ML", "kind": "platform"},
    ],
    "teams": [
        {
            "id": "search",
            "name": "Search",
            "type": "stream-aligned",
            "grouping": "shop",
            "members": {"scientists": 2, "ml-engineers": 1, "product": 1},
            "owns": ["ranking"],
        },
        {
            "id": "plat",
            "name": "ML Platform",
            "type": "platform",
            "grouping": "ml",
            "members": {"ml-engineers": 3},
            "provides": ["serving", "registry"],
        },
    ],
    "interactions": [{"from": "plat", "to": "search", "mode": "x-as-a-service"}],
}


def text_of(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def check_data(data: dict[str, Any], today: dt.date = TODAY) -> TopologyResult:
    org, diagnostics = load_topology_text(text_of(data), "org.yaml", today=today)
    return evaluate(org, "org.yaml", diagnostics, today)


def team(tid: str, ttype: str = "stream-aligned", **extra: Any) -> dict[str, Any]:
    return {"id": tid, "name": tid.title(), "type": ttype, **extra}


def link(src: str, dst: str, mode: str = "x-as-a-service", **extra: Any) -> dict[str, Any]:
    return {"from": src, "to": dst, "mode": mode, **extra}


@pytest.fixture
def base() -> dict[str, Any]:
    return copy.deepcopy(BASE)


@pytest.fixture
def fired() -> Callable[[dict[str, Any]], set[str]]:
    def _fired(data: dict[str, Any]) -> set[str]:
        result = check_data(data)
        assert result.valid, [d.format() for d in result.diagnostics]
        return {f.id for f in result.findings}

    return _fired


def next_version(tmp_path: Path) -> Path:
    """drawings/thirty.yaml reorganised: a team added, one removed, one renamed, one moved;
    an interaction added, one removed, one changed in mode."""
    text = (Path(__file__).parent / "drawings" / "thirty.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Credit risk,", "name: Credit decisions,")
    text = text.replace(
        "name: Returns, type: stream-aligned, grouping: fulfilment",
        "name: Returns, type: stream-aligned, grouping: shopping",
    )
    text = text.replace("  - {from: vision, to: returns, mode: x-as-a-service}\n", "").replace(
        "{from: feature-store, to: pricing, mode: collaboration",
        "{from: feature-store, to: pricing, mode: x-as-a-service",
    )
    text = text.replace(
        "  - {id: ml-enablement,",
        "  - {id: ai-guild, name: AI guild, type: enabling}\n  - {id: ml-enablement,",
    )
    text += "  - {from: ai-guild, to: loyalty, mode: facilitating, until: 2027-03-31}\n"
    text = text.replace(
        "  - {id: invoicing, name: Invoicing, type: stream-aligned, grouping: finance,\n"
        "     members: {software-engineers: 3, product: 1}}\n",
        "",
    )
    path = tmp_path / "next.yaml"
    path.write_text(text, encoding="utf-8")
    return path
