"""Exemptions (finding, owner, reason, expires), shared by answers files and topology files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

from checker.diagnostics import DiagnosticSink
from checker.model import Exemption
from checker.suggest import did_you_mean


def read_exemptions(
    raw: list[dict[str, Any]],
    known: Collection[str],
    code: str,
    sink: DiagnosticSink,
    position: Callable[[tuple[Any, ...]], Any],
    date_of: Callable[[str, tuple[Any, ...]], dt.date | None],
    finding_of: Callable[[str], str] = lambda fid: fid,
) -> list[Exemption]:
    """Schema-valid exemptions as :class:`Exemption`; an unknown finding or a second exemption
    for one finding is ``code`` at the finding, and a bad date is left to ``date_of``.

    ``finding_of`` maps an exemption's id to the id checked against ``known`` (a topology
    exemption may name one instance, ``rule/subject``, of a rule).
    """
    result: list[Exemption] = []
    seen: set[str] = set()
    ids = list(known)
    for i, item in enumerate(raw):
        path = ("exemptions", i)
        fid = item["finding"]
        finding = finding_of(fid)
        if finding not in known:
            sink.add(
                code,
                f"exemption for unknown finding {finding!r}",
                (*path, "finding"),
                hint=did_you_mean(finding, ids) or "findings: " + ", ".join(ids),
            )
            continue
        if fid in seen:
            sink.add(
                code,
                f"second exemption for {fid!r}",
                (*path, "finding"),
                hint="keep one exemption per finding",
            )
            continue
        seen.add(fid)
        expires = date_of(item["expires"], (*path, "expires"))
        if expires is not None:
            result.append(Exemption(fid, item["owner"], item["reason"], expires, position(path)))
    return result
