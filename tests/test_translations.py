"""Translations laid over the English: shape, checks, the language's view and its pages.

The checker's codes for translations have their fixtures in tests/fixtures/errors/
(PB140-PB146, PB210, PB211, PB009-language); here, what a translation does once it is
clean, and what happens when its English moves on.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.i18n import site_languages
from generator.kinds import KINDS
from generator.load import check, load
from generator.models import Vocabulary
from generator.render import render
from generator.translate import (
    PART_WORDS,
    Items,
    Pair,
    differences,
    durations,
    fingerprints,
    numbers,
    shape_of,
    translation_model,
)

from .conftest import BASE, TEMPLATES, TRANSLATED, copy_tree, edit_file, overlay

TODAY = date(2026, 11, 21)


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """BASE with TRANSLATED's Spanish laid over it: a scenario, a message, the vocabulary
    and a glossary; the tactics, the other scenario and the rules are not translated."""
    content = copy_tree(BASE, tmp_path / "content")
    overlay(TRANSLATED, content)
    return content


def test_translated_fixture_is_clean(translated: Path) -> None:
    assert check(translated, today=TODAY) == []


def test_every_kind_and_the_vocabulary_can_be_translated() -> None:
    """Each kind has words to translate, and each part a page names when its English
    changed has words for it (the notice lists them in the reader's language)."""
    for model in [*(k.model for k in KINDS), Vocabulary]:
        shape = shape_of(model)
        assert shape is not None, model
        translation_model(model).model_json_schema()
        if model is not Vocabulary:
            for name, _ in shape.fields:
                assert name in PART_WORDS, f"{model.__name__}.{name} has no words in PART_WORDS"


def test_lists_of_named_items_are_translated_by_name() -> None:
    """Placeholders and vocabulary terms are keyed by name or id, never by position."""
    from generator.models import Message

    message = dict(shape_of(Message).fields)  # type: ignore[union-attr]
    assert isinstance(message["placeholders"], Items) and message["placeholders"].key == "name"
    vocabulary = dict(shape_of(Vocabulary).fields)  # type: ignore[union-attr]
    assert all(isinstance(s, Items) and s.key == "id" for s in vocabulary.values())


def test_the_view_lays_the_words_over_the_english(translated: Path) -> None:
    english = load(translated, today=TODAY)
    es = english.in_language("es")
    scenario = es.scenarios["late-payment"]
    assert scenario.title == "El cliente paga tarde"
    # Structure is the English's: ids, tactics, messages, platforms.
    assert [s.tactic for s in scenario.steps] == [
        s.tactic for s in english.scenarios["late-payment"].steps
    ]
    assert scenario.messages == english.scenarios["late-payment"].messages
    assert scenario.search_terms == ["cliente no paga", "me deben dinero", "factura vencida"]
    # Not translated: shown in English, and said so.
    assert es.in_english("tactics", "follow-up")
    assert es.tactics["follow-up"].title == english.tactics["follow-up"].title
    assert not es.in_english("scenarios", "late-payment")
    status = es.translated("scenarios", "late-payment")
    assert status is not None and not status.reviewed and status.changed == ()
    # The vocabulary: words, and tag pages at the English addresses.
    assert es.category("payment").title == "Pagos"
    assert es.tag_page("Dinero en riesgo") == english.tag_page("Money at risk")
    assert es.words_in("es")["contract"].on("direct") == "acuerdo"
    # The English playbook is untouched, and English is the playbook itself.
    assert english.scenarios["late-payment"].title == "Client pays late"
    assert english.in_language("en") is english


def test_a_message_offers_every_language_it_is_written_in(translated: Path) -> None:
    english = load(translated, today=TODAY)
    versions = english.versions("messages", "reminder")
    assert list(versions) == ["en", "es"]
    assert "recordarle" in versions["es"].variants["friendly"]
    assert list(english.versions("messages", "change-request")) == ["en"]


def test_a_changed_english_is_a_warning_and_keeps_the_translation(translated: Path) -> None:
    """The English summary changes: PB210 names the part, the page keeps the Spanish and
    says which part changed; nothing else is reported for that part."""
    edit_file(
        translated / "scenarios" / "late-payment.yml",
        ("The invoice is past due and the client is quiet.", "The invoice is 30 days late."),
    )
    problems = check(translated, today=TODAY)
    assert [(p.code, p.path.name) for p in problems] == [("PB210", "late-payment.yml")]
    assert "(summary)" in problems[0].message
    es = load(translated, today=TODAY).in_language("es")
    assert es.translated("scenarios", "late-payment").changed == ("summary",)  # type: ignore[union-attr]
    assert es.scenarios["late-payment"].summary.startswith("La factura")


def test_a_list_that_grew_in_english_shows_the_english_list(translated: Path) -> None:
    """A signal added in English: the translation's list no longer lines up, so that
    part shows in English until it is translated; only PB210 is reported."""
    edit_file(
        translated / "scenarios" / "late-payment.yml",
        ("  - Your reminders get no answer.", "  - Your reminders get no answer.\n  - A new one."),
    )
    problems = check(translated, today=TODAY)
    assert [p.code for p in problems] == ["PB210"]
    es = load(translated, today=TODAY).in_language("es")
    assert es.scenarios["late-payment"].signals[-1] == "A new one."
    assert es.scenarios["late-payment"].title == "El cliente paga tarde"


def test_playbook_translated_records_todays_english(translated: Path) -> None:
    edit_file(
        translated / "scenarios" / "late-payment.yml",
        ("The invoice is past due and the client is quiet.", "The invoice is 30 days late."),
    )
    target = translated / "i18n" / "es" / "scenarios" / "late-payment.yml"
    edit_file(
        target,
        ("La factura ya venció y el cliente no dice nada.", "La factura lleva 30 días de atraso."),
    )
    before = target.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["translated", str(target), "--content", str(translated)])
    assert result.exit_code == 0, result.output
    assert check(translated, today=TODAY) == []
    after = target.read_text(encoding="utf-8")
    # Only the `english` block changed; the comments and words are kept.
    changed = [a for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0].startswith("  summary: ")


