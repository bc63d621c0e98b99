"""The one registry of error codes: severity, title, explanation, example, hint and exit code.

``docs/reference/error-codes.md`` is generated from this module (``python -m checker.codes``;
a test fails when the page and the registry differ) and ``playbook-check explain PCnnn`` reads
it. Diagnostics name their code; :class:`~checker.diagnostics.CheckerError` takes its exit code
from here.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Final, NamedTuple


class Severity(StrEnum):
    """How serious a diagnostic is: errors make input invalid (exit code 2)."""

    ERROR = "error"
    WARNING = "warning"


EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_INVALID: Final = 2
"""Exit codes: clean; open findings at or above ``--fail-on``; invalid input or usage."""


class Code(NamedTuple):
    """One documented diagnostic code."""

    code: str
    severity: Severity
    title: str
    explanation: str
    example: str
    hint: str = ""
    exits: str = ""
    """How the exit code is chosen, when it is not simply 2 for an error and 0 for a warning."""

    @property
    def exit_code(self) -> int:
        """Errors make input invalid (exit 2); warnings leave the exit code alone (0)."""
        return EXIT_INVALID if self.severity is Severity.ERROR else EXIT_OK


GROUPS = {
    "PC0": "the command line and its configuration",
    "PC1": "reading YAML",
    "PC2": "structure (the JSON Schemas)",
    "PC3": "checklists",
    "PC4": "answers",
    "PC5": "output files",
    "PC6": "the site's overview of teams (warnings in the site build)",
    "PC7": "topology files",
    "PC8": "collecting reports (`playbook-check collect`)",
}
"""Code families by prefix, in page order."""

_CODES = (
    Code(
        "PC001",
        Severity.ERROR,
        "invalid configuration",
        "The `[tool.playbook-check]` table in `pyproject.toml` has an unknown key or a value of "
        "the wrong type.",
        "`pyproject.toml:12:1: error: [tool.playbook-check] fail-on is 'hihg'; expected one "
        "of: high, medium, low, none [PC001]`",
        hint="see the configuration keys in docs/reference/cli.md",
    ),
    Code(
        "PC002",
        Severity.ERROR,
        "unknown error code",
        "`playbook-check explain` was given a code that does not exist.",
        "`playbook-check: error: unknown error code 'PC999' [PC002]` — hint: did you mean 'PC409'?",
        hint="codes look like PC101; this page lists them all",
    ),
    Code(
        "PC003",
        Severity.WARNING,
        "no answers files found",
        "A directory given to `validate` or `report` holds no answers files (YAML files with a "
        "`checklist:` key), after excludes.",
        "`docs:1:1: warning: no answers files found here [PC003]`",
        hint="answers files are YAML files with a top-level checklist: key",
    ),
    Code(
        "PC004",
        Severity.ERROR,
        "checklists folder not found",
        "A folder of checklists given by `--checklists`, the `checklists` configuration key or "
        "`$PLAYBOOK_CHECKLISTS` does not exist or is not a folder. The run stops rather than "
        "go on with only the bundled checklists, which would hide a typo.",
        "`pyproject.toml:3:1: error: [tool.playbook-check] checklists folder 'checklist' does "
        "not exist or is not a folder [PC004]`",
        hint="fix the path; `playbook-check list` shows where checklists come from",
    ),
    Code(
        "PC005",
        Severity.ERROR,
        "nothing to check",
        "The files and folders given hold no answers file at all (an empty folder, a folder of "
        "other YAML, excludes that leave nothing), or standard input (`-`) is named twice. "
        "A CI job that checks nothing must not pass; a folder without answers beside others "
        "that have some is only a warning (PC003).",
        "`playbook:1:1: error: no answers files found: nothing was checked [PC005]`",
        hint="name answers files or the folders that hold them",
    ),
    Code(
        "PC010",
        Severity.ERROR,
        "this playbook-check is not the required version",
        "`required-version` in the configuration (or in a configuration it extends) names "
        "versions this playbook-check is not, so an organisation's teams all judge with the "
        "checker it agreed on. Every command that reads the configuration stops.",
        "`pyproject.toml:3:1: error: [tool.playbook-check] required-version is '>=0.3'; this is "
        "playbook-check 0.1.0 [PC010]`",
        hint="install a version it allows (pip install 'ml-team-playbook-checker>=0.3'), or "
        "change required-version",
    ),
    Code(
        "PC011",
        Severity.ERROR,
        "cannot extend the configuration",
        "`extend` names a base configuration that is missing, unreadable, not TOML, extends "
        "itself in a cycle, or nests more than 10 deep.",
        "`pyproject.toml:2:1: error: [tool.playbook-check] extend: '../org-playbook.toml' does "
        "not exist [PC011]`",
        hint="extend names a TOML file by a path relative to the file that says extend",
    ),
    Code(
        "PC012",
        Severity.ERROR,
        "invalid provenance option",
        "`--repository`, `--repository-url`, `--commit`, `--ref` or `--run-url` was given a "
        "value that is not a repository path, an http(s) address, a hex commit hash or a "
        "printable branch name.",
        "`playbook-check: error: --commit 'HEAD' is not a commit hash of 7 to 64 lower-case hex "
        "digits [PC012]`",
        hint="give the value the CI shows for it (git rev-parse HEAD for the commit), or leave "
        "the option out",
    ),
    Code(
        "PC013",
        Severity.WARNING,
        "CI variable left out of the provenance",
        "A GitHub Actions or GitLab CI variable that a report's provenance is read from has a "
        "malformed value; the report is written without that field.",
        "`playbook-check: warning: CI variable GITHUB_SHA is not a commit hash of 7 to 64 "
        "lower-case hex digits; the report's provenance leaves out its commit [PC013]`",
        hint="pass the option of that name (e.g. --commit) to give the value",
    ),
    Code(
        "PC014",
        Severity.ERROR,
        "invalid org init option",
        "`playbook-check org init` was given an organisation name that is not printable text "
        "of at most 120 characters, a theme name that is not a Python identifier, or a "
        "`--collection` or `--groups` path that leaves the site's folder.",
        "`playbook-check: error: --collection '../reports' must be a path inside the site's "
        "folder [PC014]`",
        hint="paths are relative to the site's folder: letters, digits, '.', '_', '-' and '/'",
    ),
    Code(
        "PC100",
        Severity.ERROR,
        "unreadable file",
        "The file cannot be read (missing, a directory, no permission, a NUL byte in the path, a name too long, a symlink loop).",
        "`missing.yaml:1:1: error: no such file [PC100]` — hint: check the path",
        hint="check the path, and that it is a file you may read",
    ),
    Code(
        "PC101",
        Severity.ERROR,
        "invalid YAML",
        "The YAML is malformed: unclosed brackets, bad indentation, tabs, control characters.",
        "`team.yaml:4:9: error: invalid YAML: did not find expected ',' or ']' [PC101]`",
        hint="fix the YAML at the position shown; indent with spaces, not tabs",
    ),
    Code(
        "PC102",
        Severity.ERROR,
        "duplicate key",
        "A key appears twice in one mapping.",
        "`team.yaml:10:3: error: duplicate key 'scientists' (first defined at line 6) [PC102]`",
        hint="keep one of the two keys",
    ),
    Code(
        "PC103",
        Severity.ERROR,
        "file too large",
        "The file is larger than the limit (1 MiB; `--max-bytes`).",
        "`team.yaml:1:1: error: file is 1,048,577 bytes; the limit is 1,048,576 [PC103]`",
        hint="split the file, or raise the limit with --max-bytes",
    ),
    Code(
        "PC104",
        Severity.ERROR,
        "alias bomb",
        'Aliases repeat more than 100,000 values (an "alias bomb": a few lines that expand to '
        "millions of values). Values written out do not count: they are bounded by the file's "
        "size (`--max-bytes`).",
        "`team.yaml:5:29: error: aliases repeat more than 100,000 values [PC104]`",
        hint="an alias bomb? write the values out, or repeat fewer with aliases (*name)",
    ),
    Code(
        "PC105",
        Severity.ERROR,
        "not UTF-8",
        "The file is not UTF-8.",
        "`team.yaml:3:10: error: invalid UTF-8 byte 0xe9 [PC105]` — hint: save the file as UTF-8",
        hint="save the file as UTF-8",
    ),
    Code(
        "PC106",
        Severity.ERROR,
        "empty file",
        "The file is empty or holds only comments.",
        "`team.yaml:1:1: error: file is empty [PC106]`",
        hint="start from a template: playbook-check init CHECKLIST",
    ),
    Code(
        "PC107",
        Severity.ERROR,
        "unsupported tag",
        "A tag other than the standard ones (`!!str`, `!!int`, ...).",
        "`team.yaml:3:7: error: unsupported tag 'tag:yaml.org,2002:python/object:os.system' [PC107]`",
        hint="remove the tag; write plain values",
    ),
    Code(
        "PC108",
        Severity.ERROR,
        "nested too deeply",
        "Nested more than 64 levels deep.",
        "`team.yaml:1:67: error: nested more than 64 levels deep [PC108]`",
        hint="flatten the structure",
    ),
    Code(
        "PC109",
        Severity.ERROR,
        "several YAML documents",
        "More than one YAML document (`---`) in a file.",
        "`team.yaml:17:1: error: more than one YAML document in the file [PC109]`",
        hint="keep one document per file",
    ),
    Code(
        "PC110",
        Severity.ERROR,
        "key is not plain text",
        "A mapping key that is not plain text (a list, a mapping or an alias).",
        "`team.yaml:9:5: error: mapping keys must be plain text [PC110]`",
        hint="use plain text keys",
    ),
    Code(
        "PC111",
        Severity.ERROR,
        "not a regular file",
        "The path is not a regular file: a FIFO, a device such as `/dev/zero`, a socket, or a symlink to one. It is refused without reading (never blocks).",
        "`fifo.yaml:1:1: error: is a FIFO (named pipe), not a regular file; not reading it [PC111]`",
        hint="point at a regular file",
    ),
    Code(
        "PC112",
        Severity.ERROR,
        "number too large",
        "A whole number beyond ±9,007,199,254,740,991 (2⁵³ - 1, the largest the browser form computes exactly). Quote it if it is text.",
        "`team.yaml:4:15: error: the number 123456789012345678901234… (6 more characters left out) is too large: whole numbers are limited to ±9,007,199,254,740,991 [PC112]`",
        hint="use a smaller number, or quote it if it is text",
    ),
    Code(
        "PC113",
        Severity.ERROR,
        "diagnostics left out",
        "More than 100 diagnostics for one file: the first 100 are shown, then this one says how many were left out (an error if any of them was, else a warning). Messages also quote at most 200 characters of a value.",
        "`team.yaml:1:1: error: 23,900 more diagnostic(s) left out (23,900 error(s)); only the first 100 are shown [PC113]`",
        hint="fix the problems shown, then run again",
    ),
    Code(
        "PC201",
        Severity.ERROR,
        "unknown key",
        "An unknown key; the hint names the closest known one.",
        "`team.yaml:4:1: error: unknown key 'teem' in the document [PC201]` — hint: did you mean 'team'?",
        hint="check the spelling; the hint names the closest known key",
    ),
    Code(
        "PC202",
        Severity.ERROR,
        "missing key",
        "A required key is missing.",
        "`team.yaml:2:1: error: the document is missing the required key 'team' [PC202]`",
        hint="add the key",
    ),
    Code(
        "PC203",
        Severity.ERROR,
        "wrong type",
        "A value of the wrong type.",
        "`team.yaml:3:7: error: team should be text, not a list [PC203]`",
        hint="write a value of the type named in the message",
    ),
    Code(
        "PC204",
        Severity.ERROR,
        "value outside a fixed set",
        "A value outside a fixed set.",
        "`staffing.yaml:13:15: error: sections[0].questions[0].kind is 'counter'; expected one of: yes-no, choice, multi-choice, count, number, percent, text [PC204]` — hint: did you mean 'count'?",
        hint="use one of the values listed in the message",
    ),
    Code(
        "PC205",
        Severity.ERROR,
        "wrong format",
        "A value in the wrong format (ids, versions, dates), or a team, exemption owner or reason with nothing visible (only spaces or zero-width characters).",
        "`team.yaml:2:12: error: checklist is 'staffing-1.2'; expected checklist-id@MAJOR.MINOR, e.g. team-shape@1.2 [PC205]`",
        hint="follow the format shown in the message",
    ),
    Code(
        "PC206",
        Severity.ERROR,
        "schema rule broken",
        "Any other schema rule (an empty title, too few items).",
        "`staffing.yaml:8:12: error: sections[0].title: '' should be non-empty [PC206]`",
        hint="change the value so that it meets the rule in the message",
    ),
    Code(
        "PC207",
        Severity.ERROR,
        "scaffolding refused",
        "`init`, `new-checklist` or `topology init` would write a file that `validate`, `lint` "
        "or `topology check` refuses (a blank team name, an id too long, an organisation name "
        "over 200 characters, a pitfall no page defines): nothing is written. The message "
        "quotes the check's own error and code.",
        "`team.yaml:7:7: error: not written: the file would fail its own check: team is '   '; "
        "expected a name with at least one visible character (PC205) [PC207]`",
        hint="change the option the message names",
    ),
    Code(
        "PC301",
        Severity.ERROR,
        "duplicate id",
        "A duplicate id (section, question, choice, finding or checklist), or an id that does not match the file name.",
        "`staffing.yaml:29:13: error: duplicate question id 'scientists' [PC301]`",
        hint="give each item its own id; name the file after the checklist id",
    ),
    Code(
        "PC302",
        Severity.ERROR,
        "unknown question in a condition",
        "A condition names a question that does not exist.",
        "`staffing.yaml:78:20: error: condition refers to unknown question 'mlops-share' [PC302]` — hint: did you mean 'mlops-shared'?",
        hint="name a question of this checklist",
    ),
    Code(
        "PC303",
        Severity.ERROR,
        "show_if refers forward",
        "A `show_if` refers to the question itself or a later one (which could make a cycle).",
        "`staffing.yaml:26:27: error: show_if may only refer to earlier questions, not 'team-size' [PC303]`",
        hint="refer only to questions asked earlier",
    ),
    Code(
        "PC304",
        Severity.ERROR,
        "operator does not fit the question",
        "An operator that does not fit the question's kind.",
        "`staffing.yaml:78:44: error: at_least needs a numeric question; 'mlops-shared' is yes-no [PC304]`",
        hint="use is/in for choices, has for multi-choice, at_least/below for numbers",
    ),
    Code(
        "PC305",
        Severity.ERROR,
        "value the question cannot take",
        "A value in a condition that the question cannot take.",
        "`staffing.yaml:84:42: error: 'yearly' is not a choice of 'deploy-frequency' [PC305]`",
        hint="use one of the question's choices or a value of its kind",
    ),
    Code(
        "PC306",
        Severity.ERROR,
        "changed version out of range",
        "`changed` is not a version up to the checklist's own.",
        "`staffing.yaml:28:18: error: changed: '1.3' is not within version 1.2.0 [PC306]`",
        hint="set changed to a MAJOR.MINOR up to the checklist's version",
    ),
    Code(
        "PC307",
        Severity.ERROR,
        "unknown pitfall",
        "A finding or question names a pitfall the docs do not define.",
        "`staffing.yaml:97:14: error: unknown pitfall 'ml-team-bottlenecks' [PC307]`",
        hint="name a pitfall defined by a pitfall directive in the docs, or pass --docs",
    ),
    Code(
        "PC308",
        Severity.WARNING,
        "checklist detects nothing",
        "The checklist has no findings, so it detects nothing.",
        "`empty.yaml:40:1: warning: checklist has no findings, so it can detect no pitfall [PC308]`",
        hint="add a finding rule",
    ),
    Code(
        "PC309",
        Severity.ERROR,
        "points do not fit the question",
        "Points that do not fit the question (unknown choices, bands on a yes-no, points on text).",
        "`staffing.yaml:44:28: error: points for unknown choice 'quartely' [PC309]`",
        hint="give points only for the question's own choices or kind",
    ),
    Code(
        "PC310",
        Severity.ERROR,
        "maturity levels out of order",
        "Maturity levels whose bounds do not increase or whose last level has a bound.",
        "`staffing.yaml:106:35: error: the last level must have no 'below' bound [PC310]`",
        hint="make the below bounds increase and leave the last level open",
    ),
    Code(
        "PC311",
        Severity.ERROR,
        "number not finite",
        "A number in a checklist (weight, points, band or level bound, condition value) that is `.nan`, `.inf` or beyond ±1,000,000,000.",
        "`staffing.yaml:9:13: error: nan is not a finite number within ±1,000,000,000 [PC311]`",
        hint="write a finite number within ±1,000,000,000",
    ),
    Code(
        "PC312",
        Severity.ERROR,
        "level rule cannot hold",
        "`no_open_high` where the level rule cannot hold: `true` on the lowest level (a team with "
        "an open high-risk finding would have no level), or `false` on the top level (which is "
        "never given beside an open high-risk finding).",
        "`staffing.yaml:108:48: error: the lowest level 'ad hoc' cannot need no open high-risk "
        "finding: a team with one would have no level [PC312]`",
        hint="mark only levels above the lowest with no_open_high: true",
    ),
    Code(
        "PC318",
        Severity.WARNING,
        "example disagrees with its page",
        "(site warning) A `checked-example` does not say what its page says: a pitfall's "
        "illustration raises no finding for that pitfall, or a recommended shape raises a "
        "finding (which contradicts it). The warning names the page, the example and the "
        "finding; it fails a `-W` build.",
        "`docs/pitfalls/slow-feedback-loops.md:44: WARNING: example 'Effects read at a monthly "
        "business review': it illustrates pitfall 'slow-feedback-loops', but interactions 2.0.0 "
        "raises no finding for it (it raises: nothing) [PC318]`",
        hint="change the example, or the checklist rule that disagrees with the page",
    ),
    Code(
        "PC320",
        Severity.ERROR,
        "major version without a migration",
        "(lint) A checklist at major version 2 or later declares no `migrations` entry from the previous major version, so `playbook-check upgrade` could not carry teams' answers.",
        "`checklists/team-shape.yaml:3:10: error: version 2.0.0 is a major version without a migration from 1.x [PC320]`",
        hint='add a migrations entry from: "N" for the previous major (it may be empty when every answer carries); see checklist-format.md',
    ),
    Code(
        "PC321",
        Severity.ERROR,
        "migration names an unknown question, choice or finding",
        "A `migrations` entry renames, removes or maps a question, choice or finding that the version it comes from or goes to does not have, maps choices of a question without choices, or gives a `scale` answer the new question does not accept. The last step is checked whenever the checklist loads; `lint` checks earlier steps against the archived releases.",
        "`checklists/platform.yaml:190:26: error: choice 'infra-platform' is not in 'infra-specialists' of platform@2.x [PC321]` — hint: did you mean 'infrastructure-platform'?",
        hint="name ids of the two versions the entry joins; null drops a choice or leaves a scaled answer blank",
    ),
    Code(
        "PC322",
        Severity.ERROR,
        "migration from a wrong version",
        "A `migrations` entry's `from` is not an earlier major version, or two entries start from the same one.",
        "`checklists/platform.yaml:188:11: error: a migration from 2.x is not from an earlier major version than 2.0.0 [PC322]`",
        hint='from: "N" names the earlier major version whose answers the entry upgrades to N+1',
    ),
    Code(
        "PC323",
        Severity.ERROR,
        "migration leaves a change unmapped",
        "(lint) Compared with the archived release, a question, choice or finding is gone, or a question changed kind, and the migration does not say what becomes of its answers (rename, remove, choices, scale or findings).",
        "`checklists/engineering-practices.yaml:185:5: error: question 'baseline-first' of engineering-practices@1.x is not in engineering-practices@2.x and the migration neither renames nor removes it [PC323]`",
        hint="map every change in the entry from the earlier version: nothing a team wrote should be carried by accident",
    ),
    Code(
        "PC324",
        Severity.ERROR,
        "bad archive file",
        "A file under a checklists folder's `archive/` is not named `ID@MAJOR.yaml`, keeps no earlier major version of a checklist beside the folder, or holds another version than its name says.",
        "`checklists/archive/team-shape@1.yaml:3:10: error: the archive file for team-shape@1 holds version 2.0.0 [PC324]`",
        hint="keep the last release of each earlier major version there, verbatim, as archive/ID@MAJOR.yaml",
    ),
    Code(
        "PC325",
        Severity.WARNING,
        "no archived release",
        "(lint) A major version within the deprecation window has no archived release, so answers for it are refused instead of checked with a warning, and its migration cannot be checked.",
        "`checklists/team-shape.yaml:3:10: warning: no archived release of team-shape@1.x: answers for it are refused instead of deprecated, and lint cannot check the migration from it [PC325]`",
        hint="copy the version's last release from the history to archive/ID@MAJOR.yaml, unchanged",
    ),
    Code(
        "PC401",
        Severity.ERROR,
        "unknown question",
        "An answer, note or evidence for a question the checklist does not have.",
        "`team.yaml:10:3: error: unknown question 'scientist' in checklist 'staffing' [PC401]` — hint: did you mean 'scientists'?",
        hint="check the spelling; `playbook-check init CHECKLIST` lists the questions",
    ),
    Code(
        "PC402",
        Severity.ERROR,
        "checklist version mismatch",
        "The answers name another major version, or a newer minor version than is known.",
        "`team.yaml:2:12: error: answers are for staffing@2.x but this checklist is version 1.2.0 [PC402]`",
        hint="answer the checklist version you have, or upgrade playbook-check",
    ),
    Code(
        "PC403",
        Severity.ERROR,
        "answer of the wrong kind",
        "An answer of the wrong kind.",
        "`team.yaml:8:17: error: 'mlops-shared' is a yes-no question; 'maybe' is not yes or no [PC403]`",
        hint="write an answer of the kind the template names",
    ),
    Code(
        "PC404",
        Severity.ERROR,
        "bad evidence",
        "Evidence that does not exist, leaves the repository, is not an http(s) URL, or whose path the system rejects (a NUL byte, a name too long, a symlink loop).",
        "`team.yaml:18:15: error: evidence path 'docs/missing.md' does not exist [PC404]`",
        hint="link a file inside the repository or an http(s) URL",
    ),
    Code(
        "PC405",
        Severity.ERROR,
        "unanswered question",
        "A required question that is shown is not answered (or is N/A without a reason). A warning with `--allow-incomplete`.",
        "`team.yaml:5:1: error: question 'team-size' is not answered [PC405]` — hint: How many people are on the team in total? (a whole number)",
        hint='answer it, or write {not_applicable: "why"}; --allow-incomplete makes this a warning',
    ),
    Code(
        "PC406",
        Severity.WARNING,
        "answer to a hidden question",
        "An answer to a question that is not asked, because its `show_if` does not hold; it is ignored.",
        "`team.yaml:8:3: warning: 'mlops-shared' is answered but not asked: its show_if condition does not hold [PC406]`",
        hint="remove the answer, or check the answers it depends on",
    ),
    Code(
        "PC407",
        Severity.WARNING,
        "stale answer",
        "An answer that may be stale: the question changed after the version answered.",
        "`team.yaml:8:3: warning: answer to 'mlops-shared' may be stale: the question changed in 1.2, after staffing@1.1 [PC407]`",
        hint="re-read the question, then update the version in checklist:",
    ),
    Code(
        "PC408",
        Severity.ERROR,
        "bad exemption",
        "An exemption for an unknown finding, or a second one for the same finding.",
        "`team.yaml:18:15: error: exemption for unknown finding 'shared-mlop' [PC408]` — hint: did you mean 'shared-mlops'?",
        hint="name a finding of the checklist, once",
    ),
    Code(
        "PC409",
        Severity.WARNING,
        "exemption not needed",
        "A valid exemption for a finding that does not fire.",
        "`team.yaml:18:5: warning: exemption for 'shared-mlops' is not needed: the finding does not fire [PC409]`",
        hint="remove the exemption",
    ),
    Code(
        "PC410",
        Severity.ERROR,
        "unknown checklist",
        "The answers name a checklist that cannot be found.",
        "`team.yaml:2:12: error: unknown checklist 'stafing' [PC410]` — hint: did you mean 'staffing'?",
        hint="`playbook-check list` shows the checklists found and where from",
    ),
    Code(
        "PC411",
        Severity.ERROR,
        "invalid checklist",
        "The checklist the answers name is itself invalid; its errors follow.",
        "`team.yaml:2:12: error: checklist 'staffing' is invalid; fix it first [PC411]`",
        hint="fix the checklist first: playbook-check lint",
    ),
    Code(
        "PC412",
        Severity.ERROR,
        "not a JSON report",
        "A `--baseline` or `diff` input (or a report the site reads) is not a playbook-check JSON report: not UTF-8, not strict JSON (`NaN`, `Infinity`, numbers out of range, duplicate keys and unpaired surrogates are refused), not valid against the published report schema (each problem at its line and column), or without a valid file to compare.",
        "`baseline.json:1:2: error: baseline is not JSON: Expecting property name enclosed in double quotes [PC412]`",
        hint="write one with: playbook-check report FILES --format json -o REPORT",
    ),
    Code(
        "PC413",
        Severity.ERROR,
        "different checklists",
        "`diff` was given assessments of two different checklists.",
        "`new.yaml:1:1: error: compares checklist 'platform' with 'team-shape' [PC413]`",
        hint="compare assessments of the same checklist",
    ),
    Code(
        "PC414",
        Severity.WARNING,
        "duplicate team in an overview",
        "(site warning) Two team directories of an `assessment-overview` give the same team name; the second is left out rather than merged into one column.",
        "`examples/b/staffing.yaml:2: WARNING: team 'Search' is also the team in a/; ... [PC414]`",
        hint="give each team directory its own team name",
    ),
    Code(
        "PC415",
        Severity.WARNING,
        "unmatched assessment",
        "`diff` found an assessment in one input with no assessment of the same checklist and team in the other; it is named but not compared.",
        "`new.json:1:1: warning: platform for team 'Search' is only in new.json; not compared [PC415]`",
        hint="compare reports that cover the same checklists and teams",
    ),
    Code(
        "PC416",
        Severity.WARNING,
        "answers to a checklist that does not apply",
        "The answers file says the whole checklist does not apply (`not_applicable: reason`) and "
        "also gives answers; they are ignored.",
        "`lab.yaml:5:1: warning: the checklist is answered as not applicable, so its 3 answers "
        "are ignored [PC416]`",
        hint="remove the answers, or remove not_applicable if the checklist applies",
    ),
    Code(
        "PC417",
        Severity.ERROR,
        "not applicable without a reason",
        "The answers file says the whole checklist does not apply but gives no reason (an empty, "
        "blank or null `not_applicable`).",
        "`lab.yaml:4:17: error: not_applicable needs a reason: why the checklist does not apply "
        "to the team [PC417]`",
        hint='write the reason: not_applicable: "why it does not apply to us"',
    ),
    Code(
        "PC420",
        Severity.WARNING,
        "deprecated checklist version",
        "The answers name an earlier major version of the checklist, within the deprecation window (the two major versions before the newest): they are checked against that version's archived release, and the report says which version judged them.",
        "`playbook/team-shape.yaml:2:12: warning: team-shape@1.x is deprecated: checked against version 1.0.0; the newest is 2.0.0 [PC420]`",
        hint="rewrite the answers for the newest version with `playbook-check upgrade FILE`",
    ),
    Code(
        "PC421",
        Severity.WARNING,
        "upgrade due",
        "`playbook-check upgrade --check`: the answers name an earlier major version than the newest; nothing is written.",
        "`playbook/team-shape.yaml:2:12: warning: team-shape@1.0 can be upgraded to team-shape@2.0 [PC421]`",
        hint="run `playbook-check upgrade FILE` and review the result",
        exits="1 from `upgrade --check` when any file is due",
    ),
    Code(
        "PC422",
        Severity.ERROR,
        "no way to upgrade",
        "`playbook-check upgrade` cannot reach the newest version: the checklist declares no migration from a version on the way, or its migrations are invalid.",
        "`team.yaml:2:12: error: cannot upgrade staffing@1.2: staffing 3.0.0 declares no migration from 2.x [PC422]`",
        hint="ask the checklist's maintainers for a migration, or answer the new version with `playbook-check init`",
    ),
    Code(
        "PC423",
        Severity.WARNING,
        "answer kept, not carried",
        "`playbook-check upgrade` could not carry an answer, note, evidence or exemption as it was: the question or finding is gone (kept under `retired`), or the answer does not fit the new question (the question is left blank and the old answer kept in its note).",
        "`playbook/engineering-practices.yaml:11:3: warning: 'baseline-first' is not asked in engineering-practices@2.0: its answer is kept under retired [PC423]`",
        hint="read what was kept, answer the new questions, then delete what you no longer need",
    ),
    Code(
        "PC424",
        Severity.WARNING,
        "question reworded",
        "`playbook-check upgrade` carried an answer to a question whose prompt or choices changed in the newer version; the answer may no longer be right.",
        "`playbook/platform.yaml:7:3: warning: 'ticket-wait' is asked differently in platform@2.0: re-read the question [PC424]`",
        hint="re-read the question (`playbook-check init CHECKLIST` prints it) and correct the answer if needed",
    ),
    Code(
        "PC425",
        Severity.ERROR,
        "cannot rewrite the file",
        "`playbook-check upgrade` could not rewrite the file with its comments and layout kept and read the same answers back (an unusual YAML construct); nothing was written.",
        "`team.yaml:1:1: error: cannot rewrite this file and keep its layout: ... [PC425]`",
        hint="upgrade it by hand: `playbook-check init CHECKLIST` prints the new version's questions and the checklist's migrations say what changed",
    ),
    Code(
        "PC426",
        Severity.ERROR,
        "file changed during the upgrade",
        "The answers file changed between being read and being rewritten; it was left as it is.",
        "`team.yaml:1:1: error: the file changed while it was upgraded; not writing it [PC426]`",
        hint="run the upgrade again",
    ),
    Code(
        "PC430",
        Severity.ERROR,
        "JSON report does not add up",
        "A JSON report read back (`--baseline`, `diff`, the site) is valid against the schema, "
        "but its values do not agree: a summary or count that is not what its findings add up "
        "to, an exit code its files do not give, a score outside its scale or not the "
        "aggregate of its sections, a finding marked failing that cannot fail, or an id, date "
        "or version that is not one. `playbook-check report` never writes such a report: it was "
        "edited or forged, and is refused rather than shown with numbers that lie.",
        "`baseline.json:12:17: error: baseline does not add up: it counts 0 open high findings; "
        "its entries hold 2 [PC430]`",
        hint="write the report again with: playbook-check report FILES --format json -o REPORT",
    ),
    Code(
        "PC431",
        Severity.WARNING,
        "diff across major versions",
        "`diff` compares two assessments of a checklist in different major versions: questions "
        "may have been renamed or removed, choices merged and scores computed otherwise, so a "
        "change in score may not be a change in the team. The comparison is still shown, with "
        "both versions.",
        "`new.json:1:1: warning: 'team-shape' for team 'Search' compares checklist '1.4.0' with "
        "'2.0.0', another major version: questions, choices and scores may differ [PC431]`",
        hint="compare assessments of one major version, or upgrade the older answers first",
    ),
    Code(
        "PC501",
        Severity.ERROR,
        "output file exists",
        "The output file exists (or appeared while the report was written: files are created exclusively); nothing was written. Pass `--force` to replace it.",
        "`report.json:1:1: error: file exists; not overwriting it [PC501]`",
        hint="pass --force to replace it",
    ),
    Code(
        "PC502",
        Severity.ERROR,
        "cannot write output",
        "The output file cannot be written (permissions, missing directory). Nothing partial is left behind.",
        "`out/report.json:1:1: error: cannot write here: No such file or directory [PC502]`",
        hint="check that the folder can be written",
    ),
    Code(
        "PC503",
        Severity.ERROR,
        "cannot write standard output",
        "Standard output cannot be written: the disk is full (`/dev/full`) or the reader closed the pipe.",
        "`<stdout>:1:1: error: cannot write the output: No space left on device [PC503]`",
        hint="write to a file with -o, or check the disk and the command reading the output",
    ),
    Code(
        "PC504",
        Severity.ERROR,
        "output is not a regular file",
        "The output path is a dangling symlink, a directory, a device, a FIFO or a socket: refused even with `--force`, which replaces only regular files.",
        "`/dev/null:1:1: error: is a character device, not a regular file; not writing to it [PC504]`",
        hint="write to a regular file, or remove the link first",
    ),
    Code(
        "PC505",
        Severity.ERROR,
        "interrupted",
        "The run was stopped by SIGTERM or SIGHUP; no output file and no temporary file is left.",
        "`playbook-check: error: interrupted by SIGTERM; no output file was written [PC505]`",
        hint="run it again",
        exits="128 + the signal number (143 for SIGTERM, 129 for SIGHUP)",
    ),
    Code(
        "PC601",
        Severity.WARNING,
        "invalid entry in a JSON report",
        "A JSON report lists an invalid answers file; that entry is left out of the overview.",
        "`reports/payments.json:14:16: WARNING: the report's entry for 'team.yaml' is invalid; it is left out [PC601]`",
        hint="fix the answers file and let the team's CI publish a new report",
    ),
    Code(
        "PC603",
        Severity.WARNING,
        "two assessments for one date",
        "A team folder holds two assessments of one checklist for the same date (or both undated); the second is left out.",
        "`examples/fraud/copy.yaml:2: WARNING: a second 'staffing' assessment of 'Fraud' for the same date (2026-11-20) as examples/fraud/staffing.yaml; it is left out [PC603]`",
        hint="keep one assessment per checklist and date in a team folder, or date them with assessed:",
    ),
    Code(
        "PC604",
        Severity.WARNING,
        "bad groups file",
        "The `:groups:` file is not a mapping of group names to lists of team folders, or names a folder with no assessments.",
        "`examples/groups.yaml:3:5: WARNING: group 'Risk' names 'frud', which has no assessments [PC604]`",
        hint="check the team folder's name",
    ),
    Code(
        "PC610",
        Severity.WARNING,
        "broken collection index",
        "A repository's `@index.json` in the collection the site reads (`playbook_collection`) "
        "is not valid JSON, does not match its schema, or names another repository; the "
        "site leaves that repository out.",
        "`reports/acme/search/@index.json:1:1: WARNING: the collection's index is broken: "
        "'reports' is a required property [PC610]`",
        hint="run playbook-check collect again: it rebuilds an index from the stored reports",
    ),
    Code(
        "PC611",
        Severity.WARNING,
        "assessment dated in the future",
        "An assessment's date (the report's generation time, else its `assessed:` date) is more "
        "than a day after the day the site is built for (`playbook_today`, else today). It is "
        "left out of the newest assessments and the trends, so a mistyped `9999-12-31` cannot "
        "stay the latest for ever.",
        "`examples/search/team-shape.yaml:3: WARNING: 'team-shape' of 'Search' is dated "
        "9999-12-31, after 2026-12-07; it is left out [PC611]`",
        hint="correct the assessed: date (or the clock of the CI that wrote the report)",
    ),
    Code(
        "PC701",
        Severity.ERROR,
        "not a topology file",
        "Not a topology file (no `topology:` key), or a format version this checker does not read.",
        "`org.yaml:1:11: error: unsupported topology format version 2 [PC701]`",
        hint="this playbook-check reads `topology: 1`",
    ),
    Code(
        "PC702",
        Severity.ERROR,
        "duplicate in a topology",
        "A duplicate: a team, provider, grouping or capability declared twice (teams and providers share one set of ids), a model or capability listed twice by one team, or a second interaction between the same two teams (whichever way it points).",
        "`org.yaml:6:10: error: duplicate team 'a' [PC702]`",
        hint="give each team, grouping and capability one declaration, and two teams at most one interaction",
    ),
    Code(
        "PC703",
        Severity.ERROR,
        "unknown team or grouping",
        "A reference to a team, provider or grouping that is not declared.",
        "`org.yaml:10:19: error: interaction to unknown team 'bb' [PC703]`",
        hint="did you mean 'b'?",
    ),
    Code(
        "PC704",
        Severity.ERROR,
        "team interacts with itself",
        "An interaction between a team and itself.",
        "`org.yaml:11:19: error: team 'a' interacts with itself [PC704]`",
        hint="remove the interaction, or name the other team",
    ),
    Code(
        "PC705",
        Severity.ERROR,
        "interaction ends before it starts",
        "An interaction that ends before it starts.",
        "`org.yaml:12:69: error: interaction ends (2026-01-01) before it starts (2026-02-01) [PC705]`",
        hint="swap since and until, or fix the date",
    ),
    Code(
        "PC706",
        Severity.ERROR,
        "team in the wrong kind of grouping",
        "A team in a grouping of the wrong kind (a stream-aligned team in a platform grouping, or a platform team in a value stream).",
        "`org.yaml:4:54: error: stream-aligned team 'a' is in platform grouping 'g' [PC706]`",
        hint="move the team to a grouping of its kind",
    ),
    Code(
        "PC707",
        Severity.ERROR,
        "unsafe team page",
        "A team's `page` that is not an http(s) URL or a plain path (for example `javascript:`).",
        "`org.yaml:4:63: error: page 'javascript:alert(1)' is not an http(s) URL or a path [PC707]`",
        hint="use an https:// URL or a documentation path",
    ),
    Code(
        "PC708",
        Severity.ERROR,
        "missing answers file",
        "A team's `answers` file that does not exist (paths are relative to the topology file).",
        "`org.yaml:5:61: error: answers file 'nope.yaml' of team 'b' does not exist [PC708]`",
        hint="fix the path; it is relative to the topology file",
    ),
    Code(
        "PC709",
        Severity.ERROR,
        "bad topology exemption",
        "An exemption for an unknown finding, or a second one for the same finding.",
        "`org.yaml:16:15: error: exemption for unknown finding 'long-colaboration' [PC709]`",
        hint="did you mean 'long-collaboration'?",
    ),
    Code(
        "PC710",
        Severity.WARNING,
        "unneeded topology exemption",
        "A valid exemption for a finding that does not fire.",
        "`org.yaml:20:5: warning: exemption for 'stream-provides-service' is not needed: the finding does not fire [PC710]`",
        hint="remove the exemption",
    ),
    Code(
        "PC711",
        Severity.ERROR,
        "look-alike names in a topology",
        "Two teams or providers (or two groupings) whose names a reader cannot tell apart: the same after Unicode normalisation (NFKC), ignoring case, spacing and invisible characters.",
        "`org.yaml:9:11: error: team 'search-2' has the name 'search', which reads the same as 'Search' of 'search' [PC711]`",
        hint="give each a name a reader can tell apart",
    ),
    Code(
        "PC712",
        Severity.ERROR,
        "answers file outside the repository",
        "A team's `answers` path that is absolute or leaves the repository holding the topology file (symbolic links followed); it is not read.",
        "`org.yaml:7:15: error: answers file '../../etc/team.yaml' of team 'search' is outside the repository [PC712]`",
        hint="link answers files inside the repository, by a path relative to the topology file",
    ),
    Code(
        "PC713",
        Severity.WARNING,
        "X-as-a-service that reads like a queue",
        "An X-as-a-service interaction whose purpose mentions tickets, a queue or requests. Teams that wait for a request to be done are served `by-request`, which the checks count as a dependency; X-as-a-service is self-service.",
        "`org.yaml:21:11: warning: this X-as-a-service interaction reads like a request queue ('Deployment by ticket') [PC713]`",
        hint="write `mode: by-request`",
    ),
    Code(
        "PC714",
        Severity.ERROR,
        "external provider in the wrong place",
        "An interaction between two external providers, or one in which an external provider consumes, is helped or is overseen (it may be the `to` only of a collaboration).",
        "`org.yaml:30:24: error: external provider 'cloud-ml' is the `to` of a x-as-a-service interaction [PC714]`",
        hint="a provider serves, helps or oversees a team: put it in `from`",
    ),
    Code(
        "PC740",
        Severity.WARNING,
        "imported team of no known type",
        "`topology import` met a team whose type is not one of the four (a Team API file's `team_type: undefined`, a Backstage Group's `playbook-check/team-type`); the team and its interactions are left out of the topology.",
        "`teams/forecasting.md:5:12: warning: team 'Forecasting' has 'undefined': not one of the four team types; not imported (nor its interactions) [PC740]`",
        hint="give it a type: stream-aligned, platform, enabling or complicated-subsystem",
    ),
    Code(
        "PC741",
        Severity.WARNING,
        "imported interaction with an unknown team",
        "`topology import` met an interaction with a team that no imported file describes (by id or by name), or with the team itself; it is left out.",
        "`teams/platform.md:31:3: warning: interaction with 'Legacy BI': no team of that id or name is imported; not imported [PC741]`",
        hint="write the other team's id or its name as its own file gives it, or import that team too",
    ),
    Code(
        "PC742",
        Severity.WARNING,
        "imported interaction of an unknown mode",
        "`topology import` met an interaction mode other than collaboration, X-as-a-Service, facilitating, by request or oversight; it is left out.",
        "`teams/enablement.md:22:3: warning: interaction mode 'Mentoring' with 'Recommendations' is not one the topology knows; not imported [PC742]`",
        hint="write collaboration, X-as-a-Service or facilitating (or by-request, oversight)",
    ),
    Code(
        "PC743",
        Severity.WARNING,
        "planned interaction not imported",
        'A Team API file\'s "Teams we expect to interact with soon" table: a topology describes the interactions that happen, so planned ones are left out.',
        "`teams/search.md:40:3: warning: planned interaction with 'Fraud detection' (X-as-a-Service); not imported [PC743]`",
        hint="add it to the topology when it starts, with `since`",
    ),
    Code(
        "PC744",
        Severity.WARNING,
        "duration that cannot be read",
        "`topology import` could not read an interaction's duration or end date; the interaction is imported without `until`.",
        "`teams/vision.md:25:3: warning: duration 'until the spring' of the interaction with 'Returns' cannot be read; imported without an end date [PC744]`",
        hint="write Ongoing, a span such as '3 months', or an end such as 'ending Feb 2027'",
    ),
    Code(
        "PC745",
        Severity.WARNING,
        "imported grouping that does not fit the team",
        "A stream-aligned team in a platform grouping, or a platform team in a value stream (as imported); the team is imported without the grouping.",
        "`teams/search.md:6:20: warning: stream-aligned team 'Search' is in platform grouping 'ML'; imported without a grouping [PC745]`",
        hint="put stream-aligned teams in value streams and platform teams in platform groupings",
    ),
    Code(
        "PC746",
        Severity.WARNING,
        "imported direction guessed",
        "A Team API table names the other team and the mode but not who serves whom; between two teams of the same type the import guesses, with the listed team as `from`.",
        "`teams/ci.md:30:3: warning: who serves whom in this x-as-a-service interaction between two platform teams is not written; imported with 'Cloud platform' as `from` [PC746]`",
        hint="check `from` and `to` in the imported file: `from` serves, helps or oversees",
    ),
    Code(
        "PC747",
        Severity.WARNING,
        "two modes for one pair of teams",
        "Two files (or two rows) give one pair of teams different modes; the topology keeps one interaction per pair, the first met (files in path order).",
        "`teams/recs.md:12:5: warning: 'Recommendations' and 'Search' are also written as collaboration at teams/search.md:30; that one is kept [PC747]`",
        hint="keep one interaction per pair of teams, in both teams' files alike",
    ),
    Code(
        "PC748",
        Severity.WARNING,
        "not a Team API file",
        "A markdown file without YAML front matter, or whose front matter has no `name`, is not read.",
        "`teams/README.md: warning: no YAML front matter (between --- lines at the top); not a Team API file, not read [PC748]`",
        hint="give each team file front matter with at least `name` and `team_type`",
    ),
    Code(
        "PC749",
        Severity.WARNING,
        "team imported twice",
        "Two files describe teams with the same id, or with names a reader cannot tell apart; the second is not imported.",
        "`teams/search-copy.md:3:7: warning: team 'Search' is already imported from teams/search.md:3 (the same id 'search' or a name that reads the same); not imported twice [PC749]`",
        hint="give each team its own id and a name a reader can tell apart",
    ),
    Code(
        "PC750",
        Severity.WARNING,
        "Backstage team without a team type",
        "A Backstage Group with `spec.type: team` but no `playbook-check/team-type` annotation; it is not imported, nor its interactions.",
        "`catalog/org.yaml:40:9: warning: team 'Checkout' has no `playbook-check/team-type` annotation; not imported (nor its interactions) [PC750]`",
        hint="annotate it: `playbook-check/team-type: stream-aligned` (or platform, enabling, complicated-subsystem)",
    ),
    Code(
        "PC751",
        Severity.WARNING,
        "imported value that cannot be read",
        "A team size, members, capability or model id, or an interaction entry that `topology import` cannot read; it is left out and the rest imported.",
        "`teams/vision.md:8:9: warning: size 'seven' is not a whole number of people; members left out [PC751]`",
        hint="see docs/reference/topology-format.md for what each format may hold",
    ),
    Code(
        "PC752",
        Severity.ERROR,
        "nothing to import",
        "`topology import` found no team it could import; no file is written.",
        "`teams: error: no team to import from teams [PC752]`",
        hint="check the path and the format: see `playbook-check topology import --help`",
    ),
    Code(
        "PC801",
        Severity.ERROR,
        "report without a repository",
        "`collect` files each report under its repository: the report's "
        "`provenance.repository`, else `--repository`, else the one team the report assesses. "
        "This report has no provenance and assesses several teams.",
        "`downloads/playbook-report.json:1:1: error: the report names no repository and "
        "assesses 5 teams; not collected [PC801]`",
        hint="publish reports from CI (their provenance names the repository), or pass "
        "--repository",
    ),
    Code(
        "PC802",
        Severity.ERROR,
        "repository path unusable",
        "A report's repository (or `--repository`) cannot name a folder of the collection: it "
        "has characters other than letters, digits, `.`, `_`, `-` and `/`, an empty or `..` "
        "part, or more than 255 characters.",
        "`r.json:1:1: error: repository '../etc' cannot be a folder of the collection [PC802]`",
        hint="give the repository's path as GitHub or GitLab shows it, e.g. acme/search",
    ),
    Code(
        "PC803",
        Severity.ERROR,
        "report cannot be filed",
        "A report changed while it was being collected, or holds values the collection's "
        "index cannot keep (a checklist id that is not kebab-case, a version that is not "
        "N.M, a score out of range). It is not collected.",
        "`r.json:1:1: error: the report cannot be filed: 'x y' does not match "
        "'^[a-z0-9]+(-[a-z0-9]+)*$' [PC803]`",
        hint="collect a report written by playbook-check report --format json",
    ),
    Code(
        "PC804",
        Severity.WARNING,
        "nothing to collect",
        "A report holds no valid assessment of an answers file (only invalid files, or a "
        "topology), or a folder given to `collect` holds no `*.json` file. Nothing is "
        "collected from it.",
        "`topology.json:1:1: warning: the report holds no valid assessment of an answers "
        "file; not collected [PC804]`",
        hint="collect the reports of `playbook-check report --format json` on answers files",
    ),
    Code(
        "PC805",
        Severity.ERROR,
        "not a collection",
        "`--into` names a file, or a folder that is neither empty nor a collection (it has no "
        "`@collection.json`), or another `collect` is writing into it. Nothing is written, so "
        "`collect` never mixes its files into a folder of yours.",
        "`site:1:1: error: is a folder that is not a collection; not writing into it [PC805]`",
        hint="give a new or empty folder, or one a previous collect wrote",
    ),
    Code(
        "PC806",
        Severity.WARNING,
        "collection index rebuilt",
        "A repository's `@index.json` was missing, broken or out of step with its `@reports` "
        "folder (after an interrupted collect, or an edit by hand); it was rebuilt from the "
        "stored reports. A stored report that cannot be read is kept and left out of the "
        "index.",
        "`reports/acme/search/@index.json:1:1: warning: rebuilt the index of 'acme/search' "
        "from its 12 stored report(s) [PC806]`",
        hint="nothing is lost; remove an unreadable stored report by hand if it is not needed",
    ),
    Code(
        "PC807",
        Severity.WARNING,
        "report dated in the future",
        "A collected report's date (its generation time, else its newest `assessed:` date) is "
        "more than a day after `--today`. It is kept; the site leaves it out of the newest "
        "assessments until that day (PC611).",
        "`r.json:1:1: warning: the report is dated 9999-12-31, after today (2026-12-07); "
        "collected, but the site leaves it out of the newest assessments until then [PC807]`",
        hint="check the clock of the CI that wrote it, or the assessed: date",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _CODES}
"""Every code, by name."""


def lookup(code: str) -> Code | None:
    """The registry entry for ``code`` (case-insensitive), or None."""
    return CODES.get(code.strip().upper())


def exit_code_of(code: str) -> int:
    """The exit code a diagnostic with ``code`` causes (2 for unknown codes: an error)."""
    entry = CODES.get(code)
    return EXIT_INVALID if entry is None else entry.exit_code


INTRO = """\
Every problem `playbook-check` reports has a stable code. Errors (`error:`) make the input
invalid and the run exit with code 2; warnings (`warning:`) are reported but do not change the
exit code. The same codes appear in the JSON, JUnit, SARIF and GitHub reports, and in the site
build's warnings. `playbook-check explain CODE` prints one entry from this page.
"""


def render_markdown() -> str:
    """The text of ``docs/reference/error-codes.md``."""
    out = [
        "% Generated from src/checker/codes.py by `python -m checker.codes`; do not edit.",
        "",
        "# Error codes",
        "",
        INTRO,
    ]
    for prefix, heading in GROUPS.items():
        # Each code has an anchor of its own (#pc403); the container lets the stylesheet lay
        # the table out as one card per code on phones.
        out += [
            f"## {prefix}xx: {heading}",
            "",
            ":::{container} playbook-codes",
            "| Code | Meaning | What to do | Example |",
            "|---|---|---|---|",
        ]
        for c in _CODES:
            if c.code.startswith(prefix):
                warn = "(warning) " if c.severity is Severity.WARNING else ""
                out.append(
                    f"| [{c.code}]{{#{c.code.lower()}}} | {warn}**{c.title[0].upper()}{c.title[1:]}.** {c.explanation} | {_cell(c.hint)} | "
                    f"{c.example} |"
                )
        out += [":::", ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_text(c: Code) -> str:
    """One code explained, for the terminal (``playbook-check explain``)."""
    return (
        f"{c.code} ({c.severity.value}, exit code {c.exits or c.exit_code}): {c.title}\n\n"
        f"{c.explanation}\n\nWhat to do: {c.hint}\n\nExample:\n  "
        f"{c.example.replace('`', '')}\n"
    )


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
