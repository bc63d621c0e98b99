"""JUnit XML: one test suite per answers file, one test case per finding rule."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET


def render(doc: dict[str, Any]) -> str:
    root = ET.Element("testsuites", name="playbook-check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f in doc["files"]:
        suite = ET.SubElement(root, "testsuite", name=f["file"])
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        errors = [d for d in f["diagnostics"] if d["severity"] == "error"]
        case = ET.SubElement(suite, "testcase", classname=f["file"], name="valid answers file")
        counts["tests"] += 1
        if errors:
            counts["errors"] += 1
            err = ET.SubElement(
                case, "error", message=(errors[0]["message"]), type=errors[0]["code"]
            )
            err.text = "\n".join(
                f"{d['file']}:{d['line']}:{d['column']}: {d['message']} [{d['code']}]"
                for d in errors
            )
        fired = {x["id"]: x for x in f.get("findings", [])}
        for rule in f.get("rules", []):
            counts["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{f['checklist']['id']}",
                name=f"{rule['id']}: {(rule['title'])}",
            )
            _finding(case, fired.get(rule["id"]), f["file"], counts, doc["fail_on"])
        for fid, x in fired.items():
            if fid.startswith("expired-exemption:"):
                counts["tests"] += 1
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f["checklist"]["id"],
                    name=f"{fid}: {(x['title'])}",
                )
                _finding(case, x, f["file"], counts, doc["fail_on"])
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _finding(
    case: ET.Element, x: dict[str, Any] | None, file: str, counts: dict[str, int], fail_on: str
) -> None:
    from checker.report.document import fails

    if x is None:
        return
    t = x["triggers"][0]
    where = f"{file}:{t['line']}:{t['column']}"
    if x["status"] == "exempted":
        counts["skipped"] += 1
        ET.SubElement(
            case,
            "skipped",
            message=(f"exempted until {x['exemption']['expires']}: {x['exemption']['reason']}"),
        )
        return
    tag = "failure" if fails(x["risk"], fail_on) else "system-out"
    if tag == "failure":
        counts["failures"] += 1
        el = ET.SubElement(case, tag, message=(x["advice"]), type=f"{x['risk']} risk")
    else:
        el = ET.SubElement(case, tag)
    el.text = (
        f"{where}: {x['risk']} risk: {x['title']}\nadvice: {x['advice']}\npitfall: {x['pitfall']}"
    )
