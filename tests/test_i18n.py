"""The interface's words come from one catalogue per language (generator/i18n.py).

The pseudo-language `qps` shows every catalogue string as ⟦English⟧. These tests build
the small fixture in `qps` with its content marked ⟪like this⟫, open every kind of page
in Chromium with its scripts running, and fail on any word outside both marks: a UI
string left out of the catalogue, in a template, a script or Python.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import i18n
from generator.render import script_strings

from .conftest import BASE, REPO, _QuietHandler, copy_tree, site_config

UI = re.compile(r"⟦[^⟦⟧⟪⟫]*⟧")
CONTENT = re.compile(r"⟪[^⟦⟧⟪⟫]*⟫")
# Words no catalogue holds: names (the site's, Espanso's, a time zone's, a file's),
# currency codes, and the am/pm of times the browser formats.
NOT_UI = re.compile(
    r"\b(?:Freelance Client Playbook|Espanso|UTC|[A-Z]{3}|AM|PM)\b"
    r"|\b[A-Z][a-z]+/[A-Za-z_]+\b|\b[\w.-]+\.json\b"
)

# Content fields readers see: marked ⟪...⟫ in the fixture copy. Ids, references, dates,
# zones, amounts and the words platforms' own-words checks match stay as they are.
PROSE = {
    "title", "summary", "signals", "stakes", "do", "text", "rule", "consequence", "when",
    "how", "pitfalls", "purpose", "label", "example", "questions", "complaint", "what",
    "starts", "search_terms", "frameworks", "default", "choices", "platform_notes",
    "variants", "notes",
}  # fmt: skip


def bare_words(text: str) -> list[str]:
    """The words of `text` outside ⟦UI⟧ and ⟪content⟫ marks, innermost first."""
    before = None
    while before != text:
        before = text
        text = CONTENT.sub(" ", UI.sub(" ", text))
    return re.findall(r"[A-Za-z]{2,}", NOT_UI.sub(" ", text))


def _mark(value: Any, prose: bool) -> Any:
    if isinstance(value, str):
        literal = re.fullmatch(r"\d{4}(?:-\d\d){0,2}|(?:https?|mailto):\S+", value)
        return f"⟪{value}⟫" if prose and value.strip() and not literal else value
    if isinstance(value, list):
        return [_mark(item, prose) for item in value]
    if isinstance(value, dict):
        return {
            key: _mark(item, prose or key in PROSE)
            if key not in ("id", "name", "own_words", "within")
            else item
            for key, item in value.items()
        }
    return value


def marked_content(target: Path) -> Path:
    """A copy of the base fixture with every prose field marked ⟪...⟫."""
    content = copy_tree(BASE, target)
    for path in content.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "vocabulary.yml":
            marked = {
                group: [_mark(term, False) for term in terms] for group, terms in data.items()
            }
            for word in marked.get("words", []):  # a word's values are what readers see
                word["default"] = f"⟪{word['default']}⟫"
                word["platforms"] = {k: f"⟪{v}⟫" for k, v in word.get("platforms", {}).items()}
        else:
            marked = _mark(data, False)
        path.write_text(yaml.safe_dump(marked, allow_unicode=True, sort_keys=False), "utf-8")
    about = content / "pages" / "about.md"
    about.write_text("# ⟪About⟫\n\n⟪A hand-written page.⟫\n", encoding="utf-8")
    return content


def test_bare_words_finds_what_is_outside_the_marks() -> None:
    assert bare_words("⟦Rules on ⟪Upwork⟫⟧ · ⟦3 days in UTC⟧ (UTC)") == []
    assert bare_words("⟦Copy message⟧ Forget my values") == ["Forget", "my", "values"]


def test_the_catalogue_template_is_up_to_date(tmp_path: Path) -> None:
    """`make catalogue` was run after the last change to a UI string."""
    out = tmp_path / "messages.pot"
    command = [
        sys.executable,
        "-c",
        "from babel.messages.frontend import main; main()",
        "extract", "-F", "generator/locales/babel.cfg", "-k", "N_",
        "-k", "plural_forms:2,3", "--no-location", "--omit-header", "--sort-output",
        "--width", "88", "-o", str(out), ".",
    ]  # fmt: skip
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    committed = i18n.TEMPLATE.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "run `make catalogue` and commit"


def test_every_script_string_is_in_the_catalogue() -> None:
    """What the page scripts say comes from the catalogue, plural forms included."""
    for key, value in script_strings(i18n.PSEUDO).items():
        forms = value.values() if isinstance(value, dict) else [value]
        for form in forms:
            assert form.startswith("⟦") and form.endswith("⟧"), (key, form)


def test_english_is_the_source_and_an_unknown_language_is_refused() -> None:
    assert i18n.translations("en").gettext("Time left") == "Time left"
    assert i18n.translations("qps").gettext("Time left") == "⟦Time left⟧"
    assert i18n.plural_forms("en", "{n} day", "{n} days") == {"one": "{n} day", "other": "{n} days"}
    with pytest.raises(i18n.UnknownLanguage):
        i18n.translations("xx")


@pytest.fixture(scope="module")
def qps_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture, content marked, built strict in the pseudo-language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("qps")
    content = marked_content(root / "content")
    config_file = site_config(content, root)
    text = config_file.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s+)content: (.*)$", r"\g<0>\n\g<1>language: qps", text)
    assert count == 1
    config_file.write_text(text, encoding="utf-8")
    site = root / "site"
    build(load_config(str(config_file), site_dir=str(site), strict=True))
    return site


def test_the_qps_build_leaves_no_ui_string_bare(qps_site: Path, browser: Any) -> None:
    """Every kind of page, scripts run: each word is in ⟦UI⟧ or ⟪content⟫ marks."""
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    handler = partial(_QuietHandler, directory=str(qps_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    folders = sorted(
        p.parent.relative_to(qps_site).as_posix() for p in qps_site.rglob("index.html")
    )
    # about/ is a hand-written page of content; 404 and search are Material's own.
    pages = ["" if f == "." else f + "/" for f in folders if f.split("/")[0] not in ("about",)]
    assert len(pages) > 20
    context = browser.new_context(base_url=base)
    tab = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for path in pages:
            tab.goto(path)
            tab.wait_for_load_state("networkidle")
            for fold in tab.locator("details:not([open]) > summary").all():
                if fold.is_visible():
                    fold.click()
            bare = bare_words(tab.evaluate(READER_TEXT))
            if bare:
                found[path or "/"] = sorted(set(bare))
    finally:
        context.close()
        server.shutdown()
    report = "\n".join(f"{path}: {' '.join(words)}" for path, words in found.items())
    assert not found, "words outside the catalogue (⟦⟧) and content (⟪⟫):\n" + report


# What a reader meets on a page, as text: the article (script-made parts included), its
# labels and placeholders, the navigation's titles, the page title and description.
READER_TEXT = """() => {
  const parts = [document.title];
  const meta = document.querySelector('meta[name="description"]');
  if (meta) parts.push(meta.content);
  document.querySelectorAll(".md-nav--primary .md-nav__item > .md-nav__link")
    .forEach((a) => parts.push(a.textContent));
  const root = document.querySelector("article");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    // Material's own words (code blocks' copy button, tooltips) come from its language files.
    if (el.closest("script, style, time, code, .md-code__button, .md-tooltip2")) continue;
    parts.push(walker.currentNode.textContent);
  }
  root.querySelectorAll("[aria-label], [placeholder], [title], option, legend, summary")
    .forEach((el) => {
      if (el.closest(".md-code__button, .md-tooltip2")) return;
      for (const name of ["aria-label", "placeholder", "title"]) {
        if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
      }
    });
  return parts.join(" \\n ");
}"""
