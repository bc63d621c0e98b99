"""The ``playbook-check`` command line: the parser and one function per command.

Errors look like a compiler's (``path:line:col: error: message [code]``) and are raised as
:class:`~checker.diagnostics.CheckerError`, which knows its exit code and renders itself;
:func:`main` prints it. No tracebacks (set ``PLAYBOOK_DEBUG=1`` to see one for an internal
error). Heavy modules load lazily so that ``playbook-check --version`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.cli.finish import emit, exit_code, judged
from checker.cli.parser import build_parser
from checker.cli.streams import say, write
from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from checker.constants import ID_RE, MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic, Severity

if TYPE_CHECKING:
    from checker.report.types import FileEntry, ReportDocument


def run() -> int:
    """The ``playbook-check`` process: :func:`main` on ``sys.argv``, then the objects alive are
    frozen out of the garbage collector, so the interpreter's last collection at exit does not
    scan them (a tenth of a one-file run). Everything is freed at exit all the same; use
    :func:`main` in a process that goes on."""
    import gc

    try:
        return main()
    finally:
        gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for bad input). The garbage
    collector's thresholds, which a large run raises, are restored before returning."""
    import gc

    thresholds = gc.get_threshold()
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_INVALID
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    from checker.cli.streams import OutputError, Terminated, flush_out, terminations_raise

    try:
        with terminations_raise():
            code: int = _COMMANDS[args.command](args)
            flush_out()
        return code
    except CheckerError as exc:
        _print_error(exc, args)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        _print_error(
            CheckerError.one("PC505", f"interrupted by {exc.name}; no output file was written"),
            args,
        )
        return 128 + exc.signum
    except OutputError as exc:
        from checker.cli.streams import discard_stdout

        discard_stdout()
        _print_error(
            CheckerError.one(
                "PC503",
                f"cannot write the output: {exc.reason}",
                "<stdout>",
                hint="write to a file with -o, or check the disk and the command reading the "
                "output",
            ),
            args,
        )
        return EXIT_INVALID
    except Exception as exc:  # never show a traceback to users
        if os.environ.get("PLAYBOOK_DEBUG"):
            raise
        from checker.cli.streams import say

        say(
            f"playbook-check: internal error: {type(exc).__name__}: {exc}"[:2000]
            + "\n  hint: please report this; set PLAYBOOK_DEBUG=1 to see the traceback"
        )
        return EXIT_INVALID


def _print_error(exc: CheckerError, args: argparse.Namespace) -> None:
    write(str(exc) + "\n", args, sys.stderr)


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
    args.baseline = (
        None if getattr(args, "no_baseline", False) else args.baseline or config.baseline
    )
    output = getattr(args, "output", None)
    if args.baseline and output is not None and _same_file(args.baseline, output):
        # The report being written is the baseline to be: it is not judged against itself
        # (which need not exist yet).
        say(f"{args.baseline}: not used as the baseline: it is the report being written")
        args.baseline = None
    if hasattr(args, "site_url"):
        args.site_url = args.site_url or config.site_url


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (which need not exist)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.abspath(a) == os.path.abspath(b)


