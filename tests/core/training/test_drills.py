"""The objection drill: drawing rounds from a seeded Random, and transparent rubric scores."""

from __future__ import annotations

import random

import pytest

from salescoach.core.training.drills import (
    buyer_lines,
    draw_objection_items,
    find_objection,
    score_response,
    stage_cues,
)
from salescoach.errors import NotFoundError, UsageError
from tests.support.training import training_playbook

PRICE_ALL_CUES = (
    "I understand, that's fair and it makes sense. What are you comparing it with, and how "
    "do you judge it? Let me show you the value and the return on investment. "
    "Does that sound fair?"
)


def _score(text: str, family: str = "price"):  # type: ignore[no-untyped-def]
    playbook = training_playbook()
    return score_response(text, playbook.drill_rubric, find_objection(playbook, family))


def test_a_response_hitting_every_cue_scores_full_marks() -> None:
    score = _score(PRICE_ALL_CUES)
    assert score.score == score.max_score == 5  # 1 + 1 + 2 (respond) + 1
    assert score.share == 1.0 and score.passed
    assert all(not stage.missing for stage in score.stages)


def test_an_off_topic_response_scores_nothing_and_names_every_missing_cue() -> None:
    score = _score("Our office has a lovely garden with tall trees.")
    assert score.score == 0 and not score.passed
    respond = next(s for s in score.stages if s.stage == "respond")
    assert respond.missing == ["value", "return on investment"]  # the objection's own cues


def test_an_empty_response_is_refused() -> None:
    with pytest.raises(UsageError, match="empty"):
        _score("   \n ")


def test_the_score_explains_which_cue_was_found_per_stage() -> None:
    score = _score("Fair enough. Does that pricing worry your finance team")
    by_stage = {s.stage: s for s in score.stages}
    assert by_stage["acknowledge"].found == ["fair"] and by_stage["acknowledge"].points == 1
    assert by_stage["explore"].points == 0 and by_stage["explore"].missing == ["?", "what", "how"]
    assert by_stage["confirm"].found == ["does that"]
    assert (score.score, score.max_score) == (2, 5)


def test_from_objection_adds_the_objections_own_cues() -> None:
    playbook = training_playbook()
    respond = next(s for s in playbook.drill_rubric if s.stage == "respond")
    assert stage_cues(respond, find_objection(playbook, "timing")) == ["priority", "start small"]


def test_a_stage_without_any_cue_is_left_out_of_the_maximum() -> None:
    score = _score("That makes sense. Who else is involved? Does that help?", "authority")
    respond = next(s for s in score.stages if s.stage == "respond")
    assert not respond.checkable and respond.max_points == 0
    assert (score.score, score.max_score) == (3, 3)


def test_the_draw_is_deterministic_with_a_seed() -> None:
    playbook = training_playbook()
    first = draw_objection_items(playbook, random.Random(7), 5)
    again = draw_objection_items(playbook, random.Random(7), 5)
    assert first == again
    assert {i.family for i in first[:3]} == {"price", "timing", "authority"}  # each before repeats


def test_family_filter_and_its_errors() -> None:
    playbook = training_playbook()
    items = draw_objection_items(playbook, random.Random(1), 4, ["timing"])
    assert {i.family for i in items} == {"timing"}
    with pytest.raises(NotFoundError, match="no objection family 'bananas'"):
        draw_objection_items(playbook, random.Random(1), 4, ["bananas"])


@pytest.mark.parametrize("rounds", [0, -3, 101])
def test_round_counts_out_of_range_are_refused(rounds: int) -> None:
    with pytest.raises(UsageError, match="--rounds"):
        draw_objection_items(training_playbook(), random.Random(1), rounds)


def test_buyer_lines_are_the_familys_own_phrasings_only() -> None:
    # A role-play line naming a family's keyword ("real price") is not borrowed as that objection.
    playbook = training_playbook()
    for objection in playbook.objections:
        lines = buyer_lines(objection)
        assert lines == [(p, "phrasing") for p in objection.phrasings]
    items = draw_objection_items(playbook, random.Random(5), 30)
    for item in items:
        assert item.buyer_says in find_objection(playbook, item.family).phrasings


def test_found_cues_report_the_words_the_rep_wrote() -> None:
    score = _score("That's understandable. Understood? What's the concern")
    by_stage = {s.stage: s for s in score.stages}
    ack = {c.cue: c.matched for c in by_stage["acknowledge"].cues if c.found}
    assert ack == {"understand": "understandable"}
    explore = {c.cue: c.matched for c in by_stage["explore"].cues if c.found}
    assert explore == {"?": "?", "what": "What's"}
    assert by_stage["acknowledge"].to_dict()["matched"] == {"understand": "understandable"}


def test_a_playbook_without_a_rubric_says_what_to_add() -> None:
    playbook = training_playbook().model_copy(update={"drill_rubric": []})
    with pytest.raises(UsageError, match="no drill_rubric"):
        draw_objection_items(playbook, random.Random(1), 1)
