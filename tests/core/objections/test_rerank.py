"""Semantic re-ranking in core, with vectors made by hand: only undecided matches move, the
matcher's scores and confidence stay, and a confident card is always a family above the
threshold."""

from __future__ import annotations

import math

import pytest

from salescoach.core.objections.matcher import CONFIDENT, Match, MatchResult
from salescoach.core.objections.rerank import GAP, centroid, rerank, undecided

AXES = {"price": [1.0, 0.0, 0.0], "timing": [0.0, 1.0, 0.0], "trust": [0.0, 0.0, 1.0]}


def result(scores: dict[str, float], *, confident: bool = True) -> MatchResult:
    matches = [Match(i, i.title(), s) for i, s in scores.items()]
    return MatchResult("what they said", matches, confident, ["acme"])


def test_undecided_means_no_confident_match_or_a_close_second() -> None:
    assert not undecided(result({"price": 0.5, "timing": 0.2, "trust": 0.1}))
    assert undecided(result({"price": 0.3, "timing": 0.3 - GAP / 2, "trust": 0.1}))
    assert undecided(result({"price": 0.1, "timing": 0.05, "trust": 0.0}, confident=False))
    assert not undecided(result({"price": 0.1}, confident=False))  # nothing to choose between


def test_a_decided_match_is_left_alone() -> None:
    decided = result({"price": 0.5, "timing": 0.2, "trust": 0.1})
    assert rerank(decided, AXES["timing"], AXES) is decided


def test_a_close_call_goes_to_the_family_the_meaning_is_nearest() -> None:
    close = result({"price": 0.30, "timing": 0.25, "trust": 0.05})
    moved = rerank(close, AXES["timing"], AXES)
    assert [m.id for m in moved.matches] == ["timing", "price", "trust"]
    assert {m.id: m.score for m in moved.matches} == {m.id: m.score for m in close.matches}
    assert moved.confident and moved.battlecards == ["acme"] and moved.query == close.query


def test_a_confident_card_is_never_a_family_below_the_threshold() -> None:
    close = result({"price": 0.30, "timing": 0.20, "trust": CONFIDENT - 0.06})
    moved = rerank(close, AXES["trust"], AXES)
    assert moved.matches[0].id in {"price", "timing"}
    assert moved.matches[0].score >= CONFIDENT


def test_no_confident_match_only_reorders_the_closest_families() -> None:
    declined = result({"price": 0.10, "trust": 0.09, "timing": 0.02}, confident=False)
    moved = rerank(declined, AXES["trust"], AXES)
    assert moved.matches[0].id == "trust" and not moved.confident and moved.best is None


def test_without_a_vector_or_a_centroid_for_every_family_nothing_moves() -> None:
    close = result({"price": 0.30, "timing": 0.25, "trust": 0.05})
    assert rerank(close, [], AXES) is close
    assert rerank(close, AXES["timing"], {"price": AXES["price"]}) is close


def test_a_centroid_is_the_unit_mean() -> None:
    found = centroid([[1.0, 0.0], [0.0, 1.0]])
    assert found == pytest.approx([math.sqrt(0.5), math.sqrt(0.5)])
    assert centroid([]) == []
