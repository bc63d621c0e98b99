"""The base of the model's mutable records: plain classes with ``__slots__``.

The records on ``playbook-check``'s start-up path are written out instead of generated with
``dataclasses``: importing ``dataclasses`` (and ``inspect`` with it) and generating 25 classes
took about 17 ms of a 73 ms one-file run (see docs/reference/decisions.md). Immutable values
are ``typing.NamedTuple``; entities subclass :class:`Record`, which gives them a readable
``repr``. Records compare by identity, as the ``eq=False`` dataclasses they replace did.
"""

from __future__ import annotations


class Record:
    """A slotted record whose ``repr`` lists its fields (the names in ``__slots__``)."""

    __slots__ = ()
    _unshown: tuple[str, ...] = ()
    """Fields left out of the ``repr``."""

    def __repr__(self) -> str:
        names = [
            n
            for cls in reversed(type(self).__mro__)
            for n in getattr(cls, "__slots__", ())
            if n not in self._unshown
        ]
        fields = ", ".join(f"{n}={getattr(self, n, None)!r}" for n in names)
        return f"{type(self).__name__}({fields})"
