"""The recorded edits of an upgrade, made to the file's text with its comments and layout kept.

ruamel.yaml reads the file into a document that remembers comments, quoting, flow or block style
and key order, and writes it back unchanged where nothing was edited. Its indentation settings are
chosen by trying the usual ones until the unedited document reads back byte for byte. Comments
live in ruamel.yaml after the value they follow, so an edit that removes or inserts a key moves
the comment lines that introduce the next key along with it, and a removed answer's end-of-line
comment goes with it under ``retired``. Only this module imports ruamel.yaml, and only
``playbook-check upgrade`` imports this module (it stays off the ``validate`` path).
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken

from checker.upgrade.plan import Edit

INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 0), (2, 4, 0))
"""(mapping, sequence, offset) indentation settings tried, most common first."""


class RoundTripError(Exception):
    """The file cannot be edited with its layout kept (ruamel.yaml could not read it)."""


class _Float(float):
    """A float that is written back as the file wrote it: ruamel.yaml re-formats floats from
    their value and loses the last digit of some (``7.251674553943449e-75`` became ``...448``),
    so the upgrade would refuse such a file (PC425)."""

    source: str

    def __new__(cls, value: float, source: str) -> _Float:
        self = super().__new__(cls, value)
        self.source = source
        return self


class _Constructor(RoundTripConstructor):
    def construct_yaml_float(self, node: ScalarNode) -> Any:
        value = super().construct_yaml_float(node)
        return _Float(value, node.value) if isinstance(value, float) else value


class _Representer(RoundTripRepresenter):
    def represent_source_float(self, data: _Float) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:float", data.source)


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
_Representer.add_representer(_Float, _Representer.represent_source_float)


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.Representer = _Representer
    y.preserve_quotes = True
    y.width = 1 << 16  # never fold a long line
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _dump(y: YAML, doc: Any) -> str:
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def load(text: str) -> tuple[YAML, Any]:
    """The round-trip document of ``text`` and the YAML settings that write it back as it was
    (the first tried when none does)."""
    first: tuple[YAML, Any] | None = None
    for indent in INDENTS:
        y = _yaml(indent)
        try:
            doc = y.load(text)
        except (YAMLError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise RoundTripError(reason) from None
        if not isinstance(doc, CommentedMap):
            raise RoundTripError("the document is not a mapping")
        if first is None:
            first = (y, doc)
        if _dump(y, doc) == text:
            return y, doc
    assert first is not None
    return first


_START = re.compile(r"\A(?:[ \t]*(?:[#%][^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?\n")
"""Comments and directives before a ``---`` line, and the line (ruamel.yaml drops them)."""


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` made (without BOM or CR: the caller restores them)."""
    start = _START.match(text)
    head = start.group(0) if start else ""
    y, doc = load(text[len(head) :])
    editor = _Editor(doc)
    for edit in edits:
        getattr(editor, edit.op)(*edit.args)
    return head + _dump(y, doc)


# --- comments ---------------------------------------------------------------------------


