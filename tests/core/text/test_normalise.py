"""Normalising what a rep types: case, contractions, punctuation, word forms."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.text.normalise import edits1, located_words, stem, words


def test_contractions_are_spelled_out_with_or_without_apostrophes() -> None:
    assert words("We don't") == ["we", "do", "not"]
    assert words("we dont") == ["we", "do", "not"]
    assert words("We\u2019re slammed, I'd wait") == ["we", "are", "slammed", "i", "would", "wait"]
    assert words("can't won't isn't") == ["can", "not", "will", "not", "is", "not"]


def test_case_accents_and_punctuation_go() -> None:
    assert words("TOO EXPENSIVE!!!") == ["too", "expensive"]
    assert words("Café—résumé?") == ["cafe", "resume"]
    assert words("$12k per-seat") == ["dollar", "12k", "per", "seat"]


def test_related_word_forms_meet_at_one_stem() -> None:
    assert {stem(w) for w in ("afford", "affordable", "affordability")} == {"afford"}
    assert {stem(w) for w in ("price", "pricing", "priced", "prices")} == {"pric"}
    assert stem("implementation") == stem("implement") == stem("implementing")
    assert stem("expensive") == stem("expense")
    assert stem("cheaper") == "cheap"
    assert stem("spent") == "spend"


def test_timing_is_not_time() -> None:
    # "what time is it" must not look like a timing objection
    assert stem("timing") != stem("time")


def test_short_words_and_words_ending_in_ss_or_us_keep_their_shape() -> None:
    assert stem("not") == "not"
    assert stem("business") != stem("busy")
    assert stem("status") == "status"


def test_one_slip_away() -> None:
    assert "budget" in edits1("bugdet")  # swapped letters
    assert "expensive" in edits1("expensve")  # a letter dropped
    assert "until" in edits1("untill")  # a letter doubled


@given(st.text(max_size=200))
def test_words_are_always_plain_lowercase_tokens(text: str) -> None:
    for token in words(text):
        assert re.fullmatch(r"[a-z0-9]+", token), token


@given(st.from_regex(r"[a-z]{1,20}", fullmatch=True))
def test_a_stem_is_never_empty_nor_longer_than_the_word(word: str) -> None:
    result = stem(word)
    assert result
    assert len(result) <= len(word)


def test_a_bare_contraction_leaves_no_empty_word() -> None:
    from salescoach.core.text.normalise import words

    assert words("N'T") == ["not"]
    assert words("we don't") == ["we", "do", "not"]


def test_it_is_and_that_is_are_spelled_out_but_possessives_are_not() -> None:
    assert words("it's thats what's") == ["it", "is", "that", "is", "what", "is"]
    assert words("the company's budget") == ["the", "company", "budget"]
    assert words("let's, lets") == ["let", "us", "let", "us"]


def test_agreed_meets_agree_but_need_keeps_its_d() -> None:
    assert stem("agree") == stem("agreed") == stem("agreement") == stem("agreeing")
    assert stem("need") == "need" and stem("needed") == "need"


def test_each_word_knows_where_it_was_written() -> None:
    text = "We don't  pay $5"
    assert [(w, text[s:e]) for w, s, e in located_words(text)] == [
        ("we", "We"),
        ("do", "don't"),
        ("not", "don't"),
        ("pay", "pay"),
        ("dollar", "$"),
        ("5", "5"),
    ]
