"""``playbook-check init``: an answers template with each prompt as a comment.

The template passes yamllint's default rules: it starts with ``---``, keeps lines within 80
characters and spells yes-no answers ``true``/``false`` (yamllint's ``truthy`` rule flags
``yes``/``no``; the checker accepts all four).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from checker.conditions import describe
from checker.model import Checklist, Question
from checker.textsafe import json_safe, neutralise

WIDTH = 80
"""yamllint's default ``line-length``."""

_KIND_HINT = {
    "yes-no": "true or false",
    "count": "a whole number",
    "number": "a number",
    "percent": "a number from 0 to 100",
    "text": "text",
}


def kind_hint(q: Question) -> str:
    """What an answer to ``q`` looks like, in words."""
    if q.kind == "choice":
        return "one of: " + ", ".join(q.choice_ids)
    if q.kind == "multi-choice":
        return "a list of any of: " + ", ".join(q.choice_ids) + " (or [] for none)"
    return _KIND_HINT[q.kind]


def _comment(text: str, indent: str = "  ") -> list[str]:
    out: list[str] = []
    for para in neutralise(text, multiline=True).split("\n"):
        wrapped = textwrap.wrap(
            para,
            WIDTH - len(indent) - 2,
            break_long_words=False,
            break_on_hyphens=False,
        )
        out += [f"{indent}# {line}" for line in wrapped] or [f"{indent}#"]
    return out


def render_template(
    checklist: Checklist, *, team: str = "", today: dt.date | None = None, schema_ref: str = ""
) -> str:
    """The YAML text of an unanswered answers file for ``checklist``."""
    major, minor, _ = checklist.version
    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines.append("---")
    lines += _comment(
        f"Answers to the {checklist.title!r} checklist, version {checklist.version_text}.",
        "",
    )
    if checklist.applicability:
        lines += _comment(f"Who answers it: {checklist.applicability}", "")
    lines += [
        "# Answer each question after its colon. A question that does not apply:",
        '#   question-id: {not_applicable: "why it does not apply"}',
        "# If the whole checklist does not apply to the team, replace answers: with",
        '#   not_applicable: "why it does not apply to us"',
        "# Check with: playbook-check validate THIS-FILE",
        f"checklist: {checklist.id}@{major}.{minor}",
        f"team: {json_safe(json.dumps(team or 'TEAM NAME', ensure_ascii=False))}",
        f"assessed: {(today or dt.date.today()).isoformat()}",
        "answers:",
    ]
    for section in checklist.sections:
        lines += _comment(f"--- {section.title} ---")
        for q in section.questions:
            lines += _comment(q.prompt)
            if q.help:
                lines += _comment(q.help)
            extra = "" if q.required else " Optional."
            if q.show_if is not None:
                extra += f" Asked only when {describe(q.show_if)}."
            lines += _comment(f"Answer: {kind_hint(q)}.{extra}")
            lines.append(f"  {q.id}:")
    lines += [
        "notes: {}  # question-id: free text shown next to the answer",
        "evidence: {}  # question-id: a URL or a path in this repository",
        "# exemptions: - {finding: ID, owner: EMAIL, reason: TEXT, expires: YYYY-MM-DD}",
        "exemptions: []",
    ]
    return "\n".join(lines) + "\n"
