"""Spelling suggestions for unknown names ("did you mean ...")."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(name: str, candidates: Iterable[str], otherwise: str = "") -> str:
    """A hint naming the closest candidate, or ``otherwise`` when nothing is close."""
    import difflib  # only when something is misspelt: it costs ~10 ms at start-up

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else otherwise