def test_new_language_writes_a_skeleton_to_translate(translated: Path) -> None:
    result = CliRunner().invoke(
        main, ["new", "tactic", "follow-up", "--language", "es", "--content", str(translated)]
    )
    assert result.exit_code == 0, result.output
    path = translated / "i18n" / "es" / "tactics" / "follow-up.yml"
    text = path.read_text(encoding="utf-8")
    english = load(translated, today=TODAY, translations=False).tactics["follow-up"]
    for part, value in fingerprints(english).items():
        assert f"  {part}: {value}" in text
    assert "title: 'TODO: Follow up in writing'" in text
    # Each text still to translate is a PB130, nothing else.
    codes = {p.code for p in check(translated, today=TODAY)}
    assert codes == {"PB130"}
    again = CliRunner().invoke(
        main, ["new", "tactic", "follow-up", "--language", "es", "--content", str(translated)]
    )
    assert again.exit_code == 2 and "already exists" in again.output
    unknown = CliRunner().invoke(
        main, ["new", "tactic", "no-such", "--language", "es", "--content", str(translated)]
    )
    assert unknown.exit_code == 2 and "no tactic 'no-such'" in unknown.output


def test_all_problems_at_once_and_the_english_unaffected(translated: Path) -> None:
    """Broken YAML, an unknown id and a wrong blank in three translations: all three are
    reported in one run, and the English content still loads without translations."""
    es = translated / "i18n" / "es"
    (es / "tactics").mkdir()
    (es / "tactics" / "follow-up.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (es / "tactics" / "no-such.yml").write_text("title: Nada\n", encoding="utf-8")
    edit_file(es / "messages" / "reminder.yml", ("{{ amount }}.", "{{ monto }}."))
    found = sorted({(p.code, p.path.name) for p in check(translated, today=TODAY)})
    assert found == [
        ("PB001", "follow-up.yml"),
        ("PB140", "no-such.yml"),
        ("PB141", "reminder.yml"),
    ]
    assert load(translated, today=TODAY, translations=False).scenarios


def test_numbers_durations_and_blanks_are_compared() -> None:
    assert numbers("US$20,000 within 14 days") == numbers("20.000 US$ en 14 días")
    assert numbers("2.5%") == numbers("2,5 %")
    assert durations("a 48-hour window and 5 business days") == [
        ("48", "hours"),
        ("5", "business_days"),
    ]
    from generator.translate import Glossary

    glossary = Glossary(units={"days": ["día", "días"], "business_days": ["días hábiles"]})
    ok = Pair((), "Reply within 14 days.", "Responde en 14 días.")
    assert list(differences(ok, glossary)) == []
    wrong = Pair((), "Reply within 14 days.", "Responde en 14 semanas.")
    assert [code for code, _ in differences(wrong, glossary)] == ["PB143"]
    blanks = Pair((), "Hi {{ name }}", "Hola {{ nombre }}")
    assert [code for code, _ in differences(blanks, None)] == ["PB141"]


def test_site_languages_have_catalogues_and_configs() -> None:
    """Each language with a catalogue has its MkDocs config, and the other way round."""
    repo = Path(__file__).resolve().parents[1]
    configs = sorted(p.stem.removeprefix("mkdocs-") for p in repo.glob("mkdocs-*.yml"))
    assert configs == sorted(site_languages())
    for language in configs:
        text = (repo / f"mkdocs-{language}.yml").read_text(encoding="utf-8")
        assert "INHERIT: mkdocs.yml" in text
        assert re.search(rf"(?m)^\s+language: {re.escape(language)}$", text)
        assert re.search(rf"(?m)^site_dir: site/{re.escape(language)}$", text)


def test_spanish_pages(translated: Path) -> None:
    """The Spanish view's pages: a translated one with the draft notice, an untranslated
    one in English marked lang="en", and links to untranslated entries marked too."""
    es = load(translated, today=TODAY).in_language("es")
    pages = render(es, TEMPLATES, "es")
    scenario = pages["scenarios/late-payment.md"]
    assert "# El cliente paga tarde" in scenario
    assert "pb-lang-note" in scenario and "../../../scenarios/late-payment/" in scenario
    assert '<div lang="en" markdown>' not in scenario
    # Its steps link to tactics not yet translated: their titles are marked English.
    assert re.search(r"\[Follow up in writing\]\([^)]*\)\{ lang=\"en\" \}", scenario)
    tactic = pages["tactics/follow-up.md"]
    assert '<div lang="en" markdown>' in tactic and tactic.rstrip().endswith("</div>")
    # English pages carry no notice.
    english = render(load(translated, today=TODAY), TEMPLATES, "en")
    assert "pb-lang-note" not in english["scenarios/late-payment.md"]


def test_an_unchanged_translation_is_laid_over_once(translated: Path) -> None:
    """make serve loads again after every edit: a translation whose file and English did
    not change is the very same entry, so the preview renders nothing again for it."""
    import os
    import time

    from generator import parsecache

    past = time.time() - 60  # older than the parse cache's settling time
    for path in translated.rglob("*.yml"):
        os.utime(path, (past, past))
    parsecache.clear()
    first = load(translated, today=TODAY).editions["es"]
    second = load(translated, today=TODAY).editions["es"]
    key = ("scenarios", "late-payment")
    assert second.entries[key] is first.entries[key]
    assert second.made_from == first.made_from
    edit_file(
        translated / "i18n" / "es" / "scenarios" / "late-payment.yml",
        ("Anota la fecha", "Apunta la fecha"),
    )
    third = load(translated, today=TODAY).editions["es"]
    assert third.entries[key] is not first.entries[key]
    assert third.entries[("messages", "reminder")] is first.entries[("messages", "reminder")]
