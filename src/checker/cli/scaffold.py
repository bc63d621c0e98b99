"""``playbook-check new-checklist``: a checklist that passes ``playbook-check lint`` as written,
in the playbook or in a team's repository, and optionally its Sphinx page."""

from __future__ import annotations

from checker.cli.accepted import yaml_string

CHECKLIST = """\
---
id: {id}
version: 0.1.0
title: {title}
summary: What this checklist assesses, in one or two sentences.
applicability: >-
  Which teams answer it, and which say it does not apply (with not_applicable and a reason).
sections:
  - id: basics
    title: Basics
    questions:
      - id: example-question
        prompt: Does the team do the thing this checklist is about?
        help: Explain what counts as "yes".
        kind: yes-no
        points: {{yes: 1, no: 0}}
findings:
  - id: example-finding
    title: The team does not do the thing
    pitfall: {pitfall}
    risk: medium
    when: {{answer: example-question, is: no}}
    advice: Say what the team should do first, in one or two sentences.
scoring:
  aggregate: weighted
  levels:
    - {{name: starting, below: 50}}
    - {{name: established}}
"""

PAGE = """\
# {title}

Explain what this checklist assesses and why, and link the pitfalls it detects, e.g.
{{pitfall}}`{pitfall}`.

```{{checklist}} {id}
```

## Where the numbers come from

| Where | Numbers | Basis |
|---|---|---|
| `levels` | 50 | Rule of thumb (or cite a source from the references page). |
"""


def checklist_text(checklist_id: str, title: str, pitfall: str, schema: str = "") -> str:
    """The checklist's YAML (every value quoted: an id ``1`` stays text, a title's colon stays
    in it); ``schema``, when given, is the checklist schema's path relative to it, for the
    editor's ``$schema`` modeline."""
    text = CHECKLIST.format(
        id=yaml_string(checklist_id), title=yaml_string(title), pitfall=yaml_string(pitfall)
    )
    return f"# yaml-language-server: $schema={schema}\n{text}" if schema else text


def page_text(checklist_id: str, title: str, pitfall: str) -> str:
    return PAGE.format(id=checklist_id, title=title, pitfall=pitfall)
