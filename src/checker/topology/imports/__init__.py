"""Topology files written from where organisations already describe their teams: Team API
markdown files (:mod:`.team_api`) and Backstage catalog Groups (:mod:`.backstage`), through
one :class:`~.draft.Draft` that resolves references and writes a valid, deterministic file."""

from checker.topology.imports.backstage import import_backstage
from checker.topology.imports.draft import Result
from checker.topology.imports.team_api import import_team_api

__all__ = ["Result", "import_backstage", "import_team_api"]