def _slot(parent: Any, key: Any) -> tuple[Any, Any, int]:
    """Where the comment after ``parent[key]``'s value lives: on the last item of a block
    collection, else on the key itself (slot 2 of a mapping entry, 0 of a sequence item)."""
    value = parent[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not _flow(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _slot(value, last)
    return parent, key, 2 if isinstance(parent, CommentedMap) else 0


def _flow(value: Any) -> bool:
    return bool(value.fa.flow_style())


def _token(text: str) -> CommentToken:
    return CommentToken(text, CommentMark(0), None)


def _detach_after(parent: Any, key: Any) -> str:
    """Detach the comment lines after ``parent[key]`` (they introduce what follows it); its
    end-of-line comment stays."""
    owner, k, i = _slot(parent, key)
    entry = owner.ca.items.get(k)
    if not entry or entry[i] is None:
        return ""
    eol, _, rest = str(entry[i].value).partition("\n")
    if eol:
        entry[i].value = eol + "\n"
    else:
        entry[i] = None
    return rest


def _attach_after(parent: Any, key: Any, rest: str) -> None:
    """Put comment lines after ``parent[key]``, after any already there."""
    if not rest:
        return
    owner, k, i = _slot(parent, key)
    entry = owner.ca.items.setdefault(k, [None, None, None, None])
    if entry[i] is None:
        entry[i] = _token("\n" + rest)
    else:
        entry[i].value += rest


def _end_of_line(parent: Any, key: Any) -> str:
    """The end-of-line comment on ``parent[key]``'s line, if its value is a scalar or flow."""
    entry = parent.ca.items.get(key)
    i = 2 if isinstance(parent, CommentedMap) else 0
    if not entry or entry[i] is None or _slot(parent, key)[:2] != (parent, key):
        return ""
    return str(entry[i].value.partition("\n")[0])


def _remove(parent: Any, key: Any) -> tuple[str, Any]:
    """Delete ``parent[key]`` (a mapping key or a sequence index); return its end-of-line
    comment and its value. The comment lines after it stay, before what followed it."""
    keys = list(parent) if isinstance(parent, CommentedMap) else list(range(len(parent)))
    at = keys.index(key)
    rest = _detach_after(parent, key)
    eol = _end_of_line(parent, key)
    node = parent[key]
    if isinstance(parent, CommentedMap):
        parent.ca.items.pop(key, None)
    del parent[key]
    if not rest:
        return eol, node
    if at > 0:
        _attach_after(parent, keys[at - 1], rest)
    elif len(parent):
        if parent.ca.comment is None:
            parent.ca.comment = [None, []]
        if parent.ca.comment[1] is None:
            parent.ca.comment[1] = []
        parent.ca.comment[1].append(_token(rest))
    return eol, node


def _shift(parent: Any, key: Any, delta: int) -> None:
    """Move the end-of-line comment after ``parent[key]`` by ``delta`` columns (its line got
    longer or shorter), so that it keeps its distance from the value."""
    entry = parent.ca.items.get(key)
    i = 2 if isinstance(parent, CommentedMap) else 0
    if delta and entry and entry[i] is not None and _slot(parent, key)[:2] == (parent, key):
        mark = entry[i].start_mark
        mark.column = max(0, mark.column + delta)


def _width(value: Any) -> int:
    """How wide a scalar is written, but for quotes (old and new are quoted alike)."""
    if value is None:
        return 0
    return len(str(value).lower() if isinstance(value, bool) else str(value))


def _like(old: Any, new: Any) -> Any:
    """``new`` quoted as ``old`` was (a double-quoted choice stays double-quoted)."""
    if isinstance(old, ScalarString) and isinstance(new, str) and "\n" not in new:
        return type(old)(new)
    return new


def _node(value: Any) -> Any:
    """Plain data as round-trip nodes (mappings and lists in block style)."""
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _node(v)
        return cm
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        return seq
    return value


class _Editor:
    """The :class:`~checker.upgrade.plan.Edits` operations, on a round-trip document."""

    def __init__(self, doc: CommentedMap) -> None:
        self.doc = doc
        self.removed: dict[str, Any] = {}
        """Nodes deleted since the last ``retire``, by their field under retired (so that they
        go there with their quoting and comments)."""
        self.answer_comment = ""
        """The end-of-line comment of the answer deleted last (it goes under retired)."""

    def _insert(self, cm: CommentedMap, at: int, key: str, value: Any) -> None:
        """Insert ``key`` at position ``at``; the comment lines that introduced the key now
        after it move below the new one."""
        keys = list(cm)
        rest = _detach_after(cm, keys[at - 1]) if at > 0 else ""
        cm.insert(at, key, value)
        _attach_after(cm, key, rest)

    def set_reference(self, text: str) -> None:
        old = self.doc["checklist"]
        self.doc["checklist"] = _like(old, text)
        _shift(self.doc, "checklist", len(text) - len(old))

    def rename(self, section: str, old: str, new: str) -> None:
        cm = self.doc[section]
        at = list(cm).index(old)
        value = cm[old]
        comments = cm.ca.items.pop(old, None)
        del cm[old]
        cm.insert(at, new, value)
        if comments is not None:
            cm.ca.items[new] = comments
        _shift(cm, new, len(new) - len(old))

    def delete(self, section: str, key: str) -> None:
        eol, node = _remove(self.doc[section], key)
        self.removed[{"answers": "answer", "notes": "note", "evidence": "evidence"}[section]] = node
        if section == "answers":
            self.answer_comment = eol

    def put(self, section: str, key: str, value: Any, after: str | None, comment: str) -> None:
        if not isinstance(self.doc.get(section), CommentedMap):  # missing, or `notes:` alone
            keys = list(self.doc)
            if section in self.doc:
                self.doc[section] = CommentedMap()
            else:
                at = keys.index("answers") + 1 if "answers" in keys else len(keys)
                self._insert(self.doc, at, section, CommentedMap())
        cm = self.doc[section]
        if key in cm:
            self._replace(cm, key, value)
            return
        if not len(cm) and _flow(cm):
            cm.fa.set_block_style()
        at = 0 if after is None else list(cm).index(after) + 1
        self._insert(cm, at, key, _node(value))
        if comment:
            cm.yaml_set_comment_before_after_key(key, before=comment, indent=self._column(cm))

    def _replace(self, cm: CommentedMap, key: str, value: Any) -> None:
        old = cm[key]
        rest = _detach_after(cm, key)
        cm[key] = new = _like(old, _node(value))
        _attach_after(cm, key, rest)
        if not isinstance(old, (CommentedMap, CommentedSeq)):
            _shift(cm, key, _width(new) - _width(old))

    def map_items(self, section: str, key: str, items: list[str | None]) -> None:
        """A list answer edited in place, so each kept item keeps its comment: item ``i``
        becomes ``items[i]``, or is dropped when that is None."""
        seq = self.doc[section][key]
        for i in reversed(range(len(items))):
            if items[i] is None:
                _remove(seq, i)
        for i, v in enumerate(v for v in items if v is not None):
            if seq[i] != v:
                old = seq[i]
                seq[i] = _like(old, v)
                if not _flow(seq):
                    _shift(seq, i, _width(seq[i]) - _width(old))

    def _column(self, cm: CommentedMap) -> int:
        """The column of ``cm``'s keys (for a comment above a new key)."""
        for k in cm:
            try:
                return int(cm.lc.key(k)[1])
            except (KeyError, TypeError, AttributeError):
                continue
        return 2

    def set_finding(self, index: int, finding: str) -> None:
        exemption = self.doc["exemptions"][index]
        old = exemption["finding"]
        exemption["finding"] = _like(old, finding)
        _shift(exemption, "finding", len(finding) - len(old))

    def delete_exemption(self, index: int) -> None:
        seq = self.doc["exemptions"]
        _eol, self.removed["exemption"] = _remove(seq, index)
        if not len(seq):
            seq.fa.set_flow_style()

    def retire(self, entry: dict[str, Any], comment: str) -> None:
        if "retired" not in self.doc:
            self._insert(self.doc, len(self.doc), "retired", CommentedSeq())
            self.doc.yaml_set_comment_before_after_key("retired", before=comment, indent=0)
        node = CommentedMap()
        for field, value in entry.items():
            node[field] = self.removed.get(field, _node(value))
        if self.answer_comment and "answer" in node:
            node.yaml_add_eol_comment(self.answer_comment, "answer")
        self.removed.clear()
        self.answer_comment = ""
        seq = self.doc["retired"]
        rest = _detach_after(self.doc, "retired")  # what ended the file stays at its end
        seq.append(node)
        _attach_after(self.doc, "retired", rest)
