"""The ``playbook-check`` argument parser: every command, its options and its exit codes.

Building all of it costs about a tenth of a one-file ``validate`` (what pre-commit runs), so
:func:`build_parser` given the arguments about to be parsed gives options only to the command
they name. The command list, ``--help`` and usage errors are the same either way;
``python -m checker.cli.reference`` documents the whole parser (``build_parser()``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from checker import __version__
from checker.constants import FAIL_ON_LEVELS, FORMATS, MAX_BYTES

CHECKING_EXIT = (
    "exit codes: 0 every file valid and no open finding at or above --fail-on "
    "(or, with --baseline, nothing worse than the baseline); 1 open findings at or above "
    "--fail-on (0 with --exit-zero); 2 invalid input or usage"
)
SIMPLE_EXIT = "exit codes: 0 done; 2 invalid input or usage"
ENVIRONMENT = (
    "environment: PLAYBOOK_CHECKLISTS (directories of checklists, separated by "
    f"{os.pathsep!r}, searched when no --checklists is given); PLAYBOOK_SITE_URL (the "
    "published playbook, for links to pitfall pages in reports, when neither --site-url nor "
    "site-url is set); NO_COLOR, FORCE_COLOR (see --color); PLAYBOOK_DEBUG=1 (show a "
    "traceback for an internal error); for `report`, GitHub Actions' GITHUB_* and GitLab CI's "
    "CI_* variables give the report's provenance, SOURCE_DATE_EPOCH its generation time"
)
CONFIG_HELP = (
    "configuration: [tool.playbook-check] in the nearest pyproject.toml sets files, exclude, "
    "fail-on, checklists, baseline and site-url; options given here override it"
)
TOPOLOGY_CONFIG_HELP = (
    "configuration: [tool.playbook-check] in the nearest pyproject.toml sets topology (the "
    "files), fail-on, topology-baseline and site-url; options given here override it"
)
TOPOLOGY_EXIT = (
    "exit codes: 0 every file valid and no open finding at or above --fail-on "
    "(or, with --baseline, nothing worse than the baseline); 1 open findings at or above "
    "--fail-on (0 with --exit-zero); 2 invalid input or usage"
)
TOPOLOGY_DIFF_EXIT = (
    "exit codes: 0 the new version is not worse; 1 it has an open finding the old one did not; "
    "2 invalid input or usage"
)

Options = Callable[[argparse.ArgumentParser], None]
# name: (help, epilog, the options, or the subcommands of a command that has them)
Commands = dict[str, tuple[str, str, "Options | Commands"]]


def parse_date(text: str) -> dt.date:
    """An ISO date given on the command line."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's paragraphs as written."""


# --- options shared by several commands -------------------------------------------------


def _color(p: argparse.ArgumentParser) -> None:
    from checker.cli.color import CHOICES

    p.add_argument(
        "--color",
        choices=CHOICES,
        default="auto",
        help="colour the output: auto (default) colours a terminal unless NO_COLOR is set, "
        "or when FORCE_COLOR is set",
    )


def _checklists(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--checklists",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of checklists, searched before ./checklists and the bundled "
        "checklists (repeatable; default: $PLAYBOOK_CHECKLISTS, else none); the first "
        "file named ID.yaml wins, see `playbook-check list`",
    )


def _force(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--force", action="store_true", help=f"overwrite {what} if it exists (default: off)"
    )


def _output(p: argparse.ArgumentParser, help: str, metavar: str = "FILE") -> None:
    p.add_argument("-o", "--output", type=Path, metavar=metavar, help=help)


def _today(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--today", type=parse_date, metavar="DATE", help=help)


def _max_bytes(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse {what} larger than N bytes (default: {MAX_BYTES}, 1 MiB)",
    )


def _text_or_json(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )


def _verdict(p: argparse.ArgumentParser, baseline_key: str, what: str) -> None:
    """What fails a run: --fail-on, --exit-zero and --baseline (validate, report and
    topology check), with the configuration key the baseline defaults to."""
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON_LEVELS,
        default=None,
        help="exit 1 when an open finding has this risk or higher "
        "(default: `fail-on` in [tool.playbook-check], else high)",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings fail the run, e.g. to write a baseline; invalid "
        "input still exits 2 (default: off)",
    )
    ratchet = p.add_mutually_exclusive_group()
    ratchet.add_argument(
        "--baseline",
        metavar="REPORT",
        help=f"a JSON report to ratchet against: exit 1 only when {what} is worse "
        "(a new or riskier finding at or above --fail-on, a lower score) "
        f"(default: `{baseline_key}` in [tool.playbook-check], else none)",
    )
    ratchet.add_argument(
        "--no-baseline",
        action="store_true",
        help="judge by --fail-on alone, ignoring the configured baseline (default: off)",
    )


