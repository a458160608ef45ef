"""Lighthouse in mobile mode (simulated slow 4G, a mid-range phone) on five kinds of page per language.

The site is built as for a host (`SITE_URL` set, so the text files get their `.gz` copies) and served
from 127.0.0.1 by a small server that sends those copies with `Content-Encoding: gzip`, as a static
host compresses: measuring uncompressed files would blame the site for a host's missing setting.
Lighthouse is npm's, pinned in package-lock.json (`make bench` installs it), driving Debian's Chromium.
One run's score swings by several points (here the same page measured 45–189 ms of blocking time), so
each page is run five times and the median run reported, as Lighthouse's own guide advises ("Score
Variability", GoogleChrome/lighthouse docs/variability.md), picked by its `computeMedianRun`.

A benchmark, not a test: it reports the figures against the goals and never fails.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench/node_modules/.bin/lighthouse"
PAGES = ("", "guide/prepare/", "case-studies/pen-america-online-abuse/", "tools/planner/", "search/")
LANGUAGES = ("en", "es")
GOALS = {"fcp_ms": 1800, "performance": 98}
RUNS = 5
MEDIAN = ROOT / "bench/lighthouse_median.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class PrecompressedHandler(SimpleHTTPRequestHandler):
    """Serves `x.gz` for `x` with Content-Encoding: gzip when the browser accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        body = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return body

    def log_message(self, *args) -> None:
        pass


def _serve(site: Path, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(PrecompressedHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _lighthouse(url: str, out: Path, chromium: str) -> str | None:
    """One Lighthouse run into `out`; the error's last line when it failed."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or not out.is_file():
        return ((result.stderr or result.stdout).strip().splitlines() or ["no report"])[-1]
    return None


def _figures(report: dict) -> dict:
    audits = report["audits"]
    return {
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def _audit(url: str, folder: Path, chromium: str) -> dict:
    """The median of RUNS runs, with the range of the performance score and blocking time."""
    reports = []
    for number in range(RUNS):
        out = folder / f"run-{number}.json"
        out.unlink(missing_ok=True)
        error = _lighthouse(url, out, chromium)
        if error:
            return {"error": [error]}
        reports.append(out)
    chosen = subprocess.run(
        ["node", str(MEDIAN), *map(str, reports)], cwd=ROOT / "bench", capture_output=True, text=True
    )
    if chosen.returncode != 0:
        return {"error": (chosen.stderr.strip().splitlines() or ["computeMedianRun failed"])[-1:]}
    runs = [_figures(json.loads(path.read_text(encoding="utf-8"))) for path in reports]
    median = runs[int(chosen.stdout)]
    median["performance_range"] = sorted(run["scores"]["performance"] for run in runs)
    median["tbt_range"] = sorted(run["tbt_ms"] for run in runs)
    return median


def run() -> str:
    """The Lighthouse section of bench/results.md."""
    chromium = _chromium()
    if not LIGHTHOUSE.is_file() or chromium is None:
        return "## Lighthouse\n\nNot measured: run `make bench`, which installs Lighthouse and Chromium.\n"
    with tempfile.TemporaryDirectory(prefix="tk-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"  # the published address: canonical links point here
        build = subprocess.run(
            [sys.executable, "-m", "techrights.cli", "--root", str(ROOT), "build", "--site-dir", str(site)],
            env={**os.environ, "SITE_URL": base},
            capture_output=True,
            text=True,
        )
        if build.returncode != 0:
            return f"## Lighthouse\n\nNot measured: the build failed.\n\n```\n{build.stderr[-2000:]}\n```\n"
        server = _serve(site, port)
        rows = []
        try:
            for lang in LANGUAGES:
                for page in PAGES:
                    path = page if lang == "en" else f"{lang}/{page}"
                    measured = _audit(base + path, Path(tmp), chromium)
                    rows.append((f"/{path}", measured))
                    print(f"  lighthouse /{path}: {measured.get('scores', measured)}", file=sys.stderr)
        finally:
            server.shutdown()
    lines = [
        "## Lighthouse (mobile)",
        "",
        "Lighthouse's mobile mode (simulated slow 4G and a mid-range phone) on the site as built for a",
        "host and served gzip-compressed from 127.0.0.1 (bench/lighthouse.py). Goals: first contentful",
        f"paint ≤ {GOALS['fcp_ms'] / 1000:.1f} s, performance ≥ {GOALS['performance']}, the other scores 100.",
        f"Each page is run {RUNS} times; the table shows the median run (Lighthouse's `computeMedianRun`)",
        "and, in brackets, the lowest and highest performance score and blocking time of the runs.",
        "",
        "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    met = True
    for path, measured in rows:
        if "error" in measured:
            lines.append(f"| {path} | failed: {' '.join(measured['error'])} | | | | | | | |")
            met = False
            continue
        scores = measured["scores"]
        low, high = measured["performance_range"][0], measured["performance_range"][-1]
        fast, slow = measured["tbt_range"][0], measured["tbt_range"][-1]
        ok = (
            measured["fcp_ms"] <= GOALS["fcp_ms"]
            and scores["performance"] >= GOALS["performance"]
            and all(scores[name] == 100 for name in CATEGORIES[1:])
        )
        met = met and ok
        lines.append(
            f"| {path} | {scores['performance']} ({low}–{high}) | {scores['accessibility']} "
            f"| {scores['best-practices']} | {scores['seo']} | {measured['fcp_ms'] / 1000:.1f} s "
            f"| {measured['lcp_ms'] / 1000:.1f} s | {measured['tbt_ms']:.0f} ms ({fast:.0f}–{slow:.0f}) "
            f"| {measured['bytes'] / 1024:.0f} KB |"
        )
    lines += ["", f"- Goals on every page: {'met' if met else 'NOT met'}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
