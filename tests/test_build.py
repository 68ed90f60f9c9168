"""Whole-site builds with MkDocs, in process and strict."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.render import PAGE_SIZES

from .conftest import REPO, TRANSLATED, Builder, edit_file, overlay, site_config


def test_real_site_builds_strict(real_site: Path) -> None:
    """The playbook itself builds with --strict, and its generated pages link to each other."""
    site = real_site
    scenarios = sorted(p.stem for p in (REPO / "content" / "scenarios").glob("*.yml"))
    for sid in scenarios:
        page = site / "scenarios" / sid / "index.html"
        assert page.is_file(), sid
    html = (site / "scenarios" / scenarios[0] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./tactics/[a-z0-9-]+/"', html), "steps link to tactics"
    home = (site / "index.html").read_text(encoding="utf-8")
    for sid in scenarios:
        assert f'href="scenarios/{sid}/"' in home, f"home lists {sid}"
    assert (site / "search" / "search_index.json").is_file()


def test_fixture_site_links_both_ways(base_content: Path, build_site: Builder) -> None:
    """Tactic pages link to the scenarios that use them, and back."""
    site = build_site(base_content)
    tactic = (site / "tactics" / "paper-trail" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../scenarios/late-payment/"' in tactic
    scenario = (site / "scenarios" / "late-payment" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tactics/paper-trail/"' in scenario
    assert 'href="../../messages/reminder/"' in scenario
    assert 'href="../../prompts/after-money/"' in scenario
    assert re.search(r'<div class="pb-message"[^>]* data-message="reminder"', scenario)


def test_nav_stays_bounded(base_content: Path, build_site: Builder) -> None:
    """Entry pages are not listed in the sidebar: only index and category pages are."""
    site = build_site(base_content)
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "situations/payment/" in nav
    assert "scenarios/late-payment" not in nav


def test_broken_reference_aborts_the_build(
    base_content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A misspelt tactic stops the build with the checker's own message."""
    scenario = base_content / "scenarios" / "late-payment.yml"
    text = scenario.read_text(encoding="utf-8").replace("tactic: follow-up", "tactic: folow-up")
    scenario.write_text(text, encoding="utf-8")
    config = load_config(str(site_config(base_content, tmp_path)), site_dir=str(tmp_path / "s"))
    with pytest.raises(Abort):
        build(config)
    message = caplog.text
    assert "scenarios/late-payment.yml:14:13: PB104 step 2 names tactic 'folow-up'" in message
    assert "did you mean 'follow-up'?" in message


def test_page_in_docs_dir_cannot_shadow_a_generated_one(
    base_content: Path, build_site: Builder, caplog: pytest.LogCaptureFixture
) -> None:
    """A hand-written page at a generated path is an error, not a silent replacement."""
    shutil.copy(base_content / "pages" / "about.md", base_content / "pages" / "tags.md")
    with pytest.raises(Abort):
        build_site(base_content)
    assert "would replace the generated page 'tags.md': rename or remove it" in caplog.text


def test_wrong_plugin_option_names_the_option(base_content: Path, tmp_path: Path) -> None:
    """A templates folder that does not exist stops the build with one line naming it."""
    config_file = site_config(base_content, tmp_path)
    text = config_file.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s+templates: ).*$", r"\1no-such-folder", text)
    config_file.write_text(text, encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "-f", str(config_file), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "option 'templates'" in result.stderr and "no-such-folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_stale_source_still_publishes_and_says_so(
    base_content: Path, build_site: Builder
) -> None:
    """A source over a year old does not stop the strict build; its pages flag it."""
    rule = base_content / "rules" / "review-3-days.yml"
    rule.write_text(rule.read_text("utf-8").replace("2026-11-01", "2020-01-01"), "utf-8")
    site = build_site(base_content)
    html = (site / "rules" / "review-3-days" / "index.html").read_text(encoding="utf-8")
    assert html.count("overdue a check") == 2  # by the date at the top, and by the source
    fresh = (site / "rules" / "cancel-48-hours" / "index.html").read_text(encoding="utf-8")
    assert "overdue a check" not in fresh


