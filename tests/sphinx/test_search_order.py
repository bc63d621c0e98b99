"""The playbook's scorer works whichever of Sphinx's search scripts a theme loads first: Furo
loads searchtools.js before language_data.js (which holds the scorer), the basic theme after."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.test_search import QUERIES
from tests.conftest import BuiltSite

RUNNER = Path(__file__).with_name("search_runner.js")
NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("order", ["furo", "basic"])
def test_both_load_orders_rank_alike(real_site: BuiltSite, order: str) -> None:
    assert real_site.returncode == 0, real_site.log
    queries = sorted(QUERIES)
    proc = subprocess.run(
        [str(NODE), str(RUNNER), str(real_site.html), order, *queries],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages = [list(dict.fromkeys(found)) for found in json.loads(proc.stdout)]
    missed = {q: p[:5] for q, p in zip(queries, pages, strict=True) if QUERIES[q] not in p[:3]}
    assert missed == {}
