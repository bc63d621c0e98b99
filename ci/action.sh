#!/usr/bin/env bash
# The steps of the playbook-check GitHub Action (action.yml) and of the GitLab CI template
# (ci/gitlab/playbook-check.gitlab-ci.yml), runnable in any CI as a script.
#
# Inputs (environment):
#   PLAYBOOK_FILES        answers files, space-separated globs (default: playbook/*.yaml)
#   PLAYBOOK_FAIL_ON      high | medium | low | none (default: high)
#   PLAYBOOK_BASELINE     a committed JSON report to ratchet against (optional)
#   PLAYBOOK_CHECKLISTS   a directory of checklists (optional; default: the bundled ones)
#   PLAYBOOK_SARIF        write SARIF here (optional), e.g. playbook.sarif
#   PLAYBOOK_JUNIT        write JUnit XML here (optional), e.g. playbook-junit.xml
#   PLAYBOOK_CODEQUALITY  write a GitLab Code Quality report here (optional)
#   PLAYBOOK_JSON         write the JSON report here (optional; its folder is created). In
#                         GitHub Actions and GitLab CI it carries the run's provenance
#                         (repository, commit, ref, run), for playbook-check collect
#   PLAYBOOK_SUMMARY      write the Markdown summary here (optional)
#   PLAYBOOK_COMMENT      write the compact Markdown summary here (optional): one row per
#                         assessment and the findings that fail the run, within the 65,536
#                         characters of a pull-request comment
#   PLAYBOOK_SITE_URL     the published playbook, for links to pitfall pages in SARIF (optional)
#   GITHUB_ACTIONS        "true" on GitHub: findings become annotations on the answer lines;
#                         elsewhere the text report is printed
#   GITHUB_STEP_SUMMARY   set by GitHub Actions: the Markdown summary is appended to it (the
#                         compact one when the full one would pass its 1 MiB), with a note on
#                         the annotations GitHub does not show (10 of each kind per step)
#   GITHUB_OUTPUT         set by GitHub Actions: the step's outputs are appended to it
# Report paths may name folders that do not exist yet: they are created.
# Every output comes from the same run, so they agree: the exit code, the summary, the
# annotations, JUnit, SARIF and Code Quality fail exactly what fails the run (with a baseline:
# only what is worse than it) and say which findings are new and which are in the baseline.
# Exit code: 0 passed, 1 findings fail the run (or worse than the baseline), 2 invalid input.
set -uo pipefail

