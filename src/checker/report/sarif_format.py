"""SARIF 2.1.0: findings and diagnostics as code-scanning results on the answer lines.

- Locations are relative to the repository root (``uriBaseId: %SRCROOT%``, resolved by
  ``originalUriBaseIds``), whatever path the user typed.
- Each result has ``partialFingerprints`` that survive lines moving, so code scanning tracks
  one alert per finding across runs.
- Finding rules carry their advice as ``help`` and, when the site's address is configured,
  a ``helpUri`` to their pitfall's page.
- A result's level is ``error`` only when it fails the run; with a baseline each result has a
  ``baselineState`` (``new``, ``unchanged``, ``updated``; resolved findings are ``absent``
  results of kind ``pass``). Exempted findings are ``suppressions``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker import __version__
from checker.report.document import baseline_note, level, score_drop
from checker.report.paths import SRCROOT, RepoPaths

_RULE_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
INFO_URI = "https://github.com/ml-team-playbook/ml-team-playbook"
SCORE_RULE = "playbook-check/score-below-baseline"
FINGERPRINT = "playbookCheck/v1"


def pitfall_uri(site: str, pitfall: str) -> str:
    """The page of a pitfall on the published site at ``site``."""
    return f"{site.rstrip('/')}/docs/pitfalls/{pitfall}.html#pitfall-{pitfall}"


def _fingerprint(*parts: str) -> dict[str, str]:
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    return {FINGERPRINT: digest}


def render(doc: dict[str, Any]) -> str:
    site = doc.get("site_url")
    paths = RepoPaths()
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    judged = "baseline" in doc

    def finding_rule(rid: str, rule: dict[str, Any]) -> None:
        entry: dict[str, Any] = {
            "id": rid,
            "name": rule["id"],
            "shortDescription": {"text": rule["title"]},
            "properties": {"risk": rule["risk"], "pitfall": rule["pitfall"]},
            "defaultConfiguration": {"level": _RULE_LEVEL[rule["risk"]]},
        }
        if rule.get("advice"):
            entry["help"] = {"text": rule["advice"]}
        if site:
            entry["helpUri"] = pitfall_uri(site, rule["pitfall"])
        rules.setdefault(rid, entry)

    for f in doc["files"]:
        uri = paths.uri(f["file"])
        for d in f["diagnostics"]:
            rules.setdefault(
                d["code"],
                {
                    "id": d["code"],
                    "name": d["code"],
                    "shortDescription": {"text": f"playbook-check diagnostic {d['code']}"},
                    "helpUri": f"{site.rstrip('/')}/docs/reference/error-codes.html"
                    if site
                    else f"{INFO_URI}/blob/main/docs/reference/error-codes.md",
                },
            )
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
            finding_rule(f"{cid}/{rule['id']}", rule)
        for x in f.get("findings", []):
            # A topology finding's id is rule/subject: the SARIF rule is the rule.
            rule_id = x["id"].split("/", 1)[0]
            rid = f"{cid}/{rule_id}"
            finding_rule(rid, {**x, "id": rule_id})
            t = x["triggers"][0]
            text = f"{x['title']}{baseline_note(x)}. {x['advice']}"
            res = _result(rid, level(x), text, uri, t["line"], t["column"])
            res["partialFingerprints"] = _fingerprint(uri["uri"], f"{cid}/{x['id']}", f["team"])
            res["properties"] = {"risk": x["risk"], "pitfall": x["pitfall"], "fails": x["fails"]}
            if judged:
                res["baselineState"] = x["baseline"]
            if x["status"] == "exempted":
                ex = x["exemption"]
                res["suppressions"] = [
                    {
                        "kind": "external",
                        "status": "accepted",
                        "justification": f"{ex['reason']} (owner {ex['owner']}, "
                        f"expires {ex['expires']})",
                    }
                ]
            results.append(res)
        b = f.get("baseline")
        if not b:
            continue
        for x in b["absent"]:
            rid = f"{cid}/{x['id']}"
            res = {
                "ruleId": rid,
                "kind": "pass",
                "level": "none",
                "baselineState": "absent",
                "message": {"text": f"{x['title']}: resolved since the baseline."},
                "locations": [{"physicalLocation": {"artifactLocation": dict(uri)}}],
                "partialFingerprints": _fingerprint(uri["uri"], rid, f["team"]),
            }
            rules.setdefault(
                rid,
                {
                    "id": rid,
                    "name": x["id"],
                    "shortDescription": {"text": x["title"]},
                    "defaultConfiguration": {"level": _RULE_LEVEL[x["risk"]]},
                },
            )
            results.append(res)
        if b["overall"] and b["overall"]["lower"]:
            rules.setdefault(
                SCORE_RULE,
                {
                    "id": SCORE_RULE,
                    "name": "score-below-baseline",
                    "shortDescription": {"text": "Overall score below the baseline"},
                    "help": {"text": "Raise the score back, or refresh the baseline on purpose."},
                    "defaultConfiguration": {"level": "error"},
                },
            )
            drop = score_drop(f, doc["baseline"]["file"])
            assert drop is not None  # the score is lower
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
