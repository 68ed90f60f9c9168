"""The scale benchmark: does a playbook of 5,000 entries check and build like one of 50?

For each size it generates content (benchmarks/generate.py), then measures in one run:
`playbook check` against the libyaml parse floor, the full `mkdocs build --strict` against
a plain MkDocs build of the same pages, the built site's sizes and peak memory; and it
edits one scenario under `mkdocs serve`. It prints the tables and writes RESULTS.md.

Run from the repository root: `make bench`, or `.venv/bin/python benchmarks/bench.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lighthouse
from generate import Counts, generate
from measure import Run, fastest, full_config, plain_config, run, site_stats
from report import LanguageBuild, Report, Serve, Size, write_report

from generator.i18n import site_languages

# Repeats per size: the fastest run is the one least disturbed by the rest of the machine.
CHECK_REPEATS = {100: 5, 1000: 5, 5000: 3}
BUILD_REPEATS = {100: 3, 1000: 1, 5000: 1}
HERE = Path(__file__).resolve().parent
PLAYBOOK = [str(Path(sys.executable).parent / "playbook")]
MKDOCS = [str(Path(sys.executable).parent / "mkdocs")]


def log(message: str) -> None:
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


@dataclass
class Prepared:
    """A size whose content and pre-written pages are ready to be checked and built."""

    n: int
    folder: Path
    counts: Counts
    docs: Run


def prepare(n: int, repo: Path, work: Path) -> Prepared:
    """Generate `n` scenarios and write their pages with `playbook docs`."""
    folder = work / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    content = folder / "content"
    counts = generate(content, n, repo=repo)
    log(f"N={n}: generated {counts.files} entries")
    templates = str(repo / "templates" / "pages")
    docs = [*PLAYBOOK, "docs", "--content", str(content), "--templates", templates]
    return Prepared(n, folder, counts, run([*docs, "--out", str(folder / "docs")], cwd=repo))


def time_check(p: Prepared, repo: Path) -> tuple[float, float, Run, Run]:
    """The parse floor (wall and CPU seconds), the fastest `playbook check`, and the
    fastest start-up (`playbook --version`), all three measured interleaved: at 100
    scenarios the start-up is most of the check, and the machine's pace varies."""
    content = str(p.folder / "content")
    floors: list[tuple[float, float]] = []
    checks: list[Run] = []
    startups: list[Run] = []
    for _ in range(CHECK_REPEATS.get(p.n, 1)):  # interleaved, so all see the same machine
        wall, cpu, _ = run(
            [sys.executable, str(HERE / "floor.py"), content], cwd=repo
        ).stdout.split()
        floors.append((float(wall), float(cpu)))
        checks.append(run([*PLAYBOOK, "check", "--strict", "--content", content], cwd=repo))
        startups.append(run([*PLAYBOOK, "--version"], cwd=repo))
    check, startup = fastest(checks), fastest(startups)
    floor = min(f[0] for f in floors)
    log(f"N={p.n}: check {check.wall:.2f} s, start-up {startup.wall:.2f} s, floor {floor:.2f} s")
    return floor, min(f[1] for f in floors), check, startup


def build(p: Prepared, checked: tuple[float, float, Run, Run], repo: Path, *, keep: bool) -> Size:
    """Build the site with the plugin and, side by side, the same pages with plain MkDocs."""
    content = p.folder / "content"
    configs = (
        full_config(repo, content, p.folder),
        plain_config(repo, content, p.folder / "docs", p.folder),
    )
    sites = (p.folder / "site", p.folder / "site-plain")
    builds: tuple[list[Run], list[Run]] = ([], [])
    for _ in range(BUILD_REPEATS.get(p.n, 1)):
        # One build per core, at the same time: both see the same machine.
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = [
                pool.submit(
                    run, [*MKDOCS, "build", "--strict", "-f", str(cfg), "-d", str(site)], cwd=repo
                )
                for cfg, site in zip(configs, sites, strict=True)
            ]
            for runs, job in zip(builds, jobs, strict=True):
                runs.append(job.result())
    full, plain = fastest(builds[0]), fastest(builds[1])
    log(f"N={p.n}: full build {full.wall:.1f} s, plain build {plain.wall:.1f} s")
    same = _html_pages(sites[0]) == _html_pages(sites[1])
    size = Size(p.counts, *checked, p.docs, full, plain, site_stats(sites[0]), same)
    if not keep:  # a gigabyte at 5,000 scenarios; the content and configs stay
        for folder in (*sites, p.folder / "docs"):
            shutil.rmtree(folder)
    return size