def _checking(p: argparse.ArgumentParser) -> None:
    """What validate and report share: the files, the checklists and the verdict."""
    _color(p)
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="answers files, directories searched recursively for answers files (YAML "
        "with a top-level checklist: key), or - for standard input "
        "(default: `files` in [tool.playbook-check])",
    )
    _checklists(p)
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip paths matching GLOB when searching directories (repeatable; default: "
        "`exclude` in [tool.playbook-check], plus .git, .venv, node_modules, _build ...)",
    )
    _verdict(p, "baseline", "an assessment")
    _today(p, "date to judge exemption expiry by, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--evidence-root",
        type=Path,
        metavar="DIR",
        help="root for evidence paths (default: the enclosing git repository, else the "
        "answers file's folder)",
    )
    p.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="report unanswered questions as warnings, not errors (default: off)",
    )
    _max_bytes(p, "answers files")
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        default="<stdin>",
        help="the name shown for - (standard input) in diagnostics and reports; relative "
        "evidence paths are resolved from its folder (default: <stdin>)",
    )


# --- one function per command -------------------------------------------------------------


def _validate(p: argparse.ArgumentParser) -> None:
    _checking(p)
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only what fails the run: errors and open findings at or above --fail-on, "
        "each with its hint or advice (default: off)",
    )


def _report(p: argparse.ArgumentParser) -> None:
    _checking(p)
    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="text",
        help="report format (default: text)",
    )
    p.add_argument(
        "--compact",
        action="store_true",
        help="with --format markdown: the summary for a pull-request comment, the invalid "
        "files, the findings that fail the run and one row per assessment, within GitHub's "
        "65,536 characters (default: off, every finding and score of every file)",
    )
    _output(p, "write to OUT atomically (default: standard output)", metavar="OUT")
    _force(p, "OUT")
    p.add_argument(
        "--site-url",
        metavar="URL",
        help="address of the published playbook, for links to pitfall pages "
        "(default: `site-url` in [tool.playbook-check], else $PLAYBOOK_SITE_URL, else none)",
    )
    _provenance(p)


def _provenance(p: argparse.ArgumentParser) -> None:
    """Where the report comes from (checker.cli.provenance)."""
    for name, what, example in (
        ("repository", "the repository's path", "acme/search"),
        ("repository-url", "the repository's address", "https://github.com/acme/search"),
        ("commit", "the commit checked", "the 40-digit hash"),
        ("ref", "the branch or tag checked", "main"),
        ("run-url", "the address of the CI run", "its page"),
    ):
        p.add_argument(
            f"--{name}",
            metavar=name.split("-")[-1].upper(),
            help=f"provenance: {what}, e.g. {example} (default: from the CI's variables on "
            "GitHub Actions and GitLab CI, else none)",
        )
    p.add_argument(
        "--no-provenance",
        action="store_true",
        help="write no provenance, even in CI (default: off)",
    )


def _init(p: argparse.ArgumentParser) -> None:
    p.add_argument("checklist", metavar="CHECKLIST", help="checklist id, e.g. team-shape")
    _output(p, "file to write; missing folders are created (default: standard output)")
    p.add_argument("--team", default="", help="team name to fill in (default: TEAM NAME)")
    p.add_argument(
        "--schema",
        type=Path,
        metavar="FILE",
        help="where to write the checklist's JSON Schema, referenced from the template by a "
        "relative path for editors; kept if it exists (default with -o: "
        "schemas/CHECKLIST.schema.json)",
    )
    p.add_argument(
        "--no-schema",
        action="store_true",
        help="write no schema and no $schema line (default: off)",
    )
    _force(p, "FILE")
    _checklists(p)


def _lint(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="checklist files or directories (default: ./checklists)",
    )
    p.add_argument(
        "--docs",
        type=Path,
        metavar="DIR",
        help="docs directory whose pitfall directives define pitfall ids, added to the "
        "pitfalls the bundled checklists name (default: ./docs when it defines pitfalls)",
    )


