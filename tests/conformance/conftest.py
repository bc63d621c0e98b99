"""Fixtures for the engine conformance tests (node, no browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .engine import NodeEngine


@pytest.fixture(scope="session")
def engine() -> Iterator[NodeEngine]:
    node = NodeEngine()
    yield node
    node.close()
