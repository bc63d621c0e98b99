"""Lighthouse figures for five pages of the built site, mobile and desktop.

Usage: ``make lighthouse`` (builds the site first), or
``python bench/lighthouse.py [_build/html]`` after ``make html``. It serves the site on
127.0.0.1, runs Lighthouse 12.2.3 (``npx --yes lighthouse@12.2.3``: npm fetches it on first use;
it is not needed by ``make test``) against Debian's Chromium (``CHROME_PATH``, default
``/usr/bin/chromium``), and prints one Markdown table row per page and form factor with the
performance, accessibility, best-practices and SEO scores and the page's LCP, TBT and CLS.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

LIGHTHOUSE = "lighthouse@12.2.3"
PAGES = {
    "Landing": "docs/index.html",
    "Checklist (team shape)": "docs/checklists/team-shape.html",
    "Overview": "docs/examples/index.html",
    "Team page": "docs/examples/startup.html",
    "Error codes": "docs/reference/error-codes.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def run(url: str, preset: str, out: Path) -> dict[str, object]:
    """One Lighthouse run; its JSON report."""
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=600)
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def row(name: str, preset: str, report: dict[str, object]) -> str:
    cats = report["categories"]
    audits = report["audits"]
    assert isinstance(cats, dict) and isinstance(audits, dict)
    scores = [str(round(100 * (cats[c]["score"] or 0))) for c in CATEGORIES]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    tbt = audits["total-blocking-time"]["numericValue"]
    cls = audits["cumulative-layout-shift"]["numericValue"]
    return f"| {name} | {preset} | {' | '.join(scores)} | {lcp:.1f} s | {tbt:.0f} ms | {cls:.3f} |"


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "_build/html").resolve()
    if not (site / "docs" / "index.html").is_file():
        sys.stderr.write(f"lighthouse: no built site in {site}; run `make html` first\n")
        return 2
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    head = ("Page", "Form factor", "Performance", "Accessibility", "Best practices", "SEO")
    print("| " + " | ".join(head) + " | LCP | TBT | CLS |")
    print("|---" * (len(head) + 3) + "|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGES.items():
                for preset in ("mobile", "desktop"):
                    report = run(f"{base}/{path}", preset, Path(tmp) / "report.json")
                    print(row(name, preset, report), flush=True)
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