def _check(args: argparse.Namespace) -> list[Any]:
    import gc

    # Results for thousands of files stay alive until the report is written; with the default
    # thresholds the cyclic collector rescans them again and again (a third of the run time on
    # 10,000 files). They hold no reference cycles worth collecting early. main() restores the
    # caller's thresholds.
    gc.set_threshold(100_000, 50, 100)
    from checker.cli.discover import STDIN, discover
    from checker.load.files import os_reason
    from checker.model import FileResult
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
    if list(args.files).count(STDIN) > 1:
        raise CheckerError.one(
            "PC005",
            "standard input ('-') is named more than once; it can be read once",
            STDIN,
            hint="name '-' once",
        )
    found = discover(args.files, args.exclude, args.max_bytes)
    if not found.files:  # a CI job that checks nothing must not pass
        raise CheckerError(
            [
                Diagnostic(
                    "PC005",
                    "no answers files found: nothing was checked",
                    w.file,
                    hint=w.hint,
                )
                for w in found.warnings
            ]
        )
    for warning in found.warnings:
        write(warning.format() + "\n", args, sys.stderr)
    results = []
    for f in found.files:
        if f == STDIN:
            name = args.stdin_filename
            try:
                source = _read_stdin(args.max_bytes)
            except (OSError, ValueError) as exc:  # ValueError: a closed file object
                why = os_reason(exc) if isinstance(exc, OSError) and exc.errno else "it is closed"
                diag = Diagnostic("PC100", f"cannot read standard input: {why}", name)
                results.append(FileResult(name, [diag]))
                continue
            root = args.evidence_root or evidence_root_for(Path(os.path.abspath(name)))
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
    """Standard input, at most one byte more than the limit (so the size check can fire).
    Raises ``OSError`` when it cannot be read (without an errno when it is closed)."""
    if sys.stdin is None:
        raise OSError("standard input is closed")
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (e.g. in tests)
        return sys.stdin.read(max_bytes + 1).encode("utf-8")
    data: bytes = stream.read(max_bytes + 1)
    return data


def _document(args: argparse.Namespace) -> ReportDocument:
    """The report document for a validate/report run (see :func:`judged`)."""
    from checker.report.document import build

    return judged(build(_check(args), fail_on=args.fail_on), args)


def cmd_validate(args: argparse.Namespace) -> int:
    from checker.report import render_document, text_format
    from checker.textsafe import neutralise_data

    _settings(args)
    doc = _document(args)
    if args.quiet:  # neutralised as render_document does, but only what is shown
        text = text_format.render(neutralise_data(text_format.failing(doc)), quiet=True)
    else:
        text = render_document(doc, "text")
    write(text, args, sys.stdout)
    return exit_code(doc, args)


def cmd_report(args: argparse.Namespace) -> int:
    from checker.output import check_target

    _settings(args)
    if args.compact and args.format != "markdown":
        raise _usage_error(
            f"--compact is a Markdown summary; --format is {args.format}",
            "add --format markdown, or leave out --compact",
        )
    if args.output is not None:  # fail early, before the work; checked again on writing
        check_target(args.output, force=args.force)
    return emit(_document(args), args)


# --- templates and schemas ----------------------------------------------------------------


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
    from checker.load.files import read_bounded
    from checker.output import check_target, write_atomic

    check_target(path, force=True)  # only a regular file (or nothing) may be there
    try:
        raw = read_bounded(path, display=str(path), max_bytes=MAX_BYTES)
        current: str | None = raw.decode("utf-8")
    except (CheckerError, UnicodeDecodeError):
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
        say(warning.format())
        return
    from checker.output import make_parents

    make_parents(path)
    write_atomic(path, text, force=current is not None)
    say(f"wrote {path}")


def _relative_ref(target: Path, output: Path | None) -> str:
    """``target`` relative to the folder of ``output`` (or the working directory), as written:
    the reference an editor follows from that file."""
    base = os.path.dirname(os.path.abspath(output)) if output is not None else os.getcwd()
    return Path(os.path.relpath(os.path.abspath(target), base)).as_posix()


