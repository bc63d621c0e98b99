"""Stage 6: the ``playbook-check`` command line (commands and their CLI-only helpers)."""

from checker.cli.app import main

__all__ = ["main"]
