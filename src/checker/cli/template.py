"""``playbook-check init``: an answers template with each prompt as a comment."""

from __future__ import annotations

import datetime as dt
import json

from checker.model import Checklist, Question
from checker.textsafe import json_safe, neutralise

_KIND_HINT = {
    "yes-no": "yes or no",
    "count": "a whole number",
    "number": "a number",
    "percent": "a number from 0 to 100",
    "text": "text",
}


def _hint(q: Question) -> str:
    if q.kind == "choice":
        return "one of: " + ", ".join(q.choice_ids)
    if q.kind == "multi-choice":
        return "a list of any of: " + ", ".join(q.choice_ids) + " (or [] for none)"
    return _KIND_HINT[q.kind]


def _comment(text: str) -> list[str]:
    lines = neutralise(text, multiline=True).split("\n")
    return ["  # " + line if line else "  #" for line in lines]


def render_template(
    checklist: Checklist, *, team: str = "", today: dt.date | None = None, schema_ref: str = ""
) -> str:
    """The YAML text of an unanswered answers file for ``checklist``."""
    major, minor, _ = checklist.version
    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [
        f"# Answers to the {checklist.title!r} checklist, version {checklist.version_text}.",
        "# Answer each question after its colon. A question that does not apply:",
        '#   question-id: {not_applicable: "why it does not apply"}',
        "# Check with: playbook-check validate THIS-FILE",
        f"checklist: {checklist.id}@{major}.{minor}",
        f"team: {json_safe(json.dumps(team or 'TEAM NAME', ensure_ascii=False))}",
        f"assessed: {(today or dt.date.today()).isoformat()}",
        "answers:",
    ]
    for section in checklist.sections:
        lines.append(f"  # --- {neutralise(section.title)} ---")
        for q in section.questions:
            lines += _comment(q.prompt)
            if q.help:
                lines += _comment(q.help)
            extra = "" if q.required else " Optional."
            if q.show_if is not None:
                extra += " Asked only when an earlier answer calls for it."
            lines.append(f"  # Answer: {_hint(q)}.{extra}")
            lines.append(f"  {q.id}:")
    lines += [
        "notes: {}        # question-id: free text shown next to the answer",
        "evidence: {}     # question-id: a URL or a path in this repository",
        "exemptions: []   # - {finding: ID, owner: EMAIL, reason: TEXT, expires: YYYY-MM-DD}",
    ]
    return "\n".join(lines) + "\n"
