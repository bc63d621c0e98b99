"""JUnit XML: one test suite per answers file, one test case per finding rule.

A test case fails only for what fails the run (``fails`` in the report document); with a
baseline, a file also gets a "not worse than the baseline" test case.

Consumers follow a test across runs by suite name, classname and name (GitLab's unit test
reports), so a name is the finding's id and its rule's title, never the finding's own title,
which may name teams and counts that change between runs; those go in the failure text. The
document validates against the Jenkins xUnit plugin's ``junit-10.xsd``, which allows no
``skipped`` count on ``<testsuites>`` (each ``<testsuite>`` has its own)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.report.types import FileEntry, FindingEntry, ReportDocument
from checker.report.util import baseline_note, exemption_of, fmt_score, score_drop


def render(doc: ReportDocument) -> str:
    root = ET.Element("testsuites", name="playbook-check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for f in doc["files"]:
        suite = ET.SubElement(root, "testsuite", name=f["file"])
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        errors = [d for d in f["diagnostics"] if d["severity"] == "error"]
        what = "topology file" if f.get("kind") == "topology" else "answers file"
        case = ET.SubElement(suite, "testcase", classname=f["file"], name=f"valid {what}")
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
            # A topology rule can fire once per team or interaction: ids are rule/subject.
            instances: list[FindingEntry | None] = [
                x for fid, x in fired.items() if fid.split("/", 1)[0] == rule["id"]
            ]
            for x in instances or [None]:
                counts["tests"] += 1
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f"{f['checklist']['id']}",
                    name=f"{x['id'] if x else rule['id']}: {rule['title']}",
                )
                _finding(case, x, f["file"], counts)
        for fid, x in fired.items():
            if fid.startswith("expired-exemption:"):
                counts["tests"] += 1
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f["checklist"]["id"],
                    name=f"{fid}: exemption expired",
                )
                _finding(case, x, f["file"], counts)
        if f.get("baseline"):
            _ratchet(suite, f, doc["baseline"]["file"], counts)
        for key, value in counts.items():
            suite.set(key, str(value))
            if key in totals:
                totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _ratchet(suite: ET.Element, f: FileEntry, baseline: str, counts: dict[str, int]) -> None:
    b = f["baseline"]
    counts["tests"] += 1
    case = ET.SubElement(
        suite, "testcase", classname=f["checklist"]["id"], name="not worse than the baseline"
    )
    o = b["overall"]
    if b["matched"] is None or o is None:
        out = ET.SubElement(case, "system-out")
        out.text = f"not in the baseline {baseline}; judged by --fail-on"
        return
    score = f"overall score {fmt_score(o['old'])} -> {fmt_score(o['new'])}"
    if o["lower"]:
        counts["failures"] += 1
        el = ET.SubElement(case, "failure", message=f"{score}, below the baseline", type="baseline")
        drop = score_drop(f, baseline)
        assert drop is not None  # the score is lower
        text, line, column = drop
        el.text = f"{f['file']}:{line}:{column}: {text}"
        return
    out = ET.SubElement(case, "system-out")
    out.text = f"{score}; {len(b['absent'])} finding(s) resolved since {baseline}"


def _finding(case: ET.Element, x: FindingEntry | None, file: str, counts: dict[str, int]) -> None:
    if x is None:
        return
    t = x["triggers"][0]
    where = f"{file}:{t['line']}:{t['column']}"
    exemption = exemption_of(x)
    if exemption is not None:
        counts["skipped"] += 1
        ET.SubElement(
            case,
            "skipped",
            message=f"exempted until {exemption['expires']}: {exemption['reason']}",
        )
        return
    if x["fails"]:
        counts["failures"] += 1
        el = ET.SubElement(case, "failure", message=x["advice"], type=f"{x['risk']} risk")
    else:
        el = ET.SubElement(case, "system-out")
    el.text = (
        f"{where}: {x['risk']} risk{baseline_note(x)}: {x['title']}\nadvice: {x['advice']}\n"
        f"pitfall: {x['pitfall']}"
    )
