"""axe-core for the browser tests: the vendored script and one way to ask it about a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def violations(page: Any, include: str | None = None) -> list[dict[str, Any]]:
    """axe's violations on ``page``, within the elements ``include`` selects (default: all of
    it): each rule's id and impact, and its first five nodes with the reason."""
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """include => axe.run(include || document).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)
        })))""",
        include,
    )
    return found