def _diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="the earlier assessments")
    p.add_argument("new", metavar="NEW", help="the later assessments")
    _text_or_json(p)
    _checklists(p)
    _today(p, "date to judge exemptions in answers files by (default: today)")


def _new_checklist(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="kebab-case id, e.g. data-quality")
    p.add_argument("--title", default="", help="checklist title (default: from the id)")
    p.add_argument(
        "--pitfall",
        default="missing-engineering-practices",
        help="pitfall id for the example finding (default: missing-engineering-practices)",
    )
    p.add_argument(
        "--checklists-dir",
        type=Path,
        default=Path("checklists"),
        metavar="DIR",
        help="where to write ID.yaml (default: checklists)",
    )
    p.add_argument(
        "--docs-dir",
        type=Path,
        metavar="DIR",
        help="also write a Sphinx page ID.md there (default: docs/checklists if that folder "
        "exists, else no page)",
    )
    p.add_argument(
        "--schema",
        type=Path,
        metavar="FILE",
        help="where to write the checklist JSON Schema, referenced from the new checklist by "
        "a relative path; kept if it exists (default: schemas/checklist.schema.json, or the "
        "playbook's own schema in a checkout of the playbook)",
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files (default: off)")


def _schema(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "name",
        choices=("checklist", "answers", "report", "topology"),
        help="which schema",
    )
    p.add_argument(
        "--checklist",
        metavar="ID",
        help="for answers: the schema of one checklist's answers, with its question ids, "
        "kinds, choices and prompts (default: the generic answers schema)",
    )
    _output(p, "file to write; missing folders are created (default: standard output)")
    _force(p, "FILE")
    _checklists(p)


def _upgrade(p: argparse.ArgumentParser) -> None:
    _color(p)
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="answers files, or directories searched recursively for answers files "
        "(default: `files` in [tool.playbook-check])",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; report each file whose upgrade is due (PC421) and exit 1 if any "
        "is (default: off)",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="write nothing; print each upgrade as a unified diff on standard output, the "
        "rest on standard error, and exit 1 if any is due (default: off)",
    )
    _checklists(p)
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip paths matching GLOB when searching directories (repeatable; default: "
        "`exclude` in [tool.playbook-check], plus .git, .venv, node_modules, _build ...)",
    )
    _max_bytes(p, "answers files")


def _list(p: argparse.ArgumentParser) -> None:
    _checklists(p)
    _text_or_json(p)


def _explain(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", metavar="CODE", help="an error code such as PC405")


# --- topology and its subcommands ---------------------------------------------------------


def _topology_common(p: argparse.ArgumentParser) -> None:
    _today(p, "date to judge exemption expiry by, YYYY-MM-DD (default: today)")
    _max_bytes(p, "topology files")


def _topology_check(p: argparse.ArgumentParser) -> None:
    _color(p)
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="topology files (YAML) (default: `topology` in [tool.playbook-check])",
    )
    p.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    _output(p, "write to OUT atomically (default: standard output)", metavar="OUT")
    _force(p, "OUT")
    _verdict(p, "topology-baseline", "a topology")
    p.add_argument(
        "--site-url",
        metavar="URL",
        help="address of the published playbook, for links to pitfall pages "
        "(default: `site-url` in [tool.playbook-check], else none)",
    )
    _topology_common(p)


def _topology_draw(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a topology file (YAML)")
    p.add_argument(
        "-f",
        "--format",
        choices=("svg", "mermaid"),
        default="svg",
        help="svg, or a mermaid flowchart for Markdown (GitHub and GitLab draw it) (default: svg)",
    )
    _output(p, "the file to write atomically (default: standard output)", metavar="OUT")
    _force(p, "OUT")
    _topology_common(p)


def _topology_diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="the earlier topology file")
    p.add_argument("new", metavar="NEW", help="the later topology file")
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "markdown", "svg"),
        default="text",
        help="text, json, markdown (the changes and a mermaid diagram of NEW with them marked, "
        "for a pull request) or svg (NEW drawn with the changes marked) (default: text)",
    )
    _topology_common(p)


def _topology_init(p: argparse.ArgumentParser) -> None:
    _output(p, "file to write; missing folders are created (default: standard output)")
    p.add_argument(
        "--organisation", default="", help="organisation name to fill in (default: none)"
    )
    _force(p, "FILE")


# --- organisation scale: collect and org ------------------------------------------------


