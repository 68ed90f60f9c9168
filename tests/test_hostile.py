"""Hostile input: one clear line per problem, fast, and nothing unsafe reaches a page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.kinds import KINDS
from generator.load import check, load
from generator.playbook import Playbook
from generator.problems import ContentError
from generator.yamlread import Document, read_entry

from .conftest import BASE, FIXTURES, Builder, copy_tree, overlay

HOSTILE = FIXTURES / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_gets_one_clear_line(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each hostile file is reported at its line, without a traceback."""
    content = copy_tree(BASE, tmp_path / "content")
    overlay(HOSTILE / case, content)
    expected = (HOSTILE / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(content)
    result = CliRunner().invoke(main, ["check", "--strict", "--content", "."])
    heads = [
        " ".join(line.split(" ")[: 3 if " warning: " in line else 2])
        for line in result.stdout.splitlines()
    ]
    assert heads == [e.replace(": PB", ": PB", 1) for e in expected]
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_file_over_the_size_limit(base_content: Path) -> None:
    """A 300 KiB entry is refused unread, at line 1."""
    path = base_content / "tactics" / "paper-trail.yml"
    path.write_text("id: paper-trail\nsummary: " + "x" * 300_000 + "\n", encoding="utf-8")
    problems = check(base_content)
    assert [(p.code, p.line) for p in problems] == [("PB006", 1)]


def test_byte_order_mark_is_accepted_silently(base_content: Path) -> None:
    """A UTF-8 BOM written by an editor changes nothing."""
    path = base_content / "tactics" / "paper-trail.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(base_content, today=date(2026, 11, 21)) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_problems(raw: bytes) -> None:
    """Arbitrary bytes never raise: the reader returns a document or problems."""
    result = read_entry(Path("x.yml"), raw)
    assert isinstance(result, Document | list)


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=_yaml_values, kind=st.sampled_from(KINDS.folders()))
def test_any_yaml_document_gives_a_playbook_or_problems(
    document: object, kind: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any YAML document as an entry gives a Playbook or a ContentError, nothing else."""
    import yaml

    content = copy_tree(BASE, tmp_path_factory.mktemp("h") / "content")
    (content / kind).mkdir(exist_ok=True)  # a kind may have no entry in the fixture
    (content / kind / "fuzzed.yml").write_text(yaml.safe_dump(document), encoding="utf-8")
    try:
        assert isinstance(load(content), Playbook)
    except ContentError as exc:
        assert exc.problems


HOSTILE_STRINGS = {
    "title": "Paper *trail* [x](y) & < 5 {{ 7*7 }}",
    "template": "{% include '/etc/passwd' %} {{ 7*7 }}",
    "body": "<img src=x onerror=alert(1)> </textarea> {{ client_name }}",
}


def test_site_shows_hostile_strings_literally(base_content: Path, build_site: Builder) -> None:
    """Titles, template syntax and markup in message bodies appear as text in the HTML."""
    from html.parser import HTMLParser

    tactic = base_content / "tactics" / "paper-trail.yml"
    text = tactic.read_text(encoding="utf-8")
    text = text.replace("title: Paper trail", f'title: "{HOSTILE_STRINGS["title"]}"')
    text = text.replace("when: Always.", f'when: "{HOSTILE_STRINGS["template"]}"')
    tactic.write_text(text, encoding="utf-8")
    message = base_content / "messages" / "change-request.yml"
    body = HOSTILE_STRINGS["body"]
    message.write_text(
        message.read_text(encoding="utf-8").replace(
            "Hi {{ client_name }}, happy to add that.", body
        ),
        encoding="utf-8",
    )
    site = build_site(base_content, strict=False)  # PB205 warns about the template syntax

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []
            self.tags: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    def parse(path: Path) -> Collect:
        parser = Collect()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser

    tactic_page = parse(site / "tactics" / "paper-trail" / "index.html")
    joined = "".join(tactic_page.text)
    assert HOSTILE_STRINGS["title"] in joined
    assert HOSTILE_STRINGS["template"] in joined
    html = (site / "tactics" / "paper-trail" / "index.html").read_text(encoding="utf-8")
    assert "<em>trail</em>" not in html and '<a href="y"' not in html, "no Markdown in titles"
    message_page = parse(site / "messages" / "change-request" / "index.html")
    assert "<img src=x onerror=alert(1)> </textarea> [Client's name]" in "".join(message_page.text)
    assert not any(t == "img" and "onerror" in a for t, a in message_page.tags)


def test_external_links_open_safely(base_content: Path, build_site: Builder) -> None:
    """Links from content to other sites carry rel="noopener noreferrer"."""
    tactic = base_content / "tactics" / "paper-trail.yml"
    text = tactic.read_text(encoding="utf-8").replace(
        "when: Always.", "when: See [the guide](https://example.org/guide)."
    )
    tactic.write_text(text, encoding="utf-8")
    site = build_site(base_content)
    html = (site / "tactics" / "paper-trail" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/guide" rel="noopener noreferrer">the guide</a>' in html
    rule = site / "rules" / "city-pay-within-30-days" / "index.html"
    assert 'href="https://example.org/law" rel="noopener noreferrer"' in rule.read_text("utf-8")


def test_two_builds_are_byte_identical(base_content: Path, build_site: Builder) -> None:
    """The same content builds to the same bytes, page for page."""
    first = build_site(base_content, name="one")
    second = build_site(base_content, name="two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_page_head_keeps_quotes_and_names_the_site_once(
    base_content: Path, build_site: Builder
) -> None:
    """A summary with straight quotes and a title with `&` and `<` reach the page head
    whole, as a real parser reads them; the home page's title is the site's name once."""
    from html.parser import HTMLParser

    summary = 'The client says "next week" & < 5 days > "soon".'
    scenario = base_content / "scenarios" / "late-payment.yml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8").replace(
            "summary: The invoice is past due and the client is quiet.",
            f"summary: '{summary}'",
        ),
        encoding="utf-8",
    )
    tactic = base_content / "tactics" / "paper-trail.yml"
    tactic.write_text(
        tactic.read_text(encoding="utf-8").replace(
            "title: Paper trail", "title: Notes & < 5 proofs"
        ),
        encoding="utf-8",
    )
    site = build_site(base_content)

    class Head(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.description: list[str | None] = []
            self.title = ""
            self._in_title = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "meta" and found.get("name") == "description":
                self.description.append(found.get("content"))
            self._in_title = tag == "title"

        def handle_endtag(self, tag: str) -> None:
            self._in_title = False

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title += data

    def head(path: Path) -> Head:
        parser = Head()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser

    assert head(site / "scenarios" / "late-payment" / "index.html").description == [summary]
    assert head(site / "tactics" / "paper-trail" / "index.html").title.startswith(
        "Notes & < 5 proofs - "
    )
    home = head(site / "index.html")
    assert home.title.count("Playbook") == 1, home.title


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stem=st.sampled_from(["reminder", "change-request"])
    | st.from_regex(r"[a-z]{1,5}", fullmatch=True),
    suffixes=st.lists(
        st.sampled_from(["", "-friendly", "-firm", "-neutral", "-firm-x", "-y"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
)
def test_where_check_passes_every_export_does(
    stem: str, suffixes: list[str], tmp_path_factory: Any
) -> None:
    """Messages named so that one's Espanso trigger may begin another's: whenever
    `check` finds no error, every export succeeds (the checker is the judge)."""
    from generator.export import export_files

    content = copy_tree(BASE, tmp_path_factory.mktemp("ids") / "content")
    source = (BASE / "messages" / "reminder.yml").read_text(encoding="utf-8")
    for message_id in {stem + suffix for suffix in suffixes} - {"reminder"}:
        text = source.replace("id: reminder\n", f"id: {message_id}\n")
        (content / "messages" / f"{message_id}.yml").write_text(text, encoding="utf-8")
    problems = check(content, today=date(2026, 11, 21))
    if any(p.severity.value == "error" for p in problems):
        return
    export_files(load(content, today=date(2026, 11, 21)))  # raises if the checker missed it
