"""The parser built for one command behaves as the whole parser (checker.cli.parser)."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from checker.cli.parser import COMMANDS, TOPOLOGY_COMMANDS, build_parser, requested


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    """What parsing ``argv`` gives: the namespace or the exit code, and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parser.parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


COMMAND_LINES = [
    *([name, "--help"] for name in COMMANDS),
    *(["topology", name, "--help"] for name in TOPOLOGY_COMMANDS),
    ["--help"],
    ["-h", "validate"],
    ["validate", "-h"],
    [],
    ["--version"],
    ["valdate", "x.yaml"],
    ["validate", "--fail-on", "low", "-q", "a.yaml", "b.yaml", "--today", "2026-01-02"],
    ["validate", "--bogus"],
    ["validate", "--today", "yesterday", "a.yaml"],
    ["report", "-f", "sarif", "-o", "out.sarif", "a.yaml"],
    ["report", "-f", "html", "a.yaml"],
    ["diff", "old", "new", "-f", "json"],
    ["list", "report"],  # a command name as an argument of another
    ["explain", "validate"],
    ["topology"],
    ["topology", "--help"],
    ["topology", "check", "org.yaml", "--fail-on", "medium"],
    ["topology", "drw", "org.yaml"],
    ["topology", "init", "--organisation", "check"],
    ["--version", "topology", "check"],
    ["--color", "never", "validate", "a.yaml"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_the_parser_for_one_command_parses_as_the_whole_parser(argv: list[str]) -> None:
    assert _outcome(build_parser(argv), argv) == _outcome(build_parser(), argv)


def test_only_the_named_command_gets_its_options() -> None:
    parser = build_parser(["validate", "x.yaml"])
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == ["validate"]
    assert list(_commands(build_parser())) == list(COMMANDS)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["validate", "a"], "validate"),
        (["--color", "validate"], "validate"),  # the parser's own options take no value
        (["-h", "validate"], None),
        (["validate", "-h"], "validate"),
        (["nope", "validate"], None),
        ([], None),
        (None, None),
    ],
)
def test_requested(argv: list[str] | None, expected: str | None) -> None:
    assert requested(argv, list(COMMANDS)) == expected
