"""Drill scoring cannot be gamed: cues count only inside sentences that say something of
their own, so cue lists, cue stuffing and gibberish score low while real answers keep theirs."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Playbook
from salescoach.core.text.normalise import STOPWORDS
from salescoach.core.text.substance import looks_like_a_word
from salescoach.core.training.drills import find_objection, score_response, stage_cues
from tests.support.paths import ROOT

ADVERSARIAL = [
    "fair what? for example does that",  # the reported 4/4
    "I understand, what, for example, value, does that",
    "fair fair fair. what what? for example for example. does that does that?",
    "I understand fair makes sense what how why for example value roi payback budget does that",
    "asdf qwer fair? zxcv what for example does that",
    "fair. what? for example. does that.",
    "sdfkj fair. lkjh what? xcvb for example. ghjk does that?",
    "fair?\nwhat?\nfor example?\ndoes that?",
]
REAL = [
    (
        "That makes sense, a yearly cost deserves a hard look. What are you comparing it with "
        "today? For example, teams your size save about six hours a week on quotes. Would that "
        "payback work for your budget?"
    ),
    (
        "I hear you. What would the budget need to show? For example our customers recover the "
        "cost in four months. Does that sound reasonable?"
    ),
]


@cache
def _b2b() -> Playbook:
    return load_file(ROOT / "playbooks" / "b2b-saas.yaml", []).playbook


def _share(text: str, family: str = "price") -> float:
    playbook = _b2b()
    return score_response(text, playbook.drill_rubric, find_objection(playbook, family)).share


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_cue_lists_stuffing_and_gibberish_score_low(text: str) -> None:
    assert _share(text) <= 0.25


@pytest.mark.parametrize("text", REAL)
def test_real_answers_keep_their_score(text: str) -> None:
    assert _share(text) == 1.0


def test_what_did_not_count_is_named() -> None:
    playbook = _b2b()
    score = score_response(
        "fair what? for example does that", playbook.drill_rubric, find_objection(playbook, "price")
    )
    assert score.score == 0
    assert score.hollow == ("fair what?", "for example does that")


def _cues() -> list[str]:
    playbook = _b2b()
    price = find_objection(playbook, "price")
    return sorted({c for stage in playbook.drill_rubric for c in stage_cues(stage, price)})


_FILLER = sorted(STOPWORDS)
_GIBBERISH = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=4, max_size=9)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_cues()), st.sampled_from(_FILLER), _GIBBERISH),
        min_size=1,
        max_size=30,
    ),
    st.lists(st.sampled_from([". ", "? ", ", ", " ", "; ", "\n"]), min_size=30, max_size=30),
)
def test_any_mix_of_cues_filler_and_gibberish_scores_nothing(
    pieces: list[str], breaks: list[str]
) -> None:
    text = "".join(piece + gap for piece, gap in zip(pieces, breaks, strict=False))
    assert _share(text) == 0.0, text


@pytest.mark.parametrize("word", ["asdf", "qwer", "zxcv", "hhhh", "brrrzt", "bcdfghk", "x", "lkjh"])
def test_gibberish_does_not_look_like_a_word(word: str) -> None:
    assert not looks_like_a_word(word)


@pytest.mark.parametrize("word", ["spreadsheet", "strengths", "payback", "answer", "point"])
def test_real_words_do(word: str) -> None:
    assert looks_like_a_word(word)
