"""The ``playbook-check`` command line: the parser and one function per command.

Errors look like a compiler's (``path:line:col: error: message [code]``) and are raised as
:class:`~checker.diagnostics.CheckerError`, which knows its exit code and renders itself;
:func:`main` prints it. No tracebacks (set ``PLAYBOOK_DEBUG=1`` to see one for an internal
error). Heavy modules load lazily so that ``playbook-check --version`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from checker import __version__
from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from checker.constants import FAIL_ON_LEVELS, FORMATS, ID_RE, MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic, Severity

CHECKING_EXIT = (
    "exit codes: 0 every file valid and no open finding at or above --fail-on "
    "(or, with --baseline, nothing worse than the baseline); 1 open findings at or above "
    "--fail-on (0 with --exit-zero); 2 invalid input or usage"
)
SIMPLE_EXIT = "exit codes: 0 done; 2 invalid input or usage"
ENVIRONMENT = (
    "environment: PLAYBOOK_CHECKLISTS (directories of checklists, separated by "
    f"{os.pathsep!r}, searched when no --checklists is given); NO_COLOR, FORCE_COLOR (see "
    "--color); PLAYBOOK_DEBUG=1 (show a traceback for an internal error)"
)
CONFIG_HELP = (
    "configuration: [tool.playbook-check] in the nearest pyproject.toml sets files, exclude, "
    "fail-on, checklists, baseline and site-url; options given here override it"
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's paragraphs as written."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook-check",
        description="Check a team's answers to ML Team Playbook checklists.",
        epilog=f"{CHECKING_EXIT}.\n\n{ENVIRONMENT}.\n\n{CONFIG_HELP}.\n\n"
        "Run `playbook-check COMMAND --help` for a command's options and exit codes.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"playbook-check {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    color = argparse.ArgumentParser(add_help=False)
    color.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output: auto (default) colours a terminal unless NO_COLOR is set, "
        "or when FORCE_COLOR is set",
    )

    def command(name: str, help: str, epilog: str, *parents: argparse.ArgumentParser) -> Any:
        return sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=epilog,
            parents=list(parents),
            formatter_class=_Formatter,
        )

    def checklists(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--checklists",
            action="append",
            default=[],
            metavar="DIR",
            help="a directory of checklists, searched before ./checklists and the bundled "
            "checklists (repeatable; default: $PLAYBOOK_CHECKLISTS, else none); the first "
            "file named ID.yaml wins, see `playbook-check list`",
        )

    def checking(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help="answers files, directories searched recursively for answers files (YAML "
            "with a top-level checklist: key), or - for standard input "
            "(default: `files` in [tool.playbook-check])",
        )
        checklists(p)
        p.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="skip paths matching GLOB when searching directories (repeatable; default: "
            "`exclude` in [tool.playbook-check], plus .git, .venv, node_modules, _build ...)",
        )
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
        p.add_argument(
            "--baseline",
            metavar="REPORT",
            help="a JSON report to ratchet against: exit 1 only when an assessment is worse "
            "(a new or riskier finding at or above --fail-on, a lower score) "
            "(default: `baseline` in [tool.playbook-check], else none)",
        )
        p.add_argument(
            "--today",
            type=_date,
            metavar="DATE",
            help="date to judge exemption expiry by, YYYY-MM-DD (default: today)",
        )
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
        p.add_argument(
            "--max-bytes",
            type=int,
            default=MAX_BYTES,
            metavar="N",
            help=f"refuse answers files larger than N bytes (default: {MAX_BYTES}, 1 MiB)",
        )
        p.add_argument(
            "--stdin-filename",
            metavar="NAME",
            default="<stdin>",
            help="the name shown for - (standard input) in diagnostics and reports; relative "
            "evidence paths are resolved from its folder (default: <stdin>)",
        )

    p = command(
        "validate",
        "validate answers files and report findings as text",
        CHECKING_EXIT,
        color,
    )
    checking(p)
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only what fails the run: errors and open findings at or above --fail-on, "
        "each with its hint or advice (default: off)",
    )

    p = command("report", "report on answers files in a chosen format", CHECKING_EXIT, color)
    checking(p)
    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="text",
        help="report format (default: text)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write to OUT atomically (default: standard output)",
    )
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists (default: off)")
    p.add_argument(
        "--site-url",
        metavar="URL",
        help="address of the published playbook, for links to pitfall pages "
        "(default: `site-url` in [tool.playbook-check], else none)",
    )

    p = command(
        "init",
        "write an answers template for a checklist",
        SIMPLE_EXIT + " (an existing FILE is never replaced without --force)",
    )
    p.add_argument("checklist", metavar="CHECKLIST", help="checklist id, e.g. team-shape")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="file to write; missing folders are created (default: standard output)",
    )
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
    p.add_argument(
        "--force", action="store_true", help="overwrite FILE if it exists (default: off)"
    )
    checklists(p)

    p = command(
        "lint",
        "check checklists themselves",
        "exit codes: 0 no errors (warnings allowed); 2 errors or usage",
    )
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

    p = command(
        "diff",
        "progress between two sets of assessments of the same teams",
        "OLD and NEW are each an answers file, a directory of answers files, or a JSON report "
        "written by `report --format json` (any number of files). Assessments are matched by "
        "checklist and team; every match is compared and the rest are named (PC414).\n\n"
        "exit codes: 0 nothing worse; 1 a matched assessment is worse (a new or riskier "
        "finding, a lower score); 2 invalid input or usage",
    )
    p.add_argument("old", metavar="OLD", help="the earlier assessments")
    p.add_argument("new", metavar="NEW", help="the later assessments")
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    checklists(p)
    p.add_argument(
        "--today",
        type=_date,
        metavar="DATE",
        help="date to judge exemptions in answers files by (default: today)",
    )

    p = command(
        "new-checklist",
        "scaffold a new checklist that passes `playbook-check lint`",
        SIMPLE_EXIT + " (existing files are never replaced without --force)",
    )
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

    p = command(
        "schema",
        "write a JSON Schema: checklists, answers (optionally for one checklist) or reports",
        SIMPLE_EXIT,
    )
    p.add_argument(
        "name",
        choices=("checklist", "answers", "report"),
        help="which schema",
    )
    p.add_argument(
        "--checklist",
        metavar="ID",
        help="for answers: the schema of one checklist's answers, with its question ids, "
        "kinds, choices and prompts (default: the generic answers schema)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="file to write; missing folders are created (default: standard output)",
    )
    p.add_argument(
        "--force", action="store_true", help="overwrite FILE if it exists (default: off)"
    )
    checklists(p)

    p = command(
        "list",
        "list the checklists found: id, version, title and where each comes from",
        SIMPLE_EXIT,
    )
    checklists(p)
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )

    p = command(
        "explain",
        "explain an error code, e.g. PC405",
        "exit codes: 0 done; 2 unknown code",
    )
    p.add_argument("code", metavar="CODE", help="an error code such as PC405")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_INVALID
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    try:
        return _COMMANDS[args.command](args)
    except CheckerError as exc:
        _print_error(exc, args)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never show a traceback to users
        if os.environ.get("PLAYBOOK_DEBUG"):
            raise
        print(
            f"playbook-check: internal error: {type(exc).__name__}: {exc}\n"
            "  hint: please report this; set PLAYBOOK_DEBUG=1 to see the traceback",
            file=sys.stderr,
        )
        return EXIT_INVALID


def _colored(args: argparse.Namespace, stream: TextIO) -> bool:
    from checker.cli.color import use_color

    return use_color(getattr(args, "color", "never"), stream)


def _write(text: str, args: argparse.Namespace, stream: TextIO) -> None:
    if text and _colored(args, stream):
        from checker.cli.color import paint

        text = paint(text)
    stream.write(text)


def _print_error(exc: CheckerError, args: argparse.Namespace) -> None:
    _write(str(exc) + "\n", args, sys.stderr)


def _usage_error(message: str, hint: str = "") -> CheckerError:
    """A usage problem without a code of its own (exit 2)."""
    return CheckerError([Diagnostic("usage", message, "playbook-check", 0, 0, hint=hint)])


# --- checking: validate and report -------------------------------------------------------


def _settings(args: argparse.Namespace) -> None:
    """Fill options not given on the command line from [tool.playbook-check]."""
    from checker.cli.config import load_config

    config = load_config()
    if not args.files:
        args.files = config.files
    if not args.files:
        where = f" in {config.path}" if config.path else ""
        raise _usage_error(
            "no FILE given and no `files` configured" + where,
            "name answers files or directories, e.g. `playbook-check validate playbook`, or "
            'set files = ["playbook"] under [tool.playbook-check] in pyproject.toml',
        )
    args.checklists = args.checklists or config.checklists
    args.exclude = args.exclude or config.exclude
    args.fail_on = args.fail_on or config.fail_on or "high"
    args.baseline = args.baseline or config.baseline
    if hasattr(args, "site_url"):
        args.site_url = args.site_url or config.site_url


def _check(args: argparse.Namespace) -> list[Any]:
    import gc

    # Results for thousands of files stay alive until the report is written; with the default
    # thresholds the cyclic collector rescans them again and again (a third of the run time on
    # 10,000 files). They hold no reference cycles worth collecting early.
    gc.set_threshold(100_000, 50, 100)
    from checker.cli.discover import STDIN, discover
    from checker.pipeline import CheckOptions, check_answers
    from checker.registry import ChecklistRegistry, default_dirs
    from checker.validate.answers import evidence_root_for

    registry = ChecklistRegistry(default_dirs(args.checklists))
    options = CheckOptions(
        max_bytes=args.max_bytes,
        today=args.today,
        evidence_root=args.evidence_root,
        allow_incomplete=args.allow_incomplete,
    )
    found = discover(args.files, args.exclude, args.max_bytes)
    for warning in found.warnings:
        _write(warning.format() + "\n", args, sys.stderr)
    results = []
    for f in found.files:
        if f == STDIN:
            name = args.stdin_filename
            source = _read_stdin(args.max_bytes)
            root = args.evidence_root or evidence_root_for(Path(name).resolve())
            opts = CheckOptions(
                max_bytes=args.max_bytes,
                today=args.today,
                evidence_root=root,
                allow_incomplete=args.allow_incomplete,
            )
            results.append(check_answers(name, registry, opts, display=name, source=source))
        else:
            results.append(check_answers(f, registry, options))
    return results


def _read_stdin(max_bytes: int) -> bytes:
    """Standard input, at most one byte more than the limit (so the size check can fire)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (e.g. in tests)
        return sys.stdin.read(max_bytes + 1).encode("utf-8")
    data: bytes = stream.read(max_bytes + 1)
    return data


