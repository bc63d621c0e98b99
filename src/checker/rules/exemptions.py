"""Exemptions applied to findings, alike for answers files and topology files: whether one is
in force, the open finding an expired one becomes, and the warning for one that exempts
nothing."""

from __future__ import annotations

import datetime as dt

from checker.diagnostics import DiagnosticSink, Severity
from checker.model import Exemption, Finding, Risk, Status, Trigger


def in_force(exemption: Exemption | None, today: dt.date) -> bool:
    """Whether ``exemption`` exempts its finding on ``today`` (it expires at the day's end)."""
    return exemption is not None and exemption.expires >= today


def expired_finding(exemption: Exemption, pitfall: str, risk: Risk, trigger: str) -> Finding:
    """The open finding an exemption past its date becomes, ``expired-exemption:<finding>``,
    with the exempted finding's ``pitfall`` and ``risk``, at the exemption (named ``trigger``)."""
    return Finding(
        f"expired-exemption:{exemption.finding}",
        f"Exemption for '{exemption.finding}' expired on {exemption.expires.isoformat()}",
        pitfall,
        risk,
        f"Fix the finding or renew the exemption with a new date and reason "
        f"(owner: {exemption.owner}).",
        Status.OPEN,
        [Trigger(trigger, exemption.position)],
    )


def not_needed(sink: DiagnosticSink, code: str, exemption: Exemption, index: int) -> None:
    """Warn (``code``) that the ``index``-th exemption, in force, exempts no finding."""
    sink.add(
        code,
        f"exemption for {exemption.finding!r} is not needed: the finding does not fire",
        ("exemptions", index),
        severity=Severity.WARNING,
        hint="remove the exemption",
    )
