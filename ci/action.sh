#!/usr/bin/env bash
# The steps of the playbook-check GitHub Action (action.yml) and of the GitLab CI template
# (ci/gitlab/playbook-check.gitlab-ci.yml), runnable in any CI as a script.
#
# Inputs (environment):
#   PLAYBOOK_FILES        answers files, space-separated globs (default: playbook/*.yaml;
#                         set but empty: check only the topology)
#   PLAYBOOK_TOPOLOGY     topology files, space-separated globs (optional): checked with
#                         `playbook-check topology check`, same --fail-on; their findings join
#                         the exit code, the outputs, the annotations and the summary
#   PLAYBOOK_TOPOLOGY_BASELINE  a committed JSON report of `topology check` (optional)
#   PLAYBOOK_TOPOLOGY_JSON      write the topology's JSON report here (optional)
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

files_glob=${PLAYBOOK_FILES-playbook/*.yaml}
topology_glob=${PLAYBOOK_TOPOLOGY:-}
fail_on=${PLAYBOOK_FAIL_ON:-high}
shopt -s nullglob globstar
fail() {  # MESSAGE: an input problem, on stderr and as an annotation; exit 2
  echo "playbook-check: error: $1" >&2
  [ "${GITHUB_ACTIONS:-}" = "true" ] && echo "::error title=playbook-check::$1"
  exit 2
}
# shellcheck disable=SC2206 # word splitting and globbing are intended
files=( $files_glob )
# shellcheck disable=SC2206
topology=( $topology_glob )
if [ -n "$files_glob" ] && [ ${#files[@]} -eq 0 ]; then
  fail "no answers files match '$files_glob'"
fi
if [ -n "$topology_glob" ] && [ ${#topology[@]} -eq 0 ]; then
  fail "no topology files match '$topology_glob'"
fi
if [ ${#files[@]} -eq 0 ] && [ ${#topology[@]} -eq 0 ]; then
  fail "nothing to check: set files (answers) or topology"
fi

common=(--fail-on "$fail_on")
[ -n "${PLAYBOOK_CHECKLISTS:-}" ] && common+=(--checklists "$PLAYBOOK_CHECKLISTS")
[ -n "${PLAYBOOK_BASELINE:-}" ] && common+=(--baseline "$PLAYBOOK_BASELINE")

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
json=${PLAYBOOK_JSON:-$workdir/report.json}
# One generation time for every format of this run (the JSON report's provenance).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"
status=0
summary_md=$workdir/summary.md
annotations=$workdir/annotations.txt
: > "$summary_md"
: > "$annotations"

folder_for() {  # OUT: create the folder a report goes to (report -o creates none)
  local dir
  dir=$(dirname -- "$1")
  if ! mkdir -p -- "$dir"; then
    echo "playbook-check: error: cannot create the folder $dir for $1" >&2
    return 1
  fi
}
# The other formats of the same run (their verdict lines on stderr were printed above).
render() {  # FORMAT OUT COMMAND...
  local format=$1 out=$2
  shift 2
  if folder_for "$out"; then
    "$@" --format "$format" --force -o "$out" 2>/dev/null
  fi
  if [ ! -s "$out" ]; then
    echo "playbook-check: error: could not write $out" >&2
    status=2
  fi
}
summarise() {  # COMMAND...: append the run's Markdown summary to the job's
  render markdown "$workdir/part.md" "$@" && cat "$workdir/part.md" >> "$summary_md"
}
log() {  # COMMAND...: the findings in the log, annotations on GitHub, the text report elsewhere
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
    "$@" --format github 2>/dev/null | tee -a "$annotations"
  else
    "$@" --format text 2>/dev/null
  fi
}
worst() {  # A B: the exit code of both runs together (2 over 1 over 0)
  if [ "$1" -eq 2 ] || [ "$2" -eq 2 ]; then echo 2
  elif [ "$1" -eq 1 ] || [ "$2" -eq 1 ]; then echo 1
  else echo 0; fi
}

if [ ${#files[@]} -gt 0 ]; then
  check=(playbook-check report "${common[@]}" "${files[@]}")
  # The verdict: one JSON report; its exit code is the job's.
  folder_for "$json" || exit 2
  "${check[@]}" --format json --force -o "$json"
  status=$?
  if [ ! -s "$json" ]; then  # nothing could be judged (e.g. an unreadable baseline)
    exit "$status"
  fi
  summarise "${check[@]}"
  [ -n "${PLAYBOOK_COMMENT:-}" ] && render markdown "$PLAYBOOK_COMMENT" "${check[@]}" --compact
  [ -n "${PLAYBOOK_SARIF:-}" ] && render sarif "$PLAYBOOK_SARIF" "${check[@]}"
  [ -n "${PLAYBOOK_JUNIT:-}" ] && render junit "$PLAYBOOK_JUNIT" "${check[@]}"
  [ -n "${PLAYBOOK_CODEQUALITY:-}" ] && render gitlab "$PLAYBOOK_CODEQUALITY" "${check[@]}"
  log "${check[@]}"
else
  json=""
fi

tjson=""
topology_status=""
if [ ${#topology[@]} -gt 0 ]; then
  tcommon=(--fail-on "$fail_on")
  [ -n "${PLAYBOOK_TOPOLOGY_BASELINE:-}" ] && tcommon+=(--baseline "$PLAYBOOK_TOPOLOGY_BASELINE")
  tcheck=(playbook-check topology check "${tcommon[@]}" "${topology[@]}")
  tjson=${PLAYBOOK_TOPOLOGY_JSON:-$workdir/topology.json}
  folder_for "$tjson" || exit 2
  "${tcheck[@]}" --format json --force -o "$tjson"
  topology_status=$?
  if [ ! -s "$tjson" ]; then
    exit "$(worst "$status" "$topology_status")"
  fi
  summarise "${tcheck[@]}"
  log "${tcheck[@]}"
  status=$(worst "$status" "$topology_status")
fi

# The Markdown summary: to PLAYBOOK_SUMMARY, and to the job summary (the compact one when the
# full one would pass the step summary's 1 MiB), then what the annotations could not show.
if [ -n "${PLAYBOOK_SUMMARY:-}" ] && folder_for "$PLAYBOOK_SUMMARY"; then
  cp "$summary_md" "$PLAYBOOK_SUMMARY"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ "$(wc -c <"$summary_md")" -gt 1000000 ] && [ ${#files[@]} -gt 0 ]; then
    render markdown "$summary_md" "${check[@]}" --compact
  fi
  sed -n 's/^::[a-z]* title=playbook-check%3A annotations not shown::\(.*\)$/- \1/p' \
    "$annotations" >"$workdir/not-shown.md"
  if [ -s "$workdir/not-shown.md" ]; then
    printf '\n**Annotations not shown**\n\n' >>"$summary_md"
    cat "$workdir/not-shown.md" >>"$summary_md"
  fi
  cat "$summary_md" >>"$GITHUB_STEP_SUMMARY"
fi

# Outputs: the exit status, the counts (answers and topology together), and where the reports
# are.
outputs=$(python3 - "$status" "$json" "$tjson" <<'PY'
import json, sys
status, paths = sys.argv[1], [p for p in sys.argv[2:] if p]
docs = [json.load(open(p, encoding="utf-8")) for p in paths]
print(f"exit-code={status}")
print("result=" + {"0": "passed", "1": "failed", "2": "invalid"}.get(status, "invalid"))
for key in ("files", "invalid", "errors", "warnings", "high", "medium", "low", "exempted",
            "failing"):
    print(f"{key}={sum(d['summary'][key] for d in docs)}")
for key in ("new", "unchanged", "updated", "absent"):
    print(f"baseline-{key}={sum(d.get('baseline', {}).get(key, 0) for d in docs)}")
PY
)
outputs+=$'\n'"json=${PLAYBOOK_JSON:-}"$'\n'"sarif=${PLAYBOOK_SARIF:-}"
outputs+=$'\n'"junit=${PLAYBOOK_JUNIT:-}"$'\n'"code-quality=${PLAYBOOK_CODEQUALITY:-}"
outputs+=$'\n'"summary=${PLAYBOOK_SUMMARY:-}"$'\n'"comment=${PLAYBOOK_COMMENT:-}"
outputs+=$'\n'"topology-exit-code=${topology_status}"
outputs+=$'\n'"topology-json=${tjson:+${PLAYBOOK_TOPOLOGY_JSON:-}}"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf '%s\n' "$outputs" >> "$GITHUB_OUTPUT"
fi
echo "playbook-check: $(printf '%s' "$outputs" | grep -E '^(result|failing|high|medium|low|baseline-new)=' | tr '\n' ' ')" >&2
exit "$status"