def _collect(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "reports",
        nargs="+",
        type=Path,
        metavar="REPORT",
        help="JSON reports written by `report --format json`, or folders searched for *.json "
        "(e.g. the artifacts `gh run download` fetched)",
    )
    p.add_argument(
        "--into",
        type=Path,
        required=True,
        metavar="DIR",
        help="the collection: created when missing; a folder that is neither empty nor a "
        "collection is refused",
    )
    p.add_argument(
        "--repository",
        metavar="PATH",
        help="file every report under this repository, e.g. acme/search (default: each "
        "report's provenance, else the one team it assesses)",
    )
    _today(p, "date to judge reports dated in the future by, YYYY-MM-DD (default: today)")
    _color(p)


def _org_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="the site's folder (created if missing)")
    p.add_argument("--organisation", default="", help="the organisation's name, the site's title")
    p.add_argument(
        "--theme",
        default="furo",
        help="the Sphinx HTML theme, e.g. furo, alabaster, sphinx_rtd_theme, "
        "pydata_sphinx_theme, sphinx_book_theme (default: furo)",
    )
    p.add_argument(
        "--collection",
        default="reports",
        metavar="PATH",
        help="the collection `collect --into` fills, relative to DIR (default: reports)",
    )
    p.add_argument(
        "--groups",
        default="",
        metavar="FILE",
        help="a YAML file mapping group names to repository paths, relative to DIR (default: "
        "none: teams are grouped by the repository's owner)",
    )
    _force(p, "the files it writes")


ORG_COMMANDS: Commands = {
    "init": (
        "scaffold an organisation's site: conf.py, an index with the overview, trends and "
        "topology; build it with sphinx-build",
        SIMPLE_EXIT + " (existing files are never replaced without --force)",
        _org_init,
    ),
}


def _topology_import_common(p: argparse.ArgumentParser) -> None:
    _output(p, "the topology file to write atomically (default: standard output)", metavar="OUT")
    _force(p, "OUT")
    p.add_argument(
        "--organisation",
        metavar="NAME",
        help="the organisation's name (default: the folder's name for team-api, the top group's "
        "for backstage)",
    )
    p.add_argument(
        "--as-of",
        type=parse_date,
        metavar="DATE",
        help="the date the map describes, from which durations such as '3 months' count, "
        "YYYY-MM-DD (default: today)",
    )


