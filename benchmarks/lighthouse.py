"""Lighthouse on a phone: the real playbook, built strict and served gzipped like a host.

Builds the repository's own site, serves it on 127.0.0.1 with gzip (as GitHub Pages or
any static host serves it), and runs Lighthouse 12.2.3 (npm, pinned in
benchmarks/package.json) with its default mobile profile (simulated slow 4G, a mid-range
phone) against Debian's Chromium. Each page is measured RUNS times; the median counts.

Run alone: `.venv/bin/python benchmarks/lighthouse.py` (prints the table).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RUNS = 3
PAGES = {
    "home": "",
    "scenario": "scenarios/milestone-not-released/",
    "message": "messages/payment-reminder-overdue/",
    "rule": "rules/upwork-escrow-refund-request/",
    # The same situation in each other language (site/es/, site/pt-br/).
    "scenario, es": "es/scenarios/milestone-not-released/",
    "scenario, pt-br": "pt-br/scenarios/milestone-not-released/",
}
LANGUAGES = ("es", "pt-br")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
_COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml")


@dataclass(frozen=True)
class PageScore:
    """The median of RUNS Lighthouse runs on one page."""

    name: str
    path: str
    performance: int
    accessibility: int
    lcp: float
    fcp: float
    tbt: float
    cls: float
    transfer_kb: float


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser asks, as a static host serves them."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(path))
        if not (path.is_file() and accepts and any(k in kind for k in _COMPRESSIBLE)):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def lighthouse_binary() -> Path:
    """Lighthouse from benchmarks/node_modules, installed from the lock file if missing."""
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return binary


def measure(repo: Path, work: Path, runs: int = RUNS) -> list[PageScore]:
    """Build, serve and measure every page in PAGES."""
    binary = lighthouse_binary()
    site = work / "lighthouse-site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GzipHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=repo,
        env=env,
        check=True,
    )
    for language in LANGUAGES:  # as `make build` publishes them, beside the English
        config = f"mkdocs-{language}.yml"
        target = str(site / language)
        command = [str(mkdocs), "build", "--strict", "--quiet", "-f", config, "-d", target]
        subprocess.run(command, cwd=repo, env=env, check=True)
    server.RequestHandlerClass = partial(_GzipHandler, directory=str(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    scores = []
    try:
        for name, path in PAGES.items():
            reports = [
                _run(binary, chromium, url + path, work / f"lh-{name}-{i}.json")
                for i in range(runs)
            ]
            scores.append(_median(name, path, reports))
    finally:
        server.shutdown()
    return scores


def _run(binary: Path, chromium: str, url: str, out: Path) -> dict[str, Any]:
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
        timeout=300,
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _median(name: str, path: str, reports: list[dict[str, Any]]) -> PageScore:
    def value(report: dict[str, Any], audit: str) -> float:
        return float(report["audits"][audit]["numericValue"])

    def score(report: dict[str, Any], category: str) -> int:
        return round(float(report["categories"][category]["score"]) * 100)

    by_performance = sorted(reports, key=lambda r: score(r, "performance"))
    middle = by_performance[len(by_performance) // 2]
    return PageScore(
        name=name,
        path=path or "/",
        performance=score(middle, "performance"),
        accessibility=min(score(r, "accessibility") for r in reports),
        lcp=value(middle, "largest-contentful-paint") / 1000,
        fcp=value(middle, "first-contentful-paint") / 1000,
        tbt=value(middle, "total-blocking-time"),
        cls=value(middle, "cumulative-layout-shift"),
        transfer_kb=statistics.median(value(r, "total-byte-weight") for r in reports) / 1000,
    )


if __name__ == "__main__":
    repo = Path.cwd()
    work = repo / "benchmarks" / "work"
    work.mkdir(parents=True, exist_ok=True)
    for s in measure(repo, work):
        print(
            f"{s.name:9} perf {s.performance:3} a11y {s.accessibility:3} LCP {s.lcp:.1f} s "
            f"FCP {s.fcp:.1f} s TBT {s.tbt:.0f} ms CLS {s.cls:.3f} {s.transfer_kb:.0f} KB"
        )
