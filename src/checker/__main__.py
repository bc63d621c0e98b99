"""Allow ``python -m checker``."""

from checker.cli import run

raise SystemExit(run())
