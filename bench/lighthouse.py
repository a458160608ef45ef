"""Lighthouse in mobile mode (simulated slow 4G, a mid-range phone) on five kinds of page per language.

The site is built as for a host (`SITE_URL` set, so the text files get their `.gz` copies) and served
from 127.0.0.1 by a small server that sends those copies with `Content-Encoding: gzip`, as a static
host compresses: measuring uncompressed files would blame the site for a host's missing setting.
Lighthouse is npm's, pinned in package-lock.json (`make bench` installs it), driving Debian's Chromium.

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


def _audit(url: str, out: Path, chromium: str) -> dict:
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
        return {"error": (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no report"]}
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


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
                    measured = _audit(base + path, Path(tmp) / "report.json", chromium)
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
        ok = (
            measured["fcp_ms"] <= GOALS["fcp_ms"]
            and scores["performance"] >= GOALS["performance"]
            and all(scores[name] == 100 for name in CATEGORIES[1:])
        )
        met = met and ok
        lines.append(
            f"| {path} | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} "
            f"| {scores['seo']} | {measured['fcp_ms'] / 1000:.1f} s | {measured['lcp_ms'] / 1000:.1f} s "
            f"| {measured['tbt_ms']:.0f} ms | {measured['bytes'] / 1024:.0f} KB |"
        )
    lines += ["", f"- Goals on every page: {'met' if met else 'NOT met'}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