def test_output_does_not_depend_on_hash_seeds(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED write byte-identical pages and exports."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "generator", "docs", "--out", str(out)],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
        files = sorted(p for p in out.rglob("*") if p.is_file())
        outputs.append({p.relative_to(out): p.read_bytes() for p in files})
    assert outputs[0] == outputs[1]


def test_dirty_rebuild_gives_the_pages_of_a_full_build(
    base_content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """As under `make serve` (--dirty): an edit re-renders a few pages, and every page
    is then the same as a full build of the edited content makes it."""
    monkeypatch.setenv("PLAYBOOK_PAGE_CACHE", str(tmp_path / "cache"))
    config_file = site_config(base_content, tmp_path)
    dirty_site = tmp_path / "dirty"

    def dirty_build() -> None:
        config = load_config(str(config_file), site_dir=str(dirty_site))
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            build(config, dirty=True)
        finally:
            # MkDocs keeps plugin instances for the process, as `mkdocs serve` does:
            # leave them as a plain build expects them, for the tests that follow.
            config.plugins.on_startup(command="build", dirty=False)

    def pages(site: Path) -> dict[str, bytes]:
        found = sorted(p for p in site.rglob("*.html") if "search" not in p.parts)
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in found}

    def files(site: Path) -> dict[str, bytes]:
        found = sorted(p for p in site.rglob("*") if p.is_file())
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in found}

    def search_index(site: Path) -> Any:
        return json.loads((site / "search" / "search_index.json").read_text("utf-8"))

    def edit(old: str, new: str) -> list[str]:
        """Edit scope-creep.yml, rebuild dirty; the pages rebuilt, and a full build's check."""
        before = {name: (dirty_site / name).stat().st_mtime_ns for name in pages(dirty_site)}
        edit_file(base_content / "scenarios" / "scope-creep.yml", (old, new))
        dirty_build()
        full_site = tmp_path / "full"
        shutil.rmtree(full_site, ignore_errors=True)
        build(load_config(str(config_file), site_dir=str(full_site)))
        assert pages(dirty_site) == pages(full_site)
        # Material's search keeps its index between rebuilds and replaces the entries
        # of one page: the preview keeps it right when an edit re-renders several.
        assert search_index(dirty_site) == search_index(full_site)
        # Every other file too, byte for byte: the search index, sitemap, downloads.
        assert files(dirty_site) == files(full_site)
        now = {name: (dirty_site / name).stat().st_mtime_ns for name in pages(dirty_site)}
        return sorted(n for n in before if now.get(n) != before[n])  # rebuilt, or gone

    dirty_build()
    # A change to one page's own text re-renders that page (and MkDocs' 404 page).
    assert edit("stakes: Unpaid hours.", "stakes: Unpaid hours, again.") == [
        "404.html",
        "scenarios/scope-creep/index.html",
    ]
    # A new title reaches every page that shows it: links, lists, tag listings.
    caplog.clear()
    caplog.set_level(logging.INFO)
    retitled = edit("title: Scope creep", "title: Scope creep again")
    assert "tags/upwork/index.html" in retitled and "index.html" in retitled
    # A page that is gone (no situation has the Scope category's tag) is gone from the
    # site too, as from a full build's.
    edit("category: scope", "category: payment")
    assert not (dirty_site / "tags" / "scope").exists()
    # MkDocs' warning that a dirty build's links may be wrong does not apply here.
    assert "A 'dirty' build" not in caplog.text
    assert re.search(r"Rendered \d+ of \d+ generated pages", caplog.text)


def test_long_lists_run_over_pages_that_link_to_each_other(
    base_content: Path, build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one item per page, every growing list (a group, a tag, the libraries, a
    platform's rules) runs over pages that link to each other, which the strict build
    validates; later pages stay out of search and the sidebar."""
    for size in PAGE_SIZES:
        monkeypatch.setitem(PAGE_SIZES, size, 1)
    scenarios = base_content / "scenarios"
    shutil.copy(scenarios / "late-payment.yml", scenarios / "late-payment-2.yml")
    edit_file(
        scenarios / "late-payment-2.yml",
        ("id: late-payment", "id: late-payment-2"),
        ("title: Client pays late", "title: Client pays late again"),
    )
    site = build_site(base_content)
    group = (site / "situations" / "payment" / "index.html").read_text("utf-8")
    assert "Page 1 of 2" in group and 'href="page/2/"' in group
    second = (site / "situations" / "payment" / "page" / "2" / "index.html").read_text("utf-8")
    assert "Page 2 of 2" in second and 'href="../../"' in second
    assert "<title>Payment, page 2 of 2" in second
    for later in [
        "tags/payment/page/2",
        "messages/page/2",
        "tactics/page/2",
        "platforms/upwork/page/2",
    ]:
        assert (site / later / "index.html").is_file(), later
    rules = [site / "platforms" / "upwork" / "page" / str(n) / "index.html" for n in (2, 3)]
    second, third = (page.read_text("utf-8") for page in rules)
    assert "« First" not in second and "Last »" not in second
    assert "« First" in third and 'href="../2/"' in third and "Next \u203a" not in third
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if "/page/" in d["location"]]
    about = (site / "about" / "index.html").read_text("utf-8")
    assert "/page/" not in about[about.index('<nav class="md-nav md-nav--primary"') :]


def test_the_spanish_site_builds_from_its_translations(
    base_content: Path, build_site: Builder
) -> None:
    """mkdocs-es.yml over the translated fixture: Spanish pages where there is a
    translation, the English marked lang="en" where there is none, the Spanish about page."""
    overlay(TRANSLATED, base_content)
    site = build_site(base_content, language="es")
    scenario = (site / "scenarios" / "late-payment" / "index.html").read_text("utf-8")
    assert '<html lang="es"' in scenario and ">El cliente paga tarde<" in scenario
    assert "pb-lang-note" in scenario  # a draft
    tactic = (site / "tactics" / "follow-up" / "index.html").read_text("utf-8")
    assert '<div lang="en">' in tactic and "pb-lang-note" in tactic
    assert "Una página de prueba." in (site / "about" / "index.html").read_text("utf-8")


def test_a_broken_translation_stops_only_its_own_site(
    base_content: Path, build_site: Builder, caplog: pytest.LogCaptureFixture
) -> None:
    """A Spanish message with a misnamed blank: the English site builds (its message
    pages offer English only) and the Spanish one stops with the checker's line."""
    overlay(TRANSLATED, base_content)
    reminder = base_content / "i18n" / "es" / "messages" / "reminder.yml"
    edit_file(reminder, ("{{ amount }}.", "{{ monto }}."))
    site = build_site(base_content)
    page = (site / "messages" / "reminder" / "index.html").read_text("utf-8")
    assert "pb-langs" not in page
    with pytest.raises(Abort):
        build_site(base_content, name="es", language="es")
    assert "i18n/es/messages/reminder.yml:" in caplog.text and "PB141" in caplog.text
