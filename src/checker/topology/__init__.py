"""Team topology as code: an organisation's teams and interactions, checked and drawn.

Stages, one module each: :mod:`~checker.topology.load` (YAML + schema + references, PC7xx
diagnostics) -> :mod:`~checker.topology.model` (the checked organisation) ->
:mod:`~checker.topology.rules` (organisation-level findings) -> :mod:`~checker.topology.report`
(the report document every output format renders) -> :mod:`~checker.topology.layout` (where
teams and interactions go) and :mod:`~checker.topology.draw` (SVG in Team Topologies'
notation), :mod:`~checker.topology.mermaid` (the same as a Mermaid flowchart),
:mod:`~checker.topology.diff` (two versions compared), :mod:`~checker.topology.changes` (the
comparison as one picture) and :mod:`~checker.topology.markdown` (it for a pull request).
:mod:`~checker.topology.imports` writes topology files from Team API files and Backstage
catalogs. The CLI lives in :mod:`~checker.cli.topology` and :mod:`checker.cli.topology_views`;
the Sphinx directive in :mod:`checker.sphinx.topology`.
"""

from __future__ import annotations
