"""Where a report comes from: repository, commit, ref, CI run and generation time.

Read from the CI's standard variables (GitHub Actions: ``GITHUB_*``; GitLab CI: ``CI_*``) or
given by options (``--repository``, ``--commit``, ``--ref``, ``--run-url``,
``--repository-url``), which win over the variables. Outside CI and without options a report
carries no provenance, so a local run stays byte-identical for the same input and date. The
generation time is ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the current time
in UTC to the second.

An option with a malformed value is an error (PC012); a malformed CI variable is left out with
a warning (PC013), so a CI with odd settings still gets its verdict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from checker.diagnostics import CheckerError, Diagnostic, Severity

if TYPE_CHECKING:
    from checker.report.types import Provenance

COMMIT_RE = re.compile(r"[0-9a-f]{7,64}")
URL_RE = re.compile(r"https?://[^\s<>\"'`\\]{1,2000}")
# A repository path as GitHub and GitLab spell them: owner/name, group/subgroup/project.
REPOSITORY_RE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+){0,19}")
REF_MAX = 255
REPOSITORY_MAX = 255

# field: (option, GitHub Actions variable(s), GitLab CI variable)
_FIELDS = ("repository", "repository_url", "commit", "ref", "run_url")


def _clean_ref(value: str) -> bool:
    return 0 < len(value) <= REF_MAX and value.isprintable() and not value.isspace()


def _valid(field: str, value: str) -> bool:
    if field == "repository":
        return (
            len(value) <= REPOSITORY_MAX
            and bool(REPOSITORY_RE.fullmatch(value))
            and (".." not in value.split("/"))
        )
    if field == "commit":
        return bool(COMMIT_RE.fullmatch(value))
    if field == "ref":
        return _clean_ref(value)
    return bool(URL_RE.fullmatch(value))


_EXPECTED = {
    "repository": "a repository path such as acme/search (letters, digits, . _ - and /)",
    "repository_url": "an http(s) address",
    "commit": "a commit hash of 7 to 64 lower-case hex digits",
    "ref": f"a branch or tag name of at most {REF_MAX} printable characters",
    "run_url": "an http(s) address",
}


def from_github(env: Mapping[str, str]) -> dict[str, str]:
    """Provenance from GitHub Actions' default variables."""
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repo = env.get("GITHUB_REPOSITORY", "")
    found = {
        "ci": "github-actions",
        "repository": repo,
        "commit": env.get("GITHUB_SHA", ""),
        # A pull request's branch, else the branch or tag that was pushed.
        "ref": env.get("GITHUB_HEAD_REF") or env.get("GITHUB_REF_NAME", ""),
    }
    if repo:
        found["repository_url"] = f"{server}/{repo}"
        run = env.get("GITHUB_RUN_ID", "")
        if run.isdigit():
            found["run_url"] = f"{server}/{repo}/actions/runs/{run}"
            attempt = env.get("GITHUB_RUN_ATTEMPT", "")
            if attempt.isdigit() and attempt != "1":
                found["run_url"] += f"/attempts/{attempt}"
    return found


def from_gitlab(env: Mapping[str, str]) -> dict[str, str]:
    """Provenance from GitLab CI's predefined variables."""
    return {
        "ci": "gitlab-ci",
        "repository": env.get("CI_PROJECT_PATH", ""),
        "repository_url": env.get("CI_PROJECT_URL", ""),
        "commit": env.get("CI_COMMIT_SHA", ""),
        "ref": env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") or env.get("CI_COMMIT_REF_NAME", ""),
        "run_url": env.get("CI_JOB_URL") or env.get("CI_PIPELINE_URL", ""),
    }


_VARIABLE = {
    "github-actions": {
        "repository": "GITHUB_REPOSITORY",
        "repository_url": "GITHUB_SERVER_URL",
        "commit": "GITHUB_SHA",
        "ref": "GITHUB_REF_NAME",
        "run_url": "GITHUB_RUN_ID",
    },
    "gitlab-ci": {
        "repository": "CI_PROJECT_PATH",
        "repository_url": "CI_PROJECT_URL",
        "commit": "CI_COMMIT_SHA",
        "ref": "CI_COMMIT_REF_NAME",
        "run_url": "CI_JOB_URL",
    },
}


def commit_url(ci: str, repository_url: str, commit: str) -> str:
    """The page of ``commit``: GitLab's ``/-/commit/``, else ``/commit/`` (GitHub, Gitea)."""
    sep = "/-/commit/" if ci == "gitlab-ci" else "/commit/"
    return repository_url.rstrip("/") + sep + commit


def generated_at(env: Mapping[str, str]) -> str:
    """``SOURCE_DATE_EPOCH`` (when a whole number) or now, as ``YYYY-MM-DDTHH:MM:SSZ``."""
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def collect_provenance(
    args: argparse.Namespace, env: Mapping[str, str] | None = None
) -> tuple[Provenance | None, list[Diagnostic]]:
    """The report's ``provenance`` (None: none known, or ``--no-provenance``) and warnings for
    CI variables left out. Raises :class:`CheckerError` (PC012) for a malformed option."""
    env = os.environ if env is None else env
    if getattr(args, "no_provenance", False):
        return None, []
    given = {f: getattr(args, f, None) for f in _FIELDS}
    bad = [
        Diagnostic(
            "PC012",
            f"--{f.replace('_', '-')} {v!r} is not {_EXPECTED[f]}",
            "playbook-check",
            0,
            0,
            hint="give the value the CI shows for it, or leave the option out",
        )
        for f, v in given.items()
        if v is not None and not _valid(f, v)
    ]
    if bad:
        raise CheckerError(bad)
    if env.get("GITHUB_ACTIONS") == "true":
        found = from_github(env)
    elif env.get("GITLAB_CI") == "true":
        found = from_gitlab(env)
    else:
        found = {"ci": "other"}
    warnings: list[Diagnostic] = []
    ci = found["ci"]
    out: dict[str, str] = {}
    for f in _FIELDS:
        value = given[f]
        if value is None:
            value = found.get(f, "")
            if value and not _valid(f, value):
                name = _VARIABLE.get(ci, {}).get(f, f)
                warnings.append(
                    Diagnostic(
                        "PC013",
                        f"CI variable {name} is not {_EXPECTED[f]}; the report's provenance "
                        f"leaves out its {f.replace('_', ' ')}",
                        "playbook-check",
                        0,
                        0,
                        Severity.WARNING,
                        hint=f"pass --{f.replace('_', '-')} to give it",
                    )
                )
                continue
        if value:
            out[f] = value
    if not out:
        return None, warnings
    if "commit" in out and "repository_url" in out:
        out["commit_url"] = commit_url(ci, out["repository_url"], out["commit"])
    out["ci"] = ci
    out["generated"] = generated_at(env)
    # Each field checked by its pattern above, as the report schema's provenance has them.
    return cast("Provenance", dict(sorted(out.items()))), warnings
