#!/usr/bin/env bash
# Steps of the playbook-check GitHub Action (action.yml), runnable anywhere as a script.
#
# Inputs (environment):
#   PLAYBOOK_FILES       answers files, space-separated globs (default: playbook/*.yaml)
#   PLAYBOOK_FAIL_ON     high | medium | low | none (default: high)
#   PLAYBOOK_SARIF       write SARIF here (optional), e.g. playbook.sarif
#   PLAYBOOK_JUNIT       write JUnit XML here (optional), e.g. playbook-junit.xml
#   PLAYBOOK_BASELINE    a committed JSON report to ratchet against (optional)
#   PLAYBOOK_CHECKLISTS  a directory of checklists (optional; default: the bundled ones)
#   GITHUB_STEP_SUMMARY  set by GitHub Actions: the Markdown summary is appended to it
# Exit code: that of `playbook-check validate` (0 clean, 1 findings, 2 invalid input).
set -uo pipefail

files_glob=${PLAYBOOK_FILES:-playbook/*.yaml}
fail_on=${PLAYBOOK_FAIL_ON:-high}
shopt -s nullglob globstar
# shellcheck disable=SC2206 # word splitting and globbing are intended
files=( $files_glob )
if [ ${#files[@]} -eq 0 ]; then
  echo "::error title=playbook-check::no answers files match '$files_glob'"
  exit 2
fi

common=(--fail-on "$fail_on")
[ -n "${PLAYBOOK_CHECKLISTS:-}" ] && common+=(--checklists "$PLAYBOOK_CHECKLISTS")

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  playbook-check report "${common[@]}" --format markdown "${files[@]}" >> "$GITHUB_STEP_SUMMARY"
fi
if [ -n "${PLAYBOOK_SARIF:-}" ]; then
  playbook-check report "${common[@]}" --format sarif --force -o "$PLAYBOOK_SARIF" "${files[@]}"
fi
if [ -n "${PLAYBOOK_JUNIT:-}" ]; then
  playbook-check report "${common[@]}" --format junit --force -o "$PLAYBOOK_JUNIT" "${files[@]}"
fi

# Annotations on the answer lines, then the verdict (optionally against a baseline).
playbook-check report "${common[@]}" --format github "${files[@]}"
verdict=(validate --quiet "${common[@]}")
[ -n "${PLAYBOOK_BASELINE:-}" ] && verdict+=(--baseline "$PLAYBOOK_BASELINE")
playbook-check "${verdict[@]}" "${files[@]}"
