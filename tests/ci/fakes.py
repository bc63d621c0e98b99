"""Stand-ins for ``gh`` and ``curl`` that answer the organisation guide's requests from fixture
files, as GitHub's CLI and GitLab's job-artifacts API document them, and refuse any flag or
request the guide does not make (so a recipe that drifts from the documented interface fails).

Layout of the fixtures:

- ``$FAKE_GH_ROOT/topics/<owner>/<topic>.txt``: repositories (``owner/name``), one a line;
- ``$FAKE_GH_ROOT/runs/<owner>/<name>/<run id>/<artifact>/<files>``: each run's artifacts (a
  run without artifacts is an empty folder);
- ``$FAKE_GITLAB_ROOT/<project path>/<ref>/<job>/<file>``: each project's newest artifacts.
"""

from __future__ import annotations

GH = r'''#!/usr/bin/env python3
"""A fake gh: repo list, run list, run download (see tests/ci/fakes.py)."""
import argparse, fnmatch, os, shutil, sys
from pathlib import Path

root = Path(os.environ["FAKE_GH_ROOT"])


class Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.exit(f"fake gh: {message}")


def need(value, expected, what):
    if value != expected:
        sys.exit(f"fake gh: unsupported {what} {value!r} (expected {expected!r})")


args = sys.argv[1:]
if args[:2] == ["repo", "list"]:
    p = Parser(prog="gh repo list")
    p.add_argument("owner")
    p.add_argument("--topic", required=True)
    p.add_argument("--limit", "-L", type=int, default=30)
    p.add_argument("--json", required=True)
    p.add_argument("--jq", "-q", required=True)
    a = p.parse_args(args[2:])
    need(a.json, "nameWithOwner", "--json")
    need(a.jq, ".[].nameWithOwner", "--jq")
    listing = root / "topics" / a.owner / f"{a.topic}.txt"
    names = listing.read_text().split() if listing.exists() else []
    print("\n".join(names[: a.limit]))
elif args[:2] == ["run", "list"]:
    p = Parser(prog="gh run list")
    p.add_argument("--repo", "-R", required=True)
    p.add_argument("--workflow", "-w", required=True)
    p.add_argument("--branch", "-b", required=True)
    p.add_argument("--limit", "-L", type=int, default=20)
    p.add_argument("--json", required=True)
    p.add_argument("--jq", "-q", required=True)
    a = p.parse_args(args[2:])
    need(a.workflow, "playbook.yml", "--workflow")
    need(a.json, "databaseId", "--json")
    need(a.jq, ".[].databaseId", "--jq")
    folder = root / "runs" / a.repo
    runs = sorted((int(r.name) for r in folder.iterdir()), reverse=True) if folder.is_dir() else []
    if a.branch != "main":
        runs = []
    print("\n".join(map(str, runs[: a.limit])))
elif args[:2] == ["run", "download"]:
    p = Parser(prog="gh run download")
    p.add_argument("run")
    p.add_argument("--repo", "-R", required=True)
    p.add_argument("--pattern", "-p", action="append", required=True)
    p.add_argument("--dir", "-D", default=".")
    a = p.parse_args(args[2:])
    run = root / "runs" / a.repo / a.run
    if not run.is_dir():
        sys.exit(f"fake gh: run {a.run} not found in {a.repo}")
    found = [x for x in sorted(run.iterdir()) if any(fnmatch.fnmatch(x.name, g) for g in a.pattern)]
    if not found:
        sys.exit("no valid artifacts found to download")
    for artifact in found:  # each artifact in a folder of its name
        shutil.copytree(artifact, Path(a.dir) / artifact.name, dirs_exist_ok=True)
else:
    sys.exit(f"fake gh: unsupported command {' '.join(args[:2])!r}")
'''

CURL = r'''#!/usr/bin/env python3
"""A fake curl for GitLab's job-artifacts API (see tests/ci/fakes.py)."""
import os, re, shutil, sys
from pathlib import Path
from urllib.parse import unquote, urlsplit, parse_qs

root = Path(os.environ["FAKE_GITLAB_ROOT"])
base = os.environ["GITLAB_URL"].rstrip("/")
token = os.environ["GITLAB_TOKEN"]
args = sys.argv[1:]
flags, headers, output, url = set(), [], None, None
i = 0
while i < len(args):
    arg = args[i]
    if arg in ("--fail", "--location", "--silent", "--show-error"):
        flags.add(arg)
    elif arg == "--header":
        i += 1
        headers.append(args[i])
    elif arg == "--output":
        i += 1
        output = args[i]
    elif arg.startswith("-"):
        sys.exit(f"fake curl: unsupported option {arg}")
    else:
        url = arg
    i += 1
if "--fail" not in flags or output is None or url is None:
    sys.exit("fake curl: the guide's requests use --fail, --output and a URL")
if f"PRIVATE-TOKEN: {token}" not in headers:
    print("curl: (22) The requested URL returned error: 401", file=sys.stderr)
    sys.exit(22)
parts = urlsplit(url)
if not url.startswith(base + "/api/v4/projects/"):
    sys.exit(f"fake curl: not a GitLab API address: {url}")
m = re.fullmatch(r"/api/v4/projects/([^/]+)/jobs/artifacts/([^/]+)/raw/(.+)", parts.path)
job = parse_qs(parts.query).get("job", [""])[0]
if m is None or not job:
    sys.exit(f"fake curl: not the job-artifacts raw endpoint: {url}")
project, ref, path = unquote(m.group(1)), unquote(m.group(2)), unquote(m.group(3))
source = root / project / ref / job / path
if "/" in m.group(1) or not source.is_file():  # the id must be URL-encoded
    print("curl: (22) The requested URL returned error: 404", file=sys.stderr)
    sys.exit(22)
shutil.copy(source, output)
'''