def cmd_init(args: argparse.Namespace) -> int:
    from checker.cli.accepted import answers_problems, refuse_unless_accepted
    from checker.cli.answers_schema import answers_schema_text
    from checker.cli.streams import write_out
    from checker.cli.template import render_template
    from checker.output import check_target, write_atomic

    checklist = _get_checklist(_registry(args), args.checklist)
    if args.output is not None:  # before anything is written
        check_target(args.output, force=args.force)
    schema_ref, schema = "", None
    if not args.no_schema and (args.schema is not None or args.output is not None):
        schema = args.schema or Path("schemas") / f"{checklist.id}.schema.json"
        schema_ref = _relative_ref(schema, args.output)
    text = render_template(checklist, team=args.team, schema_ref=schema_ref)
    name = str(args.output) if args.output is not None else "<stdout>"
    refuse_unless_accepted(answers_problems(text, name), "--team")
    if schema is not None:
        _write_schema(schema, answers_schema_text(checklist), args.force)
    if args.output is None:
        write_out(text)
        return EXIT_OK
    from checker.output import make_parents

    make_parents(args.output)
    write_atomic(args.output, text, force=args.force)
    say(f"wrote {args.output}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from checker.cli.streams import write_out
    from checker.output import check_target, write_atomic

    if args.checklist is not None:
        if args.name != "answers":
            raise _usage_error("--checklist applies only to the answers schema")
        from checker.cli.answers_schema import answers_schema_text

        text = answers_schema_text(_get_checklist(_registry(args), args.checklist))
    else:
        from checker.validate.schema import schema_path

        text = schema_path(args.name).read_text(encoding="utf-8")
    if args.output is None:
        write_out(text)
        return EXIT_OK
    check_target(args.output, force=args.force)
    from checker.output import make_parents

    make_parents(args.output)
    write_atomic(args.output, text, force=args.force)
    say(f"wrote {args.output}")
    return EXIT_OK


def cmd_new_checklist(args: argparse.Namespace) -> int:
    from checker.cli.accepted import checklist_problems, refuse_unless_accepted
    from checker.cli.lint import bundled_pitfalls, pitfalls_in_docs
    from checker.cli.scaffold import checklist_text, page_text
    from checker.load.files import is_dir
    from checker.output import check_target, write_atomic
    from checker.textsafe import brief, is_blank, unsafe
    from checker.validate.schema import schema_path

    if not ID_RE.fullmatch(args.id):
        raise CheckerError.one(
            "PC205",
            f"{brief(args.id)} is not a kebab-case id",
            hint="use lower-case letters, digits and dashes, e.g. data-quality",
        )
    title = args.title or args.id.replace("-", " ").capitalize()
    if is_blank(title) or unsafe(multiline=True).search(title) or "\n" in title:
        raise CheckerError.one(
            "PC205",
            f"--title {brief(title)} is not one line of visible text",
            hint="the title heads the checklist and its page",
        )
    target = args.checklists_dir / f"{args.id}.yaml"
    schema = args.schema or Path("schemas") / "checklist.schema.json"
    own = schema_path("checklist").resolve()
    if args.schema is None and Path.cwd().resolve() in own.parents:
        schema = own  # a checkout of the playbook itself: use its schema, write none
    targets = [
        (target, checklist_text(args.id, title, args.pitfall, _relative_ref(schema, target)))
    ]
    # Checked as `lint` checks it: pitfall ids too, when a docs folder defines pitfalls.
    defined = pitfalls_in_docs(Path("docs")) if is_dir(Path("docs")) else {}
    pitfalls = {*defined, *bundled_pitfalls()} if defined else None
    problems = checklist_problems(targets[0][1], str(target), args.id, pitfalls)
    refuse_unless_accepted(problems, "--id, --title or --pitfall")
    docs_dir = args.docs_dir
    if docs_dir is None and Path("docs/checklists").is_dir():
        docs_dir = Path("docs/checklists")
    if docs_dir is not None:
        targets.append((docs_dir / f"{args.id}.md", page_text(args.id, title, args.pitfall)))
    refused: list[Diagnostic] = []
    for p, _ in targets:
        try:
            check_target(p, force=args.force)
        except CheckerError as exc:
            refused += exc.diagnostics
    if refused:
        raise CheckerError(refused)
    for path, text in targets:
        from checker.output import make_parents

        make_parents(path)
        write_atomic(path, text, force=args.force)
        say(f"wrote {path}")
    if schema != own:
        _write_schema(schema, own.read_text(encoding="utf-8"), args.force)
    steps = f"write the questions and findings in {target}, then run: playbook-check lint {target}"
    if docs_dir is not None:
        steps = f"add {docs_dir.name}/{args.id} to a toctree, " + steps
    say(f"next: {steps}")
    return EXIT_OK


# --- checklists, codes, lint, diff --------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from checker.cli.config import load_config
    from checker.cli.streams import write_out
    from checker.registry import default_sources
    from checker.textsafe import json_safe, neutralise

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
        rows += _archived_rows(registry, cid, origin.get(paths[0].parent, "?"))
    if args.format == "json":
        write_out(json_safe(json.dumps(rows, indent=2, ensure_ascii=False)) + "\n")
        return EXIT_OK

    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        line = (
            f"{r['id']:<{width}}  {r['version']:<7}  {neutralise(r['title'])}  "
            f"({r['source']}: {r['path']})"
        )
        if r["shadows"]:
            line += "; overrides " + ", ".join(r["shadows"])
        if "status" in r:
            line += f"; {r['status']}: rewrite answers with playbook-check upgrade"
        write_out(neutralise(line) + "\n")
    order = ", ".join(f"{s.origin} {s.dir}" for s in sources)
    write_out(neutralise(f"search order: {order}; the first file named ID.yaml wins") + "\n")
    return EXIT_OK


def _archived_rows(registry: Any, checklist_id: str, source: str) -> list[dict[str, Any]]:
    """``list`` rows for the archived releases of a checklist: ``deprecated`` within the
    deprecation window (answers are checked against them, with a warning), else
    ``unsupported`` (answers are refused; ``upgrade`` still carries them)."""
    from checker.constants import DEPRECATION_WINDOW

    rows = []
    try:
        newest = registry.get(checklist_id)
    except CheckerError:
        newest = None
    for major, path in registry.archives(checklist_id):
        try:
            archived = registry.archived(checklist_id, major)
            version, title = archived.version_text, archived.title
        except CheckerError as exc:
            version, title = "invalid", f"invalid: {exc.diagnostics[0].message}"
        behind = newest.version[0] - major if newest is not None else 0
        rows.append(
            {
                "id": f"{checklist_id}@{major}",
                "version": version,
                "title": title,
                "path": str(path),
                "source": source,
                "shadows": [],
                "status": "deprecated" if 0 < behind <= DEPRECATION_WINDOW else "unsupported",
            }
        )
    return rows


def _digits(code: str) -> str:
    """A code as typed, with letters that look like digits read as digits (``PC4O5``)."""
    head, tail = code.strip().upper()[:2], code.strip().upper()[2:]
    return head + tail.translate(str.maketrans("OIL", "011"))


def cmd_explain(args: argparse.Namespace) -> int:
    from checker.codes import CODES, lookup, render_text
    from checker.suggest import did_you_mean

    code = lookup(args.code)
    if code is None:
        raise CheckerError.one(
            "PC002",
            f"unknown error code {args.code!r}",
            hint=did_you_mean(_digits(args.code), CODES) or "codes look like PC101",
        )
    from checker.cli.streams import write_out

    write_out(render_text(code))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from checker.cli.lint import bundled_pitfalls, checklist_files, lint, pitfalls_in_docs
    from checker.cli.streams import write_out
    from checker.load.files import is_dir, path_problem, safe_resolve
    from checker.registry import bundled_dir

    paths = args.paths or [Path("checklists")]
    problems = [(p, path_problem(p)) for p in paths]
    bad = [
        Diagnostic("PC100", "no such file or directory" if why == "does not exist" else why, str(p))
        for p, why in problems
        if why is not None
    ]
    if bad:
        raise CheckerError(bad)
    if args.docs is not None and not is_dir(args.docs):
        raise CheckerError.one("PC100", "docs directory not found", str(args.docs))
    docs = args.docs if args.docs is not None else (Path("docs") if is_dir(Path("docs")) else None)
    defined = pitfalls_in_docs(docs) if docs is not None else {}
    pitfalls = None
    if defined or args.docs is not None:
        # A team's checklists may name the playbook's pitfalls; the playbook's own checklists
        # must find theirs in its docs.
        bundled = bundled_dir().resolve()
        resolved = [r for r in (safe_resolve(p) for p in paths) if r is not None]
        own = any(r == bundled or bundled in r.parents for r in resolved)
        pitfalls = set(defined) if own else {*defined, *bundled_pitfalls()}
    diagnostics = lint(paths, pitfalls)
    write("".join(d.format() + "\n" for d in diagnostics), args, sys.stdout)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    n = len(checklist_files(paths))
    write_out(
        f"{n} checklist(s) linted: {errors} error(s), {len(diagnostics) - errors} warning(s)"
        + (
            ""
            if pitfalls is not None
            else " (pitfall ids not checked: no docs directory defines pitfalls)"
        )
        + "\n"
    )
    return EXIT_INVALID if errors else EXIT_OK


def _entries(path: str, args: argparse.Namespace) -> list[FileEntry]:
    """The valid file entries of a JSON report, or of answers files checked now."""
    from checker.report.document import build
    from checker.report.read import load_report

    if path.endswith(".json"):
        doc = load_report(Path(path))
        valid = [e for e in doc["files"] if e["valid"]]
        if not valid:
            raise CheckerError.one("PC412", "the report has no valid file to compare", path)
        return valid
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
        Diagnostic(d["code"], d["message"], d["file"], d["line"], d["column"], hint=d["hint"])
        for e in doc["files"]
        for d in e["diagnostics"]
        if d["severity"] == "error"
    ]
    if errors:
        raise CheckerError(errors)
    return [e for e in doc["files"] if e["valid"]]


