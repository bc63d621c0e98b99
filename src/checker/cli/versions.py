"""PEP 440 version specifiers, enough for ``required-version`` (as ruff's): comma-separated
clauses ``==``, ``!=``, ``>=``, ``<=``, ``>``, ``<``, ``~=`` (and ``==X.*``); a bare version means
``==``. Versions are ordered as PEP 440 orders them (``1.0.dev1 < 1.0a1 < 1.0 < 1.0.post1``;
a local part such as ``+g1a2b3c``, which setuptools-scm adds, is ignored). No dependency:
``packaging`` is not among the checker's."""

from __future__ import annotations

import re

_VERSION = re.compile(
    r"v?(?P<release>\d+(?:\.\d+)*)"
    r"(?:[-_.]?(?P<pre>a|b|rc|alpha|beta|c|pre|preview)[-_.]?(?P<pre_n>\d*))?"
    r"(?:[-_.]?(?:post|rev|r)[-_.]?(?P<post>\d*))?"
    r"(?:[-_.]?dev[-_.]?(?P<dev>\d*))?"
    r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.I,
)
_CLAUSE = re.compile(r"\s*(~=|==|!=|<=|>=|<|>)?\s*(\S+?)\s*")
_PRE = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "c": 2, "rc": 2, "pre": 2, "preview": 2}
_INF = float("inf")

Key = tuple[tuple[int, ...], tuple[float, float], float, float]


def version_key(text: str) -> Key:
    """A sort key for a PEP 440 version. Raises ValueError for anything else."""
    m = _VERSION.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a version")
    release = tuple(int(p) for p in m["release"].split("."))
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]
    post = -1.0 if m["post"] is None else float(m["post"] or 0)
    dev = _INF if m["dev"] is None else float(m["dev"] or 0)
    if m["pre"] is not None:
        pre: tuple[float, float] = (float(_PRE[m["pre"].lower()]), float(m["pre_n"] or 0))
    elif dev != _INF and post < 0:
        pre = (-_INF, 0.0)  # 1.0.dev1 comes before 1.0a1
    else:
        pre = (_INF, 0.0)
    return (release, pre, post, dev)


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def parse_specifiers(spec: str) -> list[tuple[str, str]]:
    """``[(operator, version)]`` of a specifier set. Raises ValueError, saying why."""
    clauses = []
    if not spec.strip():
        raise ValueError("it is empty")
    for part in spec.split(","):
        m = _CLAUSE.fullmatch(part)
        if m is None or not m.group(2):
            raise ValueError(f"{part.strip()!r} is not a clause such as '>=0.3'")
        op, version = m.group(1) or "==", m.group(2)
        if version.endswith(".*"):
            if op not in ("==", "!="):
                raise ValueError(f"a wildcard works only with == and != ({part.strip()!r})")
            if not re.fullmatch(r"\d+(?:\.\d+)*", version[:-2]):
                raise ValueError(f"{version!r} is not a version")
        else:
            version_key(version)
            if op == "~=" and "." not in version.split("+")[0]:
                raise ValueError(f"~= needs at least two release numbers ({part.strip()!r})")
        clauses.append((op, version))
    return clauses


def allows(spec: str, version: str) -> bool:
    """Whether ``version`` satisfies every clause of ``spec``."""
    have = version_key(version)
    for op, want in parse_specifiers(spec):
        if want.endswith(".*"):
            prefix = _release(want[:-2])
            same = have[0][: len(prefix)] + (0,) * max(0, len(prefix) - len(have[0])) == prefix
            if same != (op == "=="):
                return False
            continue
        other = version_key(want)
        if op == "~=":
            release = _release(re.split(r"[^\d.]", want, maxsplit=1)[0].rstrip("."))
            upper = (*release[:-2], release[-2] + 1)
            ok = have >= other and have[0] < upper
        else:
            ok = {
                "==": have == other,
                "!=": have != other,
                ">=": have >= other,
                "<=": have <= other,
                ">": have > other,
                "<": have < other,
            }[op]
        if not ok:
            return False
    return True
