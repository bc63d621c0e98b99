"""ML Team Playbook checker: executable checklists for organising ML teams.

The package is a pipeline — load (:mod:`checker.yamlload`), validate (:mod:`checker.schema`,
:mod:`checker.checklist`, :mod:`checker.answers`), evaluate (:mod:`checker.evaluate`) and report
(:mod:`checker.report`) — used by the CLI (:mod:`checker.cli`) and the Sphinx extension
(:mod:`checker.sphinx`). Importing the package is cheap; heavy modules load on demand.
"""

__version__ = "0.1.0"