def cmd_diff(args: argparse.Namespace) -> int:
    from checker.cli.streams import write_out
    from checker.report.compare import compare_all
    from checker.report.compare_text import render
    from checker.textsafe import brief

    result = compare_all(_entries(args.old, args), _entries(args.new, args))
    for u in result["unmatched"]:
        here, other = (args.old, args.new) if u["side"] == "old" else (args.new, args.old)
        warning = Diagnostic(
            "PC415",
            f"{u['checklist']} for team {brief(u['team'])} is only in {here}; not compared",
            str(u["file"]),
            severity=Severity.WARNING,
            hint=f"{other} has no assessment of this checklist and team",
        )
        write(warning.format() + "\n", args, sys.stderr)
    for change in result["changes"]:
        versions = change["versions"]
        if versions["major"]:
            warning = Diagnostic(
                "PC431",
                f"{brief(change['checklist'])} for team {brief(change['team'])} compares "
                f"checklist {brief(versions['old'])} with {brief(versions['new'])}, another "
                "major version: questions, choices and scores may differ",
                str(change["files"]["new"]),
                severity=Severity.WARNING,
                hint="compare assessments of one major version, or upgrade the older answers first",
            )
            write(warning.format() + "\n", args, sys.stderr)
    if not result["changes"]:
        raise CheckerError.one(
            "PC413",
            "no assessment in NEW matches one in OLD by checklist and team",
            args.new,
            hint="diff compares assessments of the same checklist and team",
        )
    write_out(render(result, args.format))
    return EXIT_FINDINGS if result["worse"] else EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from checker.cli.upgrade import run

    return run(args, lambda text, stream: write(text, args, stream))


def cmd_collect(args: argparse.Namespace) -> int:
    from checker.cli.org import collect_command

    return collect_command(args)


def cmd_org(args: argparse.Namespace) -> int:
    from checker.cli.org import org_command

    return org_command(args)


def cmd_topology(args: argparse.Namespace) -> int:
    from checker.cli.topology import run
    from checker.cli.topology_views import run as views

    handled = views(args)
    return run(args) if handled is None else handled


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
    "upgrade": cmd_upgrade,
    "collect": cmd_collect,
    "org": cmd_org,
    "topology": cmd_topology,
}
