"""SARIF 2.1.0: findings and diagnostics as code-scanning results on the answer lines."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from checker import __version__

_LEVEL = {"high": "error", "medium": "warning", "low": "note"}
INFO_URI = "https://github.com/ml-team-playbook/ml-team-playbook"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def render(doc: dict[str, Any]) -> str:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for f in doc["files"]:
        uri = _uri(f["file"])
        for d in f["diagnostics"]:
            rules.setdefault(
                d["code"],
                {
                    "id": d["code"],
                    "name": d["code"],
                    "shortDescription": {"text": f"playbook-check diagnostic {d['code']}"},
                    "helpUri": f"{INFO_URI}/blob/main/docs/reference/error-codes.md",
                },
            )
            text = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            results.append(
                _result(
                    d["code"],
                    "error" if d["severity"] == "error" else "warning",
                    text,
                    uri,
                    d["line"],
                    d["column"],
                )
            )
        for rule in f.get("rules", []):
            rid = f"{f['checklist']['id']}/{rule['id']}"
            rules.setdefault(
                rid,
                {
                    "id": rid,
                    "name": rule["id"],
                    "shortDescription": {"text": rule["title"]},
                    "properties": {"risk": rule["risk"], "pitfall": rule["pitfall"]},
                    "defaultConfiguration": {"level": _LEVEL[rule["risk"]]},
                },
            )
        for x in f.get("findings", []):
            # Topology findings are rule/subject; the SARIF rule is the rule.
            rid = f"{f['checklist']['id']}/{x['id'].split('/', 1)[0]}"
            rules.setdefault(
                rid,
                {
                    "id": rid,
                    "name": x["id"].split("/", 1)[0],
                    "shortDescription": {"text": x["title"]},
                    "defaultConfiguration": {"level": _LEVEL[x["risk"]]},
                },
            )
            t = x["triggers"][0]
            res = _result(
                rid, _LEVEL[x["risk"]], f"{x['title']}. {x['advice']}", uri, t["line"], t["column"]
            )
            res["properties"] = {"risk": x["risk"], "pitfall": x["pitfall"]}
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
    ordered = [rules[k] for k in sorted(rules)]
    index = {r["id"]: i for i, r in enumerate(ordered)}
    for res in results:
        res["ruleIndex"] = index[res["ruleId"]]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
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
            }
        ],
    }
    return json.dumps(sarif, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _result(rule_id: str, level: str, text: str, uri: str, line: int, col: int) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": line, "startColumn": col},
                }
            }
        ],
    }
