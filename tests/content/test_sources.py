"""The playbook's chapters cite their sources and feed a pitfall; every reference is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REFERENCES = DOCS / "references.md"
CHAPTER_DIRS = ("framework", "evolution", "principles", "roles")
CHAPTERS = sorted(p for d in CHAPTER_DIRS for p in (DOCS / d).glob("*.md") if p.name != "index.md")

CITATION = re.compile(r"\{ref\}`[^`<]*<(ref-[\w-]+)>`")
PITFALL_LINK = re.compile(r"\{pitfall\}`[\w-]+`")
LABEL = re.compile(r"^\((ref-[\w-]+)\)=$", re.MULTILINE)


def _labels() -> list[str]:
    return LABEL.findall(REFERENCES.read_text(encoding="utf-8"))


def test_the_chapter_list_is_not_empty() -> None:
    assert len(CHAPTERS) >= 20
    assert DOCS / "framework" / "capability-ownership.md" in CHAPTERS


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_chapter_cites_a_source_and_feeds_a_pitfall(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert CITATION.search(text), f"{page.name} cites no source from references.md"
    assert PITFALL_LINK.search(text), f"{page.name} links no pitfall"


def test_every_reference_is_cited_by_some_page() -> None:
    cited = {
        label
        for page in DOCS.rglob("*.md")
        if page != REFERENCES
        for label in CITATION.findall(page.read_text(encoding="utf-8"))
    }
    labels = _labels()
    assert len(labels) >= 30
    assert sorted(set(labels) - cited) == [], "references no page cites"


def test_every_reference_says_how_sure_we_are() -> None:
    """The 'Source by source' table has one row per reference, each with a non-empty verdict."""
    text = REFERENCES.read_text(encoding="utf-8")
    table = text[text.index("### Source by source") :]
    rows = [line for line in table.splitlines() if line.startswith("| {ref}")]
    verdicts = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 3 and all(cells), row
        (label,) = CITATION.findall(cells[0])
        verdicts[label] = cells[2]
    assert sorted(verdicts) == sorted(_labels())
    assert len(rows) == len(verdicts), "a reference has two rows"
