"""What the benchmark measured, the targets it checks, and RESULTS.md."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import Counts
from lighthouse import PageScore
from measure import Run, Site, load_average, machine

CHECK_FACTOR = 2.0
BUILD_RATIO = 1.15
MEDIAN_DRIFT = 0.10
LARGEST_GROWTH = 0.25
"""The largest page may grow this much from the smallest N to the largest: lists are paged."""
INDEX_RATIO = 1.3
LIGHTHOUSE_PERFORMANCE = 95
PREVIEW_SECONDS = (1.5, 3.0)  # today's content; 1,000 scenarios
LIGHTHOUSE_PAGES = ("home", "scenario", "message", "scenario, es", "scenario, pt-br")
LANGUAGE_MARGIN = 0.05
"""A language's build ratio may exceed English's by this much (today's content)."""


@dataclass(frozen=True)
class Size:
    """Everything measured for one number of scenarios."""

    counts: Counts
    floor: float
    floor_cpu: float
    check: Run
    startup: Run
    """`playbook --version`, measured beside the check: the budget's start-up."""
    docs: Run
    full: Run
    plain: Run
    site: Site
    same_pages: bool


@dataclass(frozen=True)
class LanguageBuild:
    """Today's content built in one language, with the plugin and plain."""

    language: str
    full: Run
    plain: Run
    pages: int
    same_pages: bool

    @property
    def ratio(self) -> float:
        return self.full.wall / self.plain.wall


@dataclass(frozen=True)
class Serve:
    """One edit under `mkdocs serve`."""

    scenarios: int
    first_report: str
    edit_report: str
    built_in: float
    edit_to_reload: float

    @property
    def parsed_after_edit(self) -> int:
        match = re.match(r"parsed (\d+) of", self.edit_report)
        return int(match.group(1)) if match else -1


@dataclass(frozen=True)
class Target:
    name: str
    result: str
    met: bool


@dataclass
class Report:
    started: float
    date: str
    load_before: str
    startup: tuple[float, float, float] = (0.0, 0.0, 0.0)
    sizes: dict[int, Size] = field(default_factory=dict)
    serves: list[Serve] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    phases_size: int = 0
    lighthouse: list[PageScore] = field(default_factory=list)
    languages: list[LanguageBuild] = field(default_factory=list)

    @classmethod
    def start(cls) -> Report:
        return cls(time.perf_counter(), time.strftime("%Y-%m-%d %H:%M"), load_average())

    def check_budget(self, size: Size) -> float:
        return CHECK_FACTOR * size.floor + size.startup.wall

    def targets(self) -> list[Target]:
        out: list[Target] = []
        for n, s in self.sizes.items():
            ratio = (s.check.wall - s.startup.wall) / s.floor
            out.append(
                Target(
                    f"check <= 2 x parse floor + start-up, N = {n:,}",
                    f"{s.check.wall:.2f} s against {self.check_budget(s):.2f} s "
                    f"((check - start-up) / floor = {ratio:.2f})",
                    s.check.wall <= self.check_budget(s),
                )
            )
        for n, s in self.sizes.items():
            ratio = s.full.wall / s.plain.wall
            out.append(
                Target(
                    f"full build <= {BUILD_RATIO} x plain MkDocs, N = {n:,}",
                    f"{ratio:.3f} ({s.full.wall:.1f} s / {s.plain.wall:.1f} s; "
                    f"CPU {s.full.cpu / s.plain.cpu:.3f})",
                    ratio <= BUILD_RATIO,
                )
            )
        if len(self.sizes) >= 2:
            small, large = min(self.sizes), max(self.sizes)
            a, b = self.sizes[small].site.median_page, self.sizes[large].site.median_page
            drift = b / a - 1
            out.append(
                Target(
                    f"median page at N = {large:,} within 10% of N = {small:,}",
                    f"{_kb(b)} against {_kb(a)} ({drift:+.1%})",
                    abs(drift) <= MEDIAN_DRIFT,
                )
            )
            # Lists run over pages and entry pages list a few items, so the largest
            # page, whatever it is, stays the size of the largest at N = 100.
            a, b = self.sizes[small].site.largest_page, self.sizes[large].site.largest_page
            growth = b / a - 1
            out.append(
                Target(
                    f"largest page at N = {large:,} within {LARGEST_GROWTH:.0%} of N = {small:,}",
                    f"{_kb(b)} (`{self.sizes[large].site.largest_path}`) against {_kb(a)} "
                    f"({growth:+.1%})",
                    growth <= LARGEST_GROWTH,
                )
            )
        for n, s in self.sizes.items():
            ratio = s.site.index_bytes / s.site.text_bytes
            out.append(
                Target(
                    f"search index <= {INDEX_RATIO} x indexed text, N = {n:,}",
                    f"{ratio:.2f} ({_mb(s.site.index_bytes)} / {_mb(s.site.text_bytes)})",
                    ratio <= INDEX_RATIO,
                )
            )
        english = next((lb for lb in self.languages if lb.language == "en"), None)
        for lb in self.languages:
            if english is None or lb is english:
                continue
            out.append(
                Target(
                    f"build ratio in {lb.language} <= English's + {LANGUAGE_MARGIN}, "
                    "today's content",
                    f"{lb.ratio:.3f} ({lb.full.wall:.2f} s / {lb.plain.wall:.2f} s) against "
                    f"{english.ratio:.3f}",
                    lb.ratio <= english.ratio + LANGUAGE_MARGIN,
                )
            )
        if self.lighthouse:
            scored = [p for p in self.lighthouse if p.name in LIGHTHOUSE_PAGES]
            out.append(
                Target(
                    f"Lighthouse mobile performance >= {LIGHTHOUSE_PERFORMANCE}: "
                    + ", ".join(LIGHTHOUSE_PAGES),
                    ", ".join(f"{p.name} {p.performance}" for p in scored),
                    all(p.performance >= LIGHTHOUSE_PERFORMANCE for p in scored),
                )
            )
            out.append(
                Target(
                    "Lighthouse accessibility 100 on every page measured",
                    ", ".join(f"{p.name} {p.accessibility}" for p in self.lighthouse),
                    all(p.accessibility == 100 for p in self.lighthouse),
                )
            )
        for v in self.serves:
            size = f"N = {v.scenarios:,}" if v.scenarios else "today's content"
            limit = PREVIEW_SECONDS[0] if not v.scenarios else PREVIEW_SECONDS[1]
            out.append(
                Target(
                    f"serve, {size}: an edit re-parses only the changed file",
                    f"{v.edit_report.split(':')[0]}",
                    v.parsed_after_edit == 1,
                )
            )
            out.append(
                Target(
                    f"serve, {size}: an edit reaches the browser in <= {limit} s",
                    f"{v.edit_to_reload:.2f} s from saving the file to the new title in "
                    f"Chromium (MkDocs rebuilt in {v.built_in:.2f} s)",
                    0 <= v.edit_to_reload <= limit,
                )
            )
        return out


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _kb(n: int) -> str:
    return f"{n / 1e3:.1f} KB"


def tables(report: Report) -> str:
    bare, cli, cli_cpu = report.startup
    rows = [
        "### Check",
        "",
        f"Start-up: `python -c pass` {bare:.3f} s; `playbook --version` {cli:.3f} s "
        f"({cli_cpu:.3f} s CPU) at the start of the run: the interpreter and the CLI's "
        "imports. The budget's start-up is `playbook --version` again, run between the "
        "checks of each size. The floor is the time inside benchmarks/floor.py.",
        "",
        "| Scenarios | Entries | `playbook check` | Start-up | Parse floor | Budget | "
        "(check - start-up) / floor | Same, in CPU time | Peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, s in report.sizes.items():
        ratio = (s.check.wall - s.startup.wall) / s.floor
        rows.append(
            f"| {n:,} | {s.counts.files:,} | {s.check.wall:.2f} s | {s.startup.wall:.2f} s | "
            f"{s.floor:.2f} s | {report.check_budget(s):.2f} s | {ratio:.2f} | "
            f"{(s.check.cpu - s.startup.cpu) / s.floor_cpu:.2f} | "
            f"{s.check.rss_mb:.0f} MB |"
        )
    rows += [
        "",
        "### Build",
        "",
        "| Scenarios | HTML pages | Full build | Plain MkDocs | Ratio | CPU, full / plain | "
        "CPU ratio | Peak memory, full / plain | `playbook docs` | Same pages |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for n, s in report.sizes.items():
        rows.append(
            f"| {n:,} | {s.site.pages:,} | {s.full.wall:.1f} s | {s.plain.wall:.1f} s | "
            f"{s.full.wall / s.plain.wall:.3f} | {s.full.cpu:.1f} / {s.plain.cpu:.1f} s | "
            f"{s.full.cpu / s.plain.cpu:.3f} | "
            f"{s.full.rss_mb:.0f} / {s.plain.rss_mb:.0f} MB | {s.docs.wall:.1f} s | "
            f"{'yes' if s.same_pages else 'NO'} |"
        )
    rows += [
        "",
        "### Site",
        "",
        "| Scenarios | Site | Median page | Largest page | Search index | Indexed text | "
        "Index / text |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, s in report.sizes.items():
        t = s.site
        rows.append(
            f"| {n:,} | {_mb(t.total_bytes)} | {_kb(t.median_page)} | "
            f"{_kb(t.largest_page)} (`{t.largest_path}`) | {_mb(t.index_bytes)} | "
            f"{_mb(t.text_bytes)} | {t.index_bytes / t.text_bytes:.2f} |"
        )
    if report.languages:
        rows += [
            "",
            "### Build per language, today's content",
            "",
            "The repository's content built by each language's config (mkdocs.yml, "
            "mkdocs-es.yml, mkdocs-pt-br.yml) with the plugin, and the same pages from "
            "`playbook docs --language` with plain MkDocs; fastest of "
            "3 runs each, side by side.",
            "",
            "| Language | HTML pages | Full build | Plain MkDocs | Ratio | CPU ratio | "
            "Same pages |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
        ]
        for b in report.languages:
            rows.append(
                f"| {b.language} | {b.pages:,} | {b.full.wall:.2f} s | {b.plain.wall:.2f} s | "
                f"{b.ratio:.3f} | {b.full.cpu / b.plain.cpu:.3f} | "
                f"{'yes' if b.same_pages else 'NO'} |"
            )
    if report.lighthouse:
        rows += [
            "",
            "### Lighthouse, mobile (simulated slow 4G), the real site served with gzip",
            "",
            "Median of 3 runs per page (benchmarks/lighthouse.py, Lighthouse 12.2.3, "
            "Debian's Chromium).",
            "",
            "| Page | Performance | Accessibility | LCP | FCP | TBT | CLS | Transferred |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for p in report.lighthouse:
            rows.append(
                f"| {p.name} (`{p.path}`) | {p.performance} | {p.accessibility} | "
                f"{p.lcp:.1f} s | {p.fcp:.1f} s | {p.tbt:.0f} ms | {p.cls:.3f} | "
                f"{p.transfer_kb:.0f} KB |"
            )
    return "\n".join(rows) + "\n"


def write_report(report: Report, path: Path) -> str:
    """Render RESULTS.md, write it, and return its text."""
    targets = report.targets()
    minutes = (time.perf_counter() - report.started) / 60
    lines = [
        "# Benchmark results",
        "",
        f"Measured {report.date} by `make bench` (benchmarks/bench.py) in {minutes:.1f} "
        "minutes. How each number is taken: [README.md](README.md).",
        "",
        "| Machine | |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in machine().items()),
        f"| Load average (1, 5, 15 min) | before {report.load_before}; after {load_average()} |",
        "",
        "## Targets",
        "",
        "| Target | Result | Met |",
        "| --- | --- | :---: |",
        *(f"| {t.name} | {t.result} | {'yes' if t.met else '**no**'} |" for t in targets),
        "",
        "## Measurements",
        "",
        tables(report),
    ]
    if report.phases:
        lines += [
            f"### Where the generator's time goes, N = {report.phases_size:,}",
            "",
            "CPU seconds in one process, without MkDocs (benchmarks/phases.py):",
            "",
            "| Phase | Seconds |",
            "| --- | ---: |",
            *(f"| {k} | {v:.2f} |" for k, v in report.phases.items()),
            "",
        ]
    for v in report.serves:
        size = f"N = {v.scenarios:,}" if v.scenarios else "today's content"
        lines += [
            f"### `mkdocs serve --dirty` (make serve), {size}",
            "",
            f"- First build: {v.first_report}",
            f"- After editing one scenario's title: {v.edit_report}",
            f"- Rebuild: {v.built_in:.2f} s (MkDocs' own count); the new title showed in "
            f"Chromium {v.edit_to_reload:.2f} s after the file was saved.",
            "",
        ]
    missed = [t for t in targets if not t.met]
    lines += ["## Verdict", ""]
    if missed:
        lines.append(f"{len(missed)} of {len(targets)} targets missed:")
        lines += [f"- {t.name}: {t.result}." for t in missed]
        lines += ["", "Why, and what would fix it: see README.md, *Findings*."]
    else:
        lines.append(f"All {len(targets)} targets met.")
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text
