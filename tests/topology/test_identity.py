"""Topology identity (issue 24, item 11): every team, grouping and provider is one thing a reader
can tell apart from the others — ids that differ only by a hidden line break, names that look the
same, blank names and whole numbers written as decimals are refused with a located error."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from checker.diagnostics import DiagnosticSink
from checker.load.yaml import load_text
from checker.validate import schema
from tests.topology.conftest import BASE, check_data, team

Data = dict[str, Any]


def _errors(data: Data) -> list[tuple[str, str]]:
    """(code, message) of every error, in order."""
    result = check_data(data)
    return [(d.code, d.message) for d in result.diagnostics if d.severity.value == "error"]


def _first(data: Data) -> tuple[str, str]:
    errors = _errors(data)
    assert errors, "accepted"
    return errors[0]


def _with(change: Any) -> Data:
    data = copy.deepcopy(BASE)
    change(data)
    return data


@pytest.mark.parametrize(
    "bad_id",
    ["search\n", "search\r\n", "\nsearch", "search\u2028", "plat\n"],
    ids=["trailing-lf", "trailing-crlf", "leading-lf", "line-separator", "other-team"],
)
def test_an_id_with_a_line_break_is_refused(bad_id: str) -> None:
    data = _with(lambda d: d["teams"].append(team(bad_id, "platform")))
    code, message = _first(data)
    assert code == "PC205" and "kebab-case" in message


@pytest.mark.parametrize("where", ["grouping", "capability", "owns", "interaction"])
def test_ids_with_a_trailing_line_break_are_refused_everywhere(where: str) -> None:
    def change(d: Data) -> None:
        if where == "grouping":
            d["groupings"][0]["id"] = "shop\n"
        elif where == "capability":
            d["capabilities"] = ["serving\n"]
        elif where == "owns":
            d["teams"][0]["owns"] = ["ranking\n"]
        else:
            d["interactions"][0]["to"] = "search\n"

    assert _first(_with(change))[0] == "PC205"


def test_the_slow_validator_never_overturns_the_fast_one() -> None:
    """A value the precompiled validator rejects is rejected with a located error, whichever
    schema: checklist ids are affected the same way as topology ids."""
    doc = load_text('id: "team-shape\\n"\nversion: 1.0.0\ntitle: T\nsections: []\n', "c.yaml")
    sink = DiagnosticSink("c.yaml", doc.source_map)
    assert schema.is_valid(doc.data, "checklist") is False
    assert schema.validate(doc.data, "checklist", sink) is False
    assert any(d.code == "PC205" and d.line == 1 for d in sink.items)
    answers = load_text('checklist: "team-shape@2.0\\n"\nteam: T\nanswers: {}\n', "a.yaml")
    sink = DiagnosticSink("a.yaml", answers.source_map)
    assert schema.validate(answers.data, "answers", sink) is False
    assert [d.code for d in sink.items] == ["PC205"]


@pytest.mark.parametrize(
    "name",
    ["Search", "SEARCH", " Search ", "Search\u200b", "\uff33\uff45\uff41\uff52\uff43\uff48"],
    ids=["same", "case", "spaces", "zero-width", "full-width"],
)
def test_two_teams_with_the_same_name_are_refused(name: str) -> None:
    data = _with(lambda d: d["teams"].append({**team("other", "platform"), "name": name}))
    code, message = _first(data)
    assert code == "PC711"
    assert "'Search'" in message and "search" in message


def test_canonically_equivalent_names_are_the_same_name() -> None:
    data = _with(
        lambda d: d["teams"].extend(
            [
                {**team("a", "platform"), "name": "Caf\u00e9"},  # NFC
                {**team("b", "platform"), "name": "Cafe\u0301"},  # NFD
            ]
        )
    )
    code, message = _first(data)
    assert code == "PC711" and "'a'" in message


def test_groupings_with_the_same_name_are_refused() -> None:
    data = _with(
        lambda d: d["groupings"].append({"id": "shop2", "name": "shop", "kind": "value-stream"})
    )
    assert _first(data)[0] == "PC711"


@pytest.mark.parametrize(
    "name",
    ["   ", "\t", "\u200b", "\u3000", "\ufeff\u200b", " \u2060 "],
    ids=["spaces", "tab", "zero-width", "ideographic-space", "bom", "word-joiner"],
)
@pytest.mark.parametrize("what", ["team", "grouping", "organisation"])
def test_a_blank_name_is_refused(name: str, what: str) -> None:
    def change(d: Data) -> None:
        if what == "team":
            d["teams"][0]["name"] = name
        elif what == "grouping":
            d["groupings"][0]["name"] = name
        else:
            d["organisation"] = name

    code, message = _first(_with(change))
    assert code == "PC205" and "visible character" in message


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("teams", 0, "members", "scientists"), 2.0),
        (("teams", 0, "members", "product"), 1.0),
        (("thresholds", "max-collaborations"), 2.0),
        (("topology",), 1.0),
    ],
    ids=["scientists", "product", "threshold", "format-version"],
)
def test_whole_numbers_written_as_decimals_are_refused(path: tuple[Any, ...], value: float) -> None:
    data = copy.deepcopy(BASE)
    target: Any = data
    for key in path[:-1]:
        target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
    target[path[-1]] = value
    errors = _errors(data)
    assert errors, "accepted"
    code, message = errors[0]
    assert code in ("PC203", "PC701")
    assert "whole number" in message or "version" in message


def test_the_vocabulary_has_one_source() -> None:
    """Team types, modes, roles and provider kinds: the model's tuples, the published schema,
    and the drawing's labels name the same values."""
    from checker.topology.draw import FILL, MODE_LABEL, PROVIDER_LABEL, TYPE_LABEL
    from checker.topology.model import MODES, PROVIDER_KINDS, ROLES, TEAM_TYPES

    spec = schema.load_schema("topology")["properties"]
    team = spec["teams"]["items"]["properties"]
    assert set(team["type"]["enum"]) == set(TEAM_TYPES) == set(TYPE_LABEL)
    # The drawing has one shape more than there are team types: the external provider.
    assert set(FILL) == {*TEAM_TYPES, "provider"}
    assert set(team["members"]["properties"]) == set(ROLES)
    mode = spec["interactions"]["items"]["properties"]["mode"]["enum"]
    assert set(mode) == set(MODES) == set(MODE_LABEL)
    kind = spec["providers"]["items"]["properties"]["kind"]["enum"]
    assert set(kind) == set(PROVIDER_KINDS) == set(PROVIDER_LABEL)
