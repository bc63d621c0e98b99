"""SARIF 2.1.0: findings and diagnostics as code-scanning results on the answer lines.

Written for GitHub code scanning, which turns every uploaded result into an alert and ignores
``kind``, ``baselineState`` and ``suppressions``:

- A result is what the annotations and GitLab Code Quality show: each diagnostic, each open
  finding and a score below the baseline. Exempted findings and findings resolved since the
  baseline are not results, so code scanning closes their alerts (an alert that the next
  analysis no longer reports is closed as fixed).
- A result's level is ``error`` only when it fails the run; with a baseline each result has a
  ``baselineState`` (``new``, ``unchanged``, ``updated``) for consumers that read it.
- ``partialFingerprints.primaryLocationLineHash``, the key code scanning matches alerts by, is
  the finding's identity (file, checklist, finding, team), not a hash of the line's text, so an
  alert and its dismissal survive edits to the answers around it (upload-sarif keeps a value
  the tool sets, and logs that its own line hash differs). ``playbookCheck/v1`` holds the same.
- Locations are relative to the repository root (``uriBaseId: %SRCROOT%``, resolved by
  ``originalUriBaseIds``), whatever path the user typed.
- Every rule has a short and a full description and ``help`` (what to do); finding rules link
  their pitfall's page (``helpUri``) when the site's address is configured.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker import __version__
from checker.codes import lookup
from checker.report.paths import SRCROOT, RepoPaths
from checker.report.types import ReportDocument, RuleEntry
from checker.report.util import baseline_note, level, score_drop

_RULE_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
INFO_URI = "https://github.com/ml-team-playbook/ml-team-playbook"
SCORE_RULE = "playbook-check/score-below-baseline"
FINGERPRINT = "playbookCheck/v1"
LINE_HASH = "primaryLocationLineHash"
"""The fingerprint GitHub code scanning matches alerts across runs by."""


def pitfall_uri(site: str, pitfall: str) -> str:
    """The page of a pitfall on the published site at ``site``."""
    return f"{site.rstrip('/')}/docs/pitfalls/{pitfall}.html#pitfall-{pitfall}"


def _fingerprint(*parts: str) -> dict[str, str]:
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    return {FINGERPRINT: digest, LINE_HASH: digest}


def _finding_rule(rid: str, rule: RuleEntry, site: str | None) -> dict[str, Any]:
    pitfall = rule["pitfall"]
    entry: dict[str, Any] = {
        "id": rid,
        "name": rule["id"],
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {
            "text": f"{rule['title']}. A {rule['risk']}-risk sign of the pitfall "
            f"'{pitfall}' in the ML Team Playbook."
        },
        "help": {
            "text": rule.get("advice")
            or f"Read the playbook's page on the pitfall '{pitfall}' for remedies."
        },
        "properties": {"risk": rule["risk"], "pitfall": pitfall},
        "defaultConfiguration": {"level": _RULE_LEVEL[rule["risk"]]},
    }
    if site:
        entry["helpUri"] = pitfall_uri(site, pitfall)
    return entry


def _diagnostic_rule(code: str, site: str | None) -> dict[str, Any]:
    entry = lookup(code)
    title = entry.title if entry else f"playbook-check diagnostic {code}"
    explanation = entry.explanation if entry else f"See {code} in the error-code reference."
    hint = entry.hint if entry and entry.hint else "see the error-code reference"
    return {  # no "name": SARIF wants it to differ from the id, and the code is the name
        "id": code,
        "shortDescription": {"text": title[:1].upper() + title[1:]},
        "fullDescription": {"text": explanation},
        "help": {"text": f"{explanation} What to do: {hint}."},
        "helpUri": f"{site.rstrip('/')}/docs/reference/error-codes.html"
        if site
        else f"{INFO_URI}/blob/main/docs/reference/error-codes.md",
    }


_SCORE_RULE = {
    "id": SCORE_RULE,
    "name": "score-below-baseline",
    "shortDescription": {"text": "Overall score below the baseline"},
    "fullDescription": {
        "text": "The assessment's overall score is lower than in the baseline report the run "
        "is judged against (--baseline); that fails the run."
    },
    "help": {"text": "Raise the score back, or refresh the baseline on purpose."},
    "defaultConfiguration": {"level": "error"},
}


def render(doc: ReportDocument) -> str:
    site = doc.get("site_url")
    paths = RepoPaths()
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    judged = "baseline" in doc

    for f in doc["files"]:
        uri = paths.uri(f["file"])
        for d in f["diagnostics"]:
            if d["code"] not in rules:
                rules[d["code"]] = _diagnostic_rule(d["code"], site)
            text = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            res = _result(
                d["code"],
                "error" if d["severity"] == "error" else "warning",
                text,
                uri,
                d["line"],
                d["column"],
            )
            res["partialFingerprints"] = _fingerprint(uri["uri"], d["code"], d["message"])
            if judged:
                res["baselineState"] = d["baseline"]
            results.append(res)
        if not f["valid"]:
            continue
        cid = f["checklist"]["id"]
        for rule in f.get("rules", []):
            rid = f"{cid}/{rule['id']}"
            rules.setdefault(rid, _finding_rule(rid, rule, site))
        for x in f.get("findings", []):
            if x["status"] == "exempted":
                continue
            # A topology finding's id is rule/subject: the SARIF rule is the rule.
            rule_id = x["id"].split("/", 1)[0]
            rid = f"{cid}/{rule_id}"
            fired: RuleEntry = {
                "id": rule_id,
                "title": x["title"],
                "pitfall": x["pitfall"],
                "risk": x["risk"],
                "advice": x["advice"],
            }
            rules.setdefault(rid, _finding_rule(rid, fired, site))
            t = x["triggers"][0]
            text = f"{x['title']}{baseline_note(x)}. {x['advice']}"
            res = _result(rid, level(x), text, uri, t["line"], t["column"])
            res["partialFingerprints"] = _fingerprint(uri["uri"], f"{cid}/{x['id']}", f["team"])
            res["properties"] = {"risk": x["risk"], "pitfall": x["pitfall"], "fails": x["fails"]}
            if judged:
                res["baselineState"] = x["baseline"]
            results.append(res)
        drop = score_drop(f, doc["baseline"]["file"]) if "baseline" in doc else None
        if drop is not None:
            rules.setdefault(SCORE_RULE, _SCORE_RULE)
            text, line, column = drop
            res = _result(SCORE_RULE, "error", text, uri, line, column)
            res["baselineState"] = "updated"
            res["partialFingerprints"] = _fingerprint(uri["uri"], SCORE_RULE, f["team"])
            results.append(res)
    ordered = [rules[k] for k in sorted(rules)]
    index = {r["id"]: i for i, r in enumerate(ordered)}
    for res in results:
        res["ruleIndex"] = index[res["ruleId"]]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "playbook-check",
                "version": __version__,
                "informationUri": INFO_URI,
                "rules": ordered,
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": paths.root_uri}},
    }
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(sarif, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _result(
    rule_id: str, level: str, text: str, uri: dict[str, str], line: int, col: int
) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": dict(uri),
                    "region": {"startLine": line, "startColumn": col},
                }
            }
        ],
    }