LANGUAGE_REPEATS = 3


def measure_languages(repo: Path, work: Path, *, keep: bool) -> list[LanguageBuild]:
    """Today's content built in each language with the plugin and, side by side, the
    same pages (`playbook docs --language`) with plain MkDocs and the language's config."""
    content = repo / "content"
    templates = str(repo / "templates" / "pages")
    found = []
    for language in ["en", *site_languages()]:
        folder = work / f"language-{language}"
        folder.mkdir(parents=True, exist_ok=True)
        chosen = None if language == "en" else language
        docs = folder / "docs"
        command = [*PLAYBOOK, "docs", "--content", str(content), "--templates", templates]
        run([*command, "--language", language, "--out", str(docs)], cwd=repo)
        configs = (
            full_config(repo, content, folder, chosen),
            plain_config(repo, content, docs, folder, chosen),
        )
        sites = (folder / "site", folder / "site-plain")
        builds: tuple[list[Run], list[Run]] = ([], [])
        for _ in range(LANGUAGE_REPEATS):
            with ThreadPoolExecutor(max_workers=2) as pool:
                jobs = [
                    pool.submit(
                        run,
                        [*MKDOCS, "build", "--strict", "-f", str(cfg), "-d", str(site)],
                        cwd=repo,
                    )
                    for cfg, site in zip(configs, sites, strict=True)
                ]
                for runs, job in zip(builds, jobs, strict=True):
                    runs.append(job.result())
        full, plain = fastest(builds[0]), fastest(builds[1])
        same = _html_pages(sites[0]) == _html_pages(sites[1])
        log(f"{language}: full build {full.wall:.2f} s, plain build {plain.wall:.2f} s")
        found.append(LanguageBuild(language, full, plain, len(_html_pages(sites[0])), same))
        if not keep:
            for path in (*sites, docs):
                shutil.rmtree(path)
    return found


def _html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def measure_serve(n: int, repo: Path, work: Path, timeout: float = 600) -> Serve:
    """Serve a playbook of `n` scenarios (0: the real one), edit one, and time the reload.

    A Chromium tab shows the edited scenario; the time is from saving the file to the
    tab showing the new title, as a contributor sees it.
    """
    folder = work / f"serve{n}"  # its own copy: the test edits it
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    content = folder / "content"
    if n:
        generate(content, n, repo=repo)
    else:
        shutil.copytree(repo / "content", content)
    time.sleep(2.5)  # files younger than generator.parsecache.SETTLE_NS are never kept
    config = full_config(repo, content, folder)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "serve_probe.py"), str(config), f"127.0.0.1:{port}"],
        cwd=repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PLAYBOOK_PAGE_CACHE": str(folder / "page-cache"),
        },
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while True:
            try:
                when, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
            except queue.Empty:
                raise RuntimeError(f"mkdocs serve never said '{text}'") from None
            if "Error" in line or "Traceback" in line:
                raise RuntimeError(f"mkdocs serve failed: {line}")
            if text in line:
                return when, line

    from playwright.sync_api import sync_playwright

    browser_seconds = -1.0
    try:
        _, first = wait_for("probe: parsed")
        wait_for("Serving on")
        scenario = sorted((content / "scenarios").glob("*.yml"))[0]
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            tab = chromium.new_page()
            tab.goto(f"http://127.0.0.1:{port}/scenarios/{scenario.stem}/")
            time.sleep(1.5)  # let the watcher and the page's reload socket settle
            text = scenario.read_text(encoding="utf-8")
            scenario.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
            edited = time.perf_counter()
            tab.wait_for_function(
                "document.querySelector('h1') && "
                "document.querySelector('h1').textContent.startsWith('Edited')",
                timeout=timeout * 1000,
                polling=20,
            )
            browser_seconds = time.perf_counter() - edited
            chromium.close()
        _, edit = wait_for("probe: parsed")
        _, built = wait_for("Documentation built in")
        wait_for("Reloading browsers")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    seconds = float(built.split("built in")[1].split()[0])
    return Serve(n, first.split("probe: ")[1], edit.split("probe: ")[1], seconds, browser_seconds)


