"""What changed between two versions of a topology, as Markdown for a pull request.

The change lines of :func:`checker.topology.diff.change_lines` (escaped: team text never becomes
markup), then the new version as a Mermaid diagram with the changes marked, which GitHub and
GitLab draw, and the findings fixed and introduced.
"""

from __future__ import annotations

from typing import Any

from checker.report.markdown_format import code, esc
from checker.topology.changes import merged
from checker.topology.check import TopologyResult
from checker.topology.diff import change_lines
from checker.topology.mermaid import mermaid


def render_markdown(change: dict[str, Any], old: TopologyResult, new: TopologyResult) -> str:
    f = change["findings"]
    out = [
        f"## Team topology: {code(change['old']['file'])} ({change['old']['as_of']}) → "
        f"{code(change['new']['file'])} ({change['new']['as_of']})",
        "",
        f"{len(f['fixed'])} finding(s) fixed, {len(f['introduced'])} introduced.",
        "",
    ]
    lines = change_lines(change)
    out += [f"- {esc(line)}" for line in lines] or ["Nothing changed."]
    picture, marks = merged(old, new)
    out += [
        "",
        "The new version, with what changed marked (added, removed, changed):",
        "",
        "```mermaid",
        mermaid(picture, marks).rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(out)