def _document(args: argparse.Namespace) -> dict[str, Any]:
    """The report document for a validate/report run, judged against --baseline."""
    from checker.report.document import build

    doc = build(_check(args), fail_on=args.fail_on)
    if args.baseline is not None:
        from checker.cli.baseline import load_baseline, ratchet

        code, lines = ratchet(doc, load_baseline(Path(args.baseline)))
        doc["exit_code"] = code
        for line in lines:
            print(line, file=sys.stderr)
    return doc


def _exit(doc: dict[str, Any], args: argparse.Namespace) -> int:
    code = int(doc["exit_code"])
    if args.exit_zero and code == EXIT_FINDINGS:
        return EXIT_OK
    return code


def cmd_validate(args: argparse.Namespace) -> int:
    from checker.report import text_format

    _settings(args)
    doc = _document(args)
    _write(text_format.render(doc, quiet=args.quiet), args, sys.stdout)
    return _exit(doc, args)


def cmd_report(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic
    from checker.report import render_document

    _settings(args)
    if args.output is not None and args.output.exists() and not args.force:
        write_atomic(args.output, "", force=False)  # raises PC501 before any work
    doc = _document(args)
    text = render_document(doc, args.format)
    if args.output is None:
        if args.format == "text":
            _write(text, args, sys.stdout)
        else:
            sys.stdout.write(text)
    else:
        _mkdirs(args.output)
        write_atomic(args.output, text, force=args.force)
    return _exit(doc, args)


# --- templates and schemas ----------------------------------------------------------------


def _mkdirs(path: Path) -> None:
    """Create the missing folders above ``path`` (PC502 when that fails)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckerError.one(
            "PC502", f"cannot create folder {str(path.parent)!r}: {exc.strerror or exc}", str(path)
        ) from None


def _registry(args: argparse.Namespace) -> Any:
    from checker.cli.config import load_config
    from checker.registry import ChecklistRegistry, default_dirs

    dirs = args.checklists or load_config().checklists
    return ChecklistRegistry(default_dirs(dirs))


def _get_checklist(registry: Any, checklist_id: str) -> Any:
    from checker.suggest import did_you_mean

    checklist = registry.get(checklist_id)
    if checklist is None:
        known = registry.ids()
        hint = did_you_mean(checklist_id, known) or "known: " + ", ".join(known)
        raise CheckerError.one(
            "PC410",
            f"unknown checklist {checklist_id!r}",
            hint=hint + "; `playbook-check list` shows where checklists come from",
        )
    return checklist


def _write_schema(path: Path, text: str, force: bool) -> None:
    """Write a generated schema; an identical file is left alone, a different one is replaced
    only with ``force`` (otherwise a warning says how to regenerate it)."""
    from checker.cli.output import write_atomic

    try:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        current = None
    if current == text:
        return
    if current is not None and not force:
        warning = Diagnostic(
            "PC501",
            "schema exists and differs from the current checklist; kept it",
            str(path),
            severity=Severity.WARNING,
            hint="pass --force to regenerate it",
        )
        print(warning.format(), file=sys.stderr)
        return
    _mkdirs(path)
    write_atomic(path, text, force=True)
    print(f"wrote {path}", file=sys.stderr)


def _relative_ref(target: Path, output: Path | None) -> str:
    base = output.resolve().parent if output is not None else Path.cwd().resolve()
    return Path(os.path.relpath(target.resolve(), base)).as_posix()


def cmd_init(args: argparse.Namespace) -> int:
    from checker.cli.answers_schema import answers_schema_text
    from checker.cli.output import write_atomic
    from checker.cli.template import render_template

    checklist = _get_checklist(_registry(args), args.checklist)
    if args.output is not None and args.output.exists() and not args.force:
        write_atomic(args.output, "", force=False)  # raises PC501
    schema_ref = ""
    if not args.no_schema and (args.schema is not None or args.output is not None):
        schema = args.schema or Path("schemas") / f"{checklist.id}.schema.json"
        _write_schema(schema, answers_schema_text(checklist), args.force)
        schema_ref = _relative_ref(schema, args.output)
    text = render_template(checklist, team=args.team, schema_ref=schema_ref)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    _mkdirs(args.output)
    write_atomic(args.output, text, force=args.force)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic

    if args.checklist is not None:
        if args.name != "answers":
            raise _usage_error("--checklist applies only to the answers schema")
        from checker.cli.answers_schema import answers_schema_text

        text = answers_schema_text(_get_checklist(_registry(args), args.checklist))
    else:
        from checker.validate.schema import schema_path

        text = schema_path(args.name).read_text(encoding="utf-8")
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    _mkdirs(args.output)
    write_atomic(args.output, text, force=args.force)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_new_checklist(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic
    from checker.cli.scaffold import checklist_text, page_text
    from checker.validate.schema import schema_path

    if not ID_RE.fullmatch(args.id):
        raise CheckerError.one(
            "PC205",
            f"{args.id!r} is not a kebab-case id",
            hint="use lower-case letters, digits and dashes, e.g. data-quality",
        )
    title = args.title or args.id.replace("-", " ").capitalize()
    target = args.checklists_dir / f"{args.id}.yaml"
    schema = args.schema or Path("schemas") / "checklist.schema.json"
    own = schema_path("checklist").resolve()
    if args.schema is None and Path.cwd().resolve() in own.parents:
        schema = own  # a checkout of the playbook itself: use its schema, write none
    targets = [
        (target, checklist_text(args.id, title, args.pitfall, _relative_ref(schema, target)))
    ]
    docs_dir = args.docs_dir
    if docs_dir is None and Path("docs/checklists").is_dir():
        docs_dir = Path("docs/checklists")
    if docs_dir is not None:
        targets.append((docs_dir / f"{args.id}.md", page_text(args.id, title, args.pitfall)))
    existing = [p for p, _ in targets if p.exists()]
    if existing and not args.force:
        raise CheckerError(
            [
                Diagnostic("PC501", "file exists; not overwriting it", str(p), hint="pass --force")
                for p in existing
            ]
        )
    for path, text in targets:
        _mkdirs(path)
        write_atomic(path, text, force=args.force)
        print(f"wrote {path}", file=sys.stderr)
    if schema != own:
        _write_schema(schema, own.read_text(encoding="utf-8"), args.force)
    steps = f"write the questions and findings in {target}, then run: playbook-check lint {target}"
    if docs_dir is not None:
        steps = f"add {docs_dir.name}/{args.id} to a toctree, " + steps
    print(f"next: {steps}", file=sys.stderr)
    return EXIT_OK


# --- checklists, codes, lint, diff --------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from checker.cli.config import load_config
    from checker.registry import default_sources

    sources = default_sources(args.checklists or load_config().checklists)
    registry = _registry(args)
    origin = {s.dir: s.origin for s in sources}
    rows = []
    for cid, paths in registry.locations().items():
        try:
            checklist = registry.get(cid)
            version, title = checklist.version_text, checklist.title
        except CheckerError as exc:
            version, title = "invalid", f"invalid: {exc.diagnostics[0].message}"
        rows.append(
            {
                "id": cid,
                "version": version,
                "title": title,
                "path": str(paths[0]),
                "source": origin.get(paths[0].parent, "?"),
                "shadows": [str(p) for p in paths[1:]],
            }
        )
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from checker.report.util import safe_line

    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        line = (
            f"{r['id']:<{width}}  {r['version']:<7}  {safe_line(r['title'])}  "
            f"({r['source']}: {r['path']})"
        )
        if r["shadows"]:
            line += "; overrides " + ", ".join(r["shadows"])
        print(line)
    print(
        "search order: "
        + ", ".join(f"{s.origin} {s.dir}" for s in sources)
        + "; the first file named ID.yaml wins"
    )
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from checker.codes import CODES, lookup, render_text
    from checker.suggest import did_you_mean

    code = lookup(args.code)
    if code is None:
        raise CheckerError.one(
            "PC002",
            f"unknown error code {args.code!r}",
            hint=did_you_mean(args.code.upper(), CODES) or "codes look like PC101",
        )
    sys.stdout.write(render_text(code))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from checker.cli.lint import bundled_pitfalls, checklist_files, lint, pitfalls_in_docs
    from checker.registry import bundled_dir

    paths = args.paths or [Path("checklists")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CheckerError(
            [Diagnostic("PC100", "no such file or directory", str(p)) for p in missing]
        )
    if args.docs is not None and not args.docs.is_dir():
        raise CheckerError.one("PC100", "docs directory not found", str(args.docs))
    docs = args.docs if args.docs is not None else (Path("docs") if Path("docs").is_dir() else None)
    defined = pitfalls_in_docs(docs) if docs is not None else {}
    pitfalls = None
    if defined or args.docs is not None:
        # A team's checklists may name the playbook's pitfalls; the playbook's own checklists
        # must find theirs in its docs.
        bundled = bundled_dir().resolve()
        own = any(p.resolve() == bundled or bundled in p.resolve().parents for p in paths)
        pitfalls = set(defined) if own else {*defined, *bundled_pitfalls()}
    diagnostics = lint(paths, pitfalls)
    _write("".join(d.format() + "\n" for d in diagnostics), args, sys.stdout)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    n = len(checklist_files(paths))
    print(
        f"{n} checklist(s) linted: {errors} error(s), {len(diagnostics) - errors} warning(s)"
        + (
            ""
            if pitfalls is not None
            else " (pitfall ids not checked: no docs directory defines pitfalls)"
        )
    )
    return EXIT_INVALID if errors else EXIT_OK


def _entries(path: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The valid file entries of a JSON report, or of answers files checked now."""
    from checker.cli.baseline import load_baseline
    from checker.report.document import build

    if path.endswith(".json") and Path(path).is_file():
        doc = load_baseline(Path(path))
        return [e for e in doc.get("files", []) if isinstance(e, dict) and e.get("valid")]
    from checker.cli.config import load_config

    ns = argparse.Namespace(
        **{
            **vars(args),
            "checklists": args.checklists or load_config().checklists,
            "files": [path],
            "exclude": [],
            "evidence_root": None,
            "allow_incomplete": True,
            "max_bytes": MAX_BYTES,
            "stdin_filename": "<stdin>",
        }
    )
    doc = build(_check(ns))
    errors = [
        Diagnostic(**{**d, "severity": Severity(d["severity"])})
        for e in doc["files"]
        for d in e["diagnostics"]
        if d["severity"] == "error"
    ]
    if errors:
        raise CheckerError(errors)
    return [e for e in doc["files"] if e.get("valid")]


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from checker.cli.diff import compare_all, render_all

    result = compare_all(_entries(args.old, args), _entries(args.new, args))
    from checker.report.util import safe_line

    for u in result["unmatched"]:
        here, other = (args.old, args.new) if u["side"] == "old" else (args.new, args.old)
        what = f"{u['checklist']} for team {u['team']!r}"
        print(
            Diagnostic(
                "PC414",
                f"{safe_line(what)} is only in {here}; not compared",
                safe_line(str(u["file"])),
                severity=Severity.WARNING,
                hint=f"{other} has no assessment of this checklist and team",
            ).format(),
            file=sys.stderr,
        )
    if not result["changes"]:
        raise CheckerError.one(
            "PC413",
            "no assessment in NEW matches one in OLD by checklist and team",
            args.new,
            hint="diff compares assessments of the same checklist and team",
        )
    if args.format == "json":
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_all(result))
    return EXIT_FINDINGS if result["worse"] else EXIT_OK


_COMMANDS = {
    "validate": cmd_validate,
    "report": cmd_report,
    "init": cmd_init,
    "lint": cmd_lint,
    "diff": cmd_diff,
    "new-checklist": cmd_new_checklist,
    "schema": cmd_schema,
    "list": cmd_list,
    "explain": cmd_explain,
}
