"""Stage 6: the ``playbook-check`` command line (commands and their CLI-only helpers)."""

from checker.cli.app import main, run

__all__ = ["main", "run"]