def profile(sizes: list[int], repo: Path, work: Path) -> tuple[int, dict[str, float]]:
    """The generator's phases at the size nearest 1,000: the shares, in a short time."""
    n = min(sizes, key=lambda size: abs(size - 1000))
    templates = str(repo / "templates" / "pages")
    content = str(work / f"n{n}" / "content")
    phases = run([sys.executable, str(HERE / "phases.py"), content, templates], cwd=repo)
    return n, json.loads(phases.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,5000", help="Scenario counts, comma-separated."
    )
    parser.add_argument(
        "--serve-size", type=int, default=1000, help="Scenarios for the serve test; 0 skips it."
    )
    parser.add_argument(
        "--repo", type=Path, default=Path.cwd(), help="The repository (default: here)."
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="Scratch folder (default: benchmarks/work)."
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="Report file (default: benchmarks/RESULTS.md)."
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep the built sites and pages in the scratch folder."
    )
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="Skip Lighthouse on the real site."
    )
    args = parser.parse_args()
    repo = args.repo.resolve()
    work = (args.work or repo / "benchmarks" / "work").resolve()
    report = Report.start()
    bare = fastest([run([sys.executable, "-c", "pass"], cwd=repo) for _ in range(5)])
    cli = fastest([run([*PLAYBOOK, "--version"], cwd=repo) for _ in range(5)])
    report.startup = (bare.wall, cli.wall, cli.cpu)
    log(f"start-up: python {bare.wall:.3f} s, playbook {cli.wall:.3f} s")
    sizes = [int(x) for x in args.sizes.split(",")]
    serving: Future[Serve] | None = None
    with ThreadPoolExecutor(max_workers=1) as background:
        for n in sizes:
            last = n == max(sizes)
            if args.serve_size and last:
                # The serve test runs on one core while the other generates the largest
                # size and writes its pages; the timings compared with a baseline (check
                # and floor, full and plain build) wait until it has ended.
                log(f"serve: {args.serve_size} scenarios, beside N={n} preparation")
                serving = background.submit(measure_serve, args.serve_size, repo, work)
            prepared = prepare(n, repo, work)
            if last:
                report.phases_size, report.phases = profile(sizes, repo, work)
            if serving is not None:
                done, serving = serving.result(), None
                report.serves.append(done)
                log(f"serve: {done.edit_report}; reload {done.edit_to_reload:.2f} s")
            checked = time_check(prepared, repo)
            report.sizes[n] = build(prepared, checked, repo, keep=args.keep)
    log("languages: today's content in each language")
    report.languages = measure_languages(repo, work, keep=args.keep)
    if args.serve_size:
        log("serve: today's content")  # alone on the machine, as a contributor runs it
        report.serves.insert(0, measure_serve(0, repo, work))
    if not args.no_lighthouse:
        # Last, alone on the machine: Lighthouse's simulated phone is timed on this CPU.
        log("lighthouse: the real site, mobile profile, served with gzip")
        report.lighthouse = lighthouse.measure(repo, work)
    text = write_report(report, args.out or repo / "benchmarks" / "RESULTS.md")
    sys.stdout.write(text)
    return 0  # a missed target is a finding, written in the report, not a failed run


if __name__ == "__main__":
    sys.exit(main())