files_glob=${PLAYBOOK_FILES:-playbook/*.yaml}
fail_on=${PLAYBOOK_FAIL_ON:-high}
shopt -s nullglob globstar
# shellcheck disable=SC2206 # word splitting and globbing are intended
files=( $files_glob )
if [ ${#files[@]} -eq 0 ]; then
  echo "playbook-check: error: no answers files match '$files_glob'" >&2
  [ "${GITHUB_ACTIONS:-}" = "true" ] && echo "::error title=playbook-check::no answers files match '$files_glob'"
  exit 2
fi

common=(--fail-on "$fail_on")
[ -n "${PLAYBOOK_CHECKLISTS:-}" ] && common+=(--checklists "$PLAYBOOK_CHECKLISTS")
[ -n "${PLAYBOOK_BASELINE:-}" ] && common+=(--baseline "$PLAYBOOK_BASELINE")

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
json=${PLAYBOOK_JSON:-$workdir/report.json}
if [ -n "${PLAYBOOK_JSON:-}" ]; then
  mkdir -p "$(dirname "$PLAYBOOK_JSON")"
fi
# One generation time for every format of this run (the JSON report's provenance).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"

folder_for() {  # OUT: create the folder a report goes to (report -o creates none)
  local dir
  dir=$(dirname -- "$1")
  if ! mkdir -p -- "$dir"; then
    echo "playbook-check: error: cannot create the folder $dir for $1" >&2
    return 1
  fi
}

# The verdict: one JSON report; its exit code is the job's.
folder_for "$json" || exit 2
playbook-check report "${common[@]}" --format json --force -o "$json" "${files[@]}"
status=$?
if [ ! -s "$json" ]; then  # nothing could be judged (e.g. an unreadable baseline)
  exit "$status"
fi

# The other formats of the same run (their verdict lines on stderr were printed above).
render() {  # FORMAT OUT [OPTION...]
  local format=$1 out=$2
  shift 2
  if folder_for "$out"; then
    playbook-check report "${common[@]}" --format "$format" "$@" --force -o "$out" \
      "${files[@]}" 2>/dev/null
  fi
  if [ ! -s "$out" ]; then
    echo "playbook-check: error: could not write $out" >&2
    status=2
  fi
}
[ -n "${PLAYBOOK_SUMMARY:-}" ] && render markdown "$PLAYBOOK_SUMMARY"
[ -n "${PLAYBOOK_COMMENT:-}" ] && render markdown "$PLAYBOOK_COMMENT" --compact
[ -n "${PLAYBOOK_SARIF:-}" ] && render sarif "$PLAYBOOK_SARIF"
[ -n "${PLAYBOOK_JUNIT:-}" ] && render junit "$PLAYBOOK_JUNIT"
[ -n "${PLAYBOOK_CODEQUALITY:-}" ] && render gitlab "$PLAYBOOK_CODEQUALITY"

# The findings in the log: annotations on GitHub, the text report elsewhere.
annotations=$workdir/annotations.txt
if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
  playbook-check report "${common[@]}" --format github "${files[@]}" 2>/dev/null >"$annotations"
  cat "$annotations"
else
  playbook-check report "${common[@]}" --format text "${files[@]}" 2>/dev/null
fi

# The job summary: the full one, or the compact one when the full one would pass the step
# summary's 1 MiB; then what the annotations could not show, in their own words.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  render markdown "$workdir/summary.md"
  if [ "$(wc -c <"$workdir/summary.md")" -gt 1000000 ]; then
    render markdown "$workdir/summary.md" --compact
  fi
  if [ -s "$annotations" ]; then
    sed -n 's/^::[a-z]* title=playbook-check%3A annotations not shown::\(.*\)$/- \1/p' \
      "$annotations" >"$workdir/not-shown.md"
    if [ -s "$workdir/not-shown.md" ]; then
      printf '\n**Annotations not shown**\n\n' >>"$workdir/summary.md"
      cat "$workdir/not-shown.md" >>"$workdir/summary.md"
    fi
  fi
  cat "$workdir/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi

# Outputs: the exit status, the counts, and where the reports are.
outputs=$(python3 - "$json" "$status" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
s, b = doc["summary"], doc.get("baseline", {})
print(f"exit-code={sys.argv[2]}")
print("result=" + {"0": "passed", "1": "failed", "2": "invalid"}.get(sys.argv[2], "invalid"))
for key in ("files", "invalid", "errors", "warnings", "high", "medium", "low", "exempted",
            "failing"):
    print(f"{key}={s[key]}")
for key in ("new", "unchanged", "updated", "absent"):
    print(f"baseline-{key}={b.get(key, 0)}")
PY
)
outputs+=$'\n'"json=${PLAYBOOK_JSON:-}"$'\n'"sarif=${PLAYBOOK_SARIF:-}"
outputs+=$'\n'"junit=${PLAYBOOK_JUNIT:-}"$'\n'"code-quality=${PLAYBOOK_CODEQUALITY:-}"
outputs+=$'\n'"summary=${PLAYBOOK_SUMMARY:-}"$'\n'"comment=${PLAYBOOK_COMMENT:-}"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf '%s\n' "$outputs" >> "$GITHUB_OUTPUT"
fi
echo "playbook-check: $(printf '%s' "$outputs" | grep -E '^(result|failing|high|medium|low|baseline-new)=' | tr '\n' ' ')" >&2
exit "$status"
