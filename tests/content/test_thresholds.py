"""Each number a checklist compares answers with is sourced or called a rule of thumb on its page.

The convention (docs/reference/checklist-format.md, "Where the numbers come from"): each checklist
page has a section with that title holding a table ``| Where | Numbers | Basis |``. *Where* names
the question ids (a ratio as ``a/b``, level bands as ``levels``) in backticks, finding ids may be
added for the reader; *Numbers* lists the thresholds; *Basis* cites a reference with ``{ref}`` or
says "rule of thumb". A threshold is a band bound in a question's points, an ``at_least``/``below``
in a ``when`` or ``show_if``, a level bound, or a number written with digits in a prompt, help
text or choice label. ``0``, and ``1`` on a count question (meaning "any"), are not thresholds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.cli.scaffold import checklist_text, page_text

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))
HEADING = re.compile(r"^#{2,6}\s+Where the numbers come from\s*$", re.MULTILINE)
NUMBER = re.compile(r"(?<![\w.-])\d+(?:\.\d+)?(?![\w-])")
SOURCED = re.compile(r"\{ref\}`[^`]+`|rule of thumb", re.IGNORECASE)
Threshold = tuple[str, float]


def _numbers(text: str) -> set[float]:
    return {float(n) for n in NUMBER.findall(text)}


def _conditions(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "answer" in node or "ratio" in node:
            yield node
        for value in node.values():
            yield from _conditions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _conditions(value)


def thresholds(checklist: dict[str, Any]) -> set[Threshold]:
    """The (where, number) pairs in a checklist that need a basis on its page."""
    kinds: dict[str, str] = {}
    found: set[Threshold] = set()
    for section in checklist.get("sections", []):
        for q in section.get("questions", []):
            qid = str(q["id"])
            kinds[qid] = str(q.get("kind"))
            if isinstance(q.get("points"), list):
                for band in q["points"]:
                    found |= {(qid, float(v)) for k, v in band.items() if k != "points"}
            texts = [str(q.get("prompt", "")), str(q.get("help", ""))]
            texts += [str(c.get("label", "")) for c in q.get("choices", [])]
            found |= {(qid, n) for text in texts for n in _numbers(text)}
    rules = [f.get("when") for f in checklist.get("findings", [])]
    rules += [q.get("show_if") for s in checklist.get("sections", []) for q in s["questions"]]
    for cond in _conditions(rules):
        where = "/".join(cond["ratio"]) if "ratio" in cond else str(cond["answer"])
        for key, value in cond.items():
            if key not in ("answer", "ratio", "is", "in", "has", "answered"):
                found.add((where, float(value)))
    for level in checklist.get("scoring", {}).get("levels", []):
        found |= {
            ("levels", float(v))
            for k, v in level.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        }
    return {
        (where, n) for where, n in found if n != 0 and not (n == 1 and kinds.get(where) == "count")
    }


def page_rows(page: str) -> list[tuple[set[str], set[float], str]]:
    """The rows of the page's "Where the numbers come from" table: (where, numbers, basis)."""
    match = HEADING.search(page)
    if match is None:
        return []
    rows = []
    for line in page[match.end() :].lstrip("\n").splitlines():
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or set(cells[0]) <= set("-: "):
            continue
        where = set(re.findall(r"`([^`]+)`", cells[0]))
        if where:
            rows.append((where, _numbers(cells[1]), "|".join(cells[2:])))
    return rows


def problems(checklist: dict[str, Any], page: str) -> list[str]:
    """Thresholds without a basis on the page, and rows that are unsourced or list no threshold."""
    needed = thresholds(checklist)
    rows = page_rows(page)
    out = []
    for where, number in sorted(needed):
        if not any(where in w and number in ns for w, ns, _ in rows):
            out.append(f"{where}: {number:g} is neither sourced nor labelled a rule of thumb")
    for places, numbers, basis in rows:
        if not SOURCED.search(basis):
            out.append(
                f"{', '.join(sorted(places))}: basis cites no {{ref}} and is no rule of thumb"
            )
        for n in sorted(numbers):
            if not any((w, n) in needed for w in places):
                out.append(
                    f"{', '.join(sorted(places))}: {n:g} is not a threshold there (stale row?)"
                )
    return out


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_every_threshold_is_sourced_or_a_rule_of_thumb_on_its_page(path: Path) -> None:
    checklist = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "checklists" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert problems(checklist, page) == []


CHECKLIST = {
    "sections": [
        {
            "id": "s",
            "questions": [
                {
                    "id": "wait",
                    "kind": "count",
                    "prompt": "How many days in the last 12 months?",
                    "points": [{"below": 1, "points": 1}, {"below": 5, "points": 0.5}],
                },
                {"id": "share", "kind": "percent", "show_if": {"answer": "wait", "at_least": 1}},
            ],
        }
    ],
    "findings": [{"id": "f", "when": {"ratio": ["share", "wait"], "below": 0.5}}],
    "scoring": {"levels": [{"name": "low", "below": 40}, {"name": "high"}]},
}


def test_thresholds_are_found_in_bands_conditions_ratios_levels_and_text() -> None:
    assert thresholds(CHECKLIST) == {
        ("wait", 5.0),
        ("wait", 12.0),
        ("share/wait", 0.5),
        ("levels", 40.0),
    }


def test_an_unlabelled_threshold_or_an_unsourced_row_is_reported() -> None:
    page = """# A checklist

## Where the numbers come from

| Where | Numbers | Basis |
|---|---|---|
| `wait` | 5, 12 | A rule of thumb. |
| `share/wait` | 0.5, 0.7 | {ref}`Someone, 2020 <ref-someone>` |
| `levels` | 40 | Our guess. |
"""
    assert sorted(problems(CHECKLIST, page)) == [
        "levels: basis cites no {ref} and is no rule of thumb",
        "share/wait: 0.7 is not a threshold there (stale row?)",
    ]
    assert problems(CHECKLIST, "# No table\n") == [
        "levels: 40 is neither sourced nor labelled a rule of thumb",
        "share/wait: 0.5 is neither sourced nor labelled a rule of thumb",
        "wait: 5 is neither sourced nor labelled a rule of thumb",
        "wait: 12 is neither sourced nor labelled a rule of thumb",
    ]


def test_a_scaffolded_checklist_starts_with_its_numbers_labelled() -> None:
    checklist = yaml.safe_load(checklist_text("data-quality", "Data quality", "some-pitfall"))
    page = page_text("data-quality", "Data quality", "some-pitfall")
    assert thresholds(checklist) and problems(checklist, page) == []
