"""Cue matching: case, accents, contractions and simple word forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.text.answer_match import Answer
from salescoach.core.text.normalise import fold, stem, words


@pytest.mark.parametrize(
    "forms",
    [
        ("price", "prices", "pricing", "priced"),
        ("afford", "affordable"),
        ("understand", "understands", "understanding"),
        ("invest", "invested", "investment", "investments"),
        ("plan", "plans", "planned", "planning"),
        ("company", "companies"),
        ("agree", "agreed", "agreement"),
        ("box", "boxes"),
    ],
)
def test_word_forms_meet_at_one_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1


def test_words_that_only_look_plural_keep_their_s() -> None:
    assert (
        stem("status") == "status" and stem("analysis") == "analysis" and stem("class") == "class"
    )


def test_contractions_case_and_accents() -> None:
    assert words("We DON'T — it’s café") == words("we do not, it is cafe")


@pytest.mark.parametrize(
    ("answer", "cue", "found"),
    [
        ("I completely understood... no, I understand you", "understanding", True),
        ("What are you comparing us with?", "what are you compared", True),
        ("comparing what", "what are you comparing", False),  # words in order, side by side
        ("Is that a fair point?", "?", True),
        ("A fair point.", "?", False),
        ("It's the return on investments that counts", "return on investment", True),
        ("unfair", "fair", False),  # whole words only
    ],
)
def test_cues_in_answers(answer: str, cue: str, found: bool) -> None:
    assert Answer(answer).has(cue) is found


def test_an_empty_cue_never_matches() -> None:
    assert not Answer("anything at all").has("   ")


@given(st.text(max_size=200))
def test_any_text_contains_itself_and_never_raises(text: str) -> None:
    answer = Answer(text)
    if words(text) or fold(text).strip():
        assert answer.has(text)


@pytest.mark.parametrize(
    ("answer", "cue", "written"),
    [
        ("I understand your point", "understandable", "understand"),
        ("That's UNDERSTANDABLE.", "understand", "UNDERSTANDABLE"),
        ("We don't mind", "do not", "don't"),
        ("Our prices, frankly", "pricing", "prices"),
        ("So... what's behind it?", "?", "?"),
        ("Tell  me, more", "tell me more", "Tell  me, more"),
        ("nothing here", "value", None),
    ],
)
def test_find_returns_the_words_as_written(answer: str, cue: str, written: str | None) -> None:
    assert Answer(answer).find(cue) == written


@given(st.text(max_size=120), st.text(max_size=20))
def test_find_agrees_with_has_and_quotes_the_answer(text: str, cue: str) -> None:
    answer = Answer(text)
    found = answer.find(cue)
    assert (found is not None) == answer.has(cue)
    if found is not None and words(cue):
        assert found in text


@pytest.mark.parametrize(
    ("answer", "cue", "written"),
    [
        ("Affordability matters to us", "afford", "Affordability"),
        ("we dont want that", "do not", "dont"),
        ("It's a fair point", "it is", "It's"),
        ("Put it in $ terms", "in dollars", "in $"),
        ("It paid back in a quarter", "pay back", "paid back"),
        ("We cannot", "can't", "cannot"),
        ("Thats fair", "that's fair", "Thats fair"),
    ],
)
def test_drills_read_text_as_the_objection_matcher_does(
    answer: str, cue: str, written: str
) -> None:
    assert Answer(answer).find(cue) == written
    stems = [stem(w) for w in words(cue)]
    assert stems == [stem(w) for w in words(written)]  # the objection matcher's own reading


def test_an_adjective_is_not_its_adverb() -> None:
    # "the total cost" does not acknowledge anything: the cue "totally" wants the word itself
    assert not Answer("What is the total cost?").has("totally")
    assert not Answer("Who signs off?").has("signal")