def _topology_import_team_api(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", help="a folder of Team API markdown files (*.md)")
    _topology_import_common(p)


def _topology_import_backstage(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="Backstage catalog files (YAML) with Group entities",
    )
    _topology_import_common(p)


IMPORT_EXIT = (
    "exit codes: 0 written (what could not be mapped is a warning with file and line); "
    "2 invalid input or usage (an existing OUT is never replaced without --force)"
)
TOPOLOGY_IMPORT_COMMANDS: Commands = {
    "team-api": (
        "a topology from Team API files (YAML front matter and the interaction tables)",
        IMPORT_EXIT,
        _topology_import_team_api,
    ),
    "backstage": (
        "a topology from Backstage Group entities and their playbook-check annotations",
        IMPORT_EXIT,
        _topology_import_backstage,
    ),
}


TOPOLOGY_COMMANDS: Commands = {
    "check": (
        "check topology files for the pitfalls between teams",
        f"{TOPOLOGY_EXIT}.\n\n{TOPOLOGY_CONFIG_HELP}.",
        _topology_check,
    ),
    "draw": ("draw a topology as SVG in Team Topologies' notation", SIMPLE_EXIT, _topology_draw),
    "diff": ("what changed between two versions of a topology", TOPOLOGY_DIFF_EXIT, _topology_diff),
    "init": (
        "write a starting topology file",
        SIMPLE_EXIT + " (an existing FILE is never replaced without --force)",
        _topology_init,
    ),
    "import": (
        "write a topology file from where an organisation already describes its teams",
        "Formats: team-api (a folder of Team API markdown files) and backstage (catalog "
        "files). See docs/reference/topology-format.md.",
        TOPOLOGY_IMPORT_COMMANDS,
    ),
}


COMMANDS: Commands = {
    "validate": ("validate answers files and report findings as text", CHECKING_EXIT, _validate),
    "report": ("report on answers files in a chosen format", CHECKING_EXIT, _report),
    "init": (
        "write an answers template for a checklist",
        SIMPLE_EXIT + " (an existing FILE is never replaced without --force)",
        _init,
    ),
    "lint": (
        "check checklists themselves",
        "exit codes: 0 no errors (warnings allowed); 2 errors or usage",
        _lint,
    ),
    "diff": (
        "progress between two sets of assessments of the same teams",
        "OLD and NEW are each an answers file, a directory of answers files, or a JSON report "
        "written by `report --format json` (any number of files). Assessments are matched by "
        "checklist and team; every match is compared and the rest are named (PC415).\n\n"
        "exit codes: 0 nothing worse; 1 a matched assessment is worse (a new or riskier "
        "finding, a lower score); 2 invalid input or usage",
        _diff,
    ),
    "new-checklist": (
        "scaffold a new checklist that passes `playbook-check lint`",
        SIMPLE_EXIT + " (existing files are never replaced without --force)",
        _new_checklist,
    ),
    "upgrade": (
        "rewrite answers files for the newest version of their checklist",
        "Each file is rewritten in place, atomically, with its comments and layout kept: "
        "answers carried, the checklist's migrations applied (renamed questions and choices, "
        "changed scales), answers that cannot be carried kept as notes or under retired, new "
        "questions added blank and listed.\n\n"
        "exit codes: 0 done (or nothing to do); 1 with --check or --diff, an upgrade is due; "
        "2 invalid input or usage",
        _upgrade,
    ),
    "schema": (
        "write a JSON Schema: checklists, answers (optionally for one checklist) or reports",
        SIMPLE_EXIT,
        _schema,
    ),
    "list": (
        "list the checklists found: id, version, title and where each comes from",
        SIMPLE_EXIT,
        _list,
    ),
    "explain": (
        "explain an error code, e.g. PC405",
        "exit codes: 0 done; 2 unknown code",
        _explain,
    ),
    "collect": (
        "file teams' JSON reports into a collection, by repository, keeping their history",
        "Each report is read strictly (a file that is not a report is refused, located) and "
        "stored byte for byte under its repository; the same report collected twice is kept "
        "once, and a stored report is never replaced or removed.\n\n"
        "exit codes: 0 every report collected (or collected already); 2 a report refused, or "
        "invalid usage",
        _collect,
    ),
    "org": (
        "an organisation's site from every team's reports",
        "Each subcommand's --help gives its exit codes.",
        ORG_COMMANDS,
    ),
    "topology": (
        "check, draw and compare a team topology (teams and interactions)",
        "The file format: docs/reference/topology-format.md. Each subcommand's --help gives "
        "its exit codes.",
        TOPOLOGY_COMMANDS,
    ),
}


def requested(argv: Sequence[str] | None, names: Sequence[str]) -> str | None:
    """The command ``argv`` names, if the parser needs no other: its first argument that is
    not an option, when that is a command and no ``-h``/``--help`` asks for this level's help
    before it. (The parser's own options take no values, so this is the command argparse will
    choose.)"""
    if argv is None:
        return None
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in names else None
    return None


def _add_commands(
    parser: argparse.ArgumentParser,
    commands: Commands,
    argv: Sequence[str] | None,
    dest: str = "command",
) -> None:
    """Add ``commands`` to ``parser``: all of them, or only the one ``argv`` names."""
    sub = parser.add_subparsers(
        dest=dest,
        metavar="COMMAND" if dest == "command" else "SUBCOMMAND",
        help=None if dest == "command" else f"see {parser.prog} SUBCOMMAND --help",
    )
    only = requested(argv, list(commands))
    for name, (help, epilog, options) in commands.items():
        if only is not None and name != only:
            continue
        p = sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=epilog,
            formatter_class=_Formatter,
        )
        if isinstance(options, dict):
            rest = None if only is None or argv is None else argv[list(argv).index(only) + 1 :]
            _add_commands(p, options, rest, dest=f"{name}_command")
        else:
            options(p)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, only the command it names gets its options (None: all)."""
    parser = argparse.ArgumentParser(
        prog="playbook-check",
        description="Check a team's answers to ML Team Playbook checklists.",
        epilog=f"{CHECKING_EXIT}.\n\n{ENVIRONMENT}.\n\n{CONFIG_HELP}.\n\n"
        "Run `playbook-check COMMAND --help` for a command's options and exit codes.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"playbook-check {__version__}")
    _add_commands(parser, COMMANDS, argv)
    return parser
