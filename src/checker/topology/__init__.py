"""Team topology as code: an organisation's teams and interactions, checked and drawn.

Stages, one module each: :mod:`~checker.topology.load` (YAML + schema + references, PC7xx
diagnostics) -> :mod:`~checker.topology.model` (the checked organisation) ->
:mod:`~checker.topology.rules` (organisation-level findings) -> :mod:`~checker.topology.report`
(the report document every output format renders) -> :mod:`~checker.topology.draw` (SVG in Team
Topologies' notation) and :mod:`~checker.topology.diff` (two versions compared). The CLI lives in
:mod:`~checker.cli.topology`; the Sphinx directive in :mod:`checker.sphinx.topology`.
"""

from __future__ import annotations
