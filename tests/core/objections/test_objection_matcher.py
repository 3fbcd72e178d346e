"""Matching free text to objection families: paraphrase, slips, synonyms, competitors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.objections.features import Featurizer
from salescoach.core.objections.matcher import CONFIDENT, Matcher, choose
from tests.support.objections import fixture_matcher


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("that's way over our budget", "price"),
        ("TOO EXPENSIVE", "price"),
        ("too expensve", "price"),  # a spelling slip
        ("is it affordable?", "price"),  # another word form
        ("bit spendy for us", "price"),  # a playbook synonym
        ("that's a lot of money", "price"),  # a multi-word playbook synonym
        ("we're swamped, ring me next month", "timing"),
        ("just shoot me an email", "send_info"),
        ("we already use Acme CRM", "competitor"),
    ],
)
def test_everyday_phrasings_find_their_family(text: str, family: str) -> None:
    result = fixture_matcher().rank(text)
    assert result.confident
    assert result.best is not None
    assert result.best.id == family


@pytest.mark.parametrize("text", ["what time is it", "hello", "", "   ", "asdf qwerty"])
def test_text_that_is_no_objection_gets_no_confident_match(text: str) -> None:
    result = fixture_matcher().rank(text)
    assert not result.confident
    assert result.best is None
    assert result.matches[0].score < CONFIDENT


def test_every_family_is_ranked_once_best_first() -> None:
    result = fixture_matcher().rank("too expensive, call me next quarter")
    ids = [m.id for m in result.matches]
    assert sorted(ids) == ["competitor", "price", "send_info", "timing"]
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert set(ids[:2]) == {"price", "timing"}


def test_a_named_competitor_brings_its_battlecard() -> None:
    assert fixture_matcher().rank("we already use AcmeCRM").battlecards == ["acme"]
    assert fixture_matcher().rank("it all lives in a spreadsheet").battlecards == ["in_house"]
    assert fixture_matcher().rank("too expensive").battlecards == []


def test_choosing_a_family_puts_it_first_and_trusts_it() -> None:
    result = choose(fixture_matcher().rank("hello"), "timing")
    assert result.confident
    assert result.best is not None
    assert result.best.id == "timing"
    assert len(result.matches) == 4
    with pytest.raises(ValueError):
        choose(result, "nonsense")


def test_spelling_is_mended_only_for_unknown_longer_words() -> None:
    featurizer = Featurizer.build({}, ["budget expensive manager"])
    assert featurizer.correct("bugdet") == "budget"
    assert featurizer.correct("expensve") == "expensive"
    assert featurizer.correct("sorry") == "sorry"  # too short to guess safely
    assert featurizer.correct("managers") == "managers"  # a known word's other form


def test_capitalised_unknown_words_mid_sentence_count_as_names() -> None:
    featurizer = Featurizer.build({}, ["we use a tool"])
    assert featurizer.features("we use Zendesk").count("~name") == 1
    assert "~name" not in featurizer.features("Zendesk we use")  # the sentence start
    assert "~name" not in featurizer.features("we use a Tool")  # a known word


def test_the_longest_phrase_wins_and_is_stepped_over() -> None:
    featurizer = Featurizer.build({"~long": ["not a good time"], "~short": ["good"]}, [])
    assert featurizer.features("not a good time")[-1:] == ["~long"]
    assert "~short" in featurizer.features("good")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_any_text_ranks_with_scores_between_0_and_1(text: str) -> None:
    result = fixture_matcher().rank(text)
    assert len(result.matches) == 4
    assert all(0.0 <= m.score <= 1.0 for m in result.matches)
    assert result.confident == (result.matches[0].score >= CONFIDENT)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdeiknoprstuwxy '?!"), max_size=60))
def test_a_matcher_read_back_from_json_ranks_the_same(text: str) -> None:
    matcher = fixture_matcher()
    copy = Matcher.from_data(json.loads(json.dumps(matcher.to_data())))
    assert copy.rank(text) == matcher.rank(text)


def test_a_round_trip_keeps_phrases_and_vocabulary() -> None:
    matcher = fixture_matcher()
    copy = Matcher.from_data(json.loads(json.dumps(matcher.to_data())))
    for text in ("too expensive", "we already use Acme", "bugdet is tight", "lot of money"):
        assert copy.rank(text) == matcher.rank(text)


def test_the_python_api_matches_an_objection(monkeypatch: pytest.MonkeyPatch) -> None:
    import salescoach
    from tests.support.objections import FIXTURES

    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES))
    result = salescoach.match_objection("way too pricey", playbook="objections")
    assert result.best is not None and result.best.id == "price"


def test_an_answer_becomes_an_interaction_at_the_leads_step() -> None:
    from datetime import datetime

    from salescoach.core.kernel.records import Lead
    from salescoach.core.objections.matcher import as_interaction

    at = datetime(2026, 3, 11, 10, 0).astimezone()
    lead = Lead(
        id=7, name="Ada", company=None, email=None, phone=None, source=None,
        temperature="warm", playbook="objections", owner=None, step="closing", status="open",
        status_reason=None, sla_due=None, first_contact_at=None, last_interaction_at=None,
        step_entered_at=at, created_at=at, updated_at=at,
    )  # fmt: skip
    item = as_interaction(fixture_matcher().rank("too expensive"), lead, "partly", at)
    assert item is not None
    assert (item.lead_id, item.kind, item.step) == (7, "objection", "closing")
    assert item.objection == "price"
    assert (item.text, item.result, item.at) == ("too expensive", "partly", at)
    assert as_interaction(fixture_matcher().rank("hello"), lead, None, at) is None
