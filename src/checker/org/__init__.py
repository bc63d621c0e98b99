"""Organisation scale: every team's CI reports in one place (``playbook-check collect``), the
organisation's site scaffolded (``playbook-check org init``) and the badges it serves.

- :mod:`checker.org.store` — the collection on disk: each report filed under its repository,
  the dated history kept, an index per repository the site reads;
- :mod:`checker.org.history` — teams, their newest assessment per checklist and their trends,
  from the collection's indexes;
- :mod:`checker.org.badge` — the SVG badges;
- :mod:`checker.org.scaffold` — ``org init``;
- :mod:`checker.cli.org` — the two commands.
"""
