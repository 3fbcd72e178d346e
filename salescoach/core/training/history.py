"""`train history`: scores over time per drill and per objection family, the weakest families,
and what is due for review, made from what the store aggregates (`store.training`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salescoach.core.training.drills import PASS_SHARE
from salescoach.core.training.leitner import TOP_BOX

if TYPE_CHECKING:
    from salescoach.core.training.shapes import (
        DayHistory,
        DrillHistory,
        FamilyHistory,
        TrainHistoryJSON,
    )

WEAKEST = 3  # how many weak families `train history` names


@dataclass(frozen=True)
class TrainingLog:
    """The training history as the store reads it back."""

    drills: list[DrillHistory]
    by_day: list[DayHistory]
    families: list[FamilyHistory]
    boxes: dict[int, int]  # review items per Leitner box
    due_today: int


def weakest_families(families: Sequence[FamilyHistory], limit: int = WEAKEST) -> list[str]:
    """The families below the pass mark, weakest average first (the more practised first
    among equals), at most `limit`."""
    ranked = sorted(families, key=lambda f: (f["average_share"] or 0.0, -f["attempts"]))
    return [f["family"] for f in ranked if (f["average_share"] or 0.0) < PASS_SHARE][:limit]


def training_history(log: TrainingLog) -> TrainHistoryJSON:
    boxes = {str(box): log.boxes.get(box, 0) for box in range(1, TOP_BOX + 1)}
    return {
        "schema": "train-history",
        "version": 1,
        "drills": log.drills,
        "by_day": log.by_day,
        "families": log.families,
        "weakest_families": weakest_families(log.families),
        "review": {"due_today": log.due_today, "boxes": boxes},
    }


@dataclass(frozen=True)
class LatestAttempt:
    """An item's latest training row, as the store keeps it."""

    item: str
    detail: dict[str, Any]
    score: int
    max_score: int


def call_words(attempts: Iterable[LatestAttempt]) -> dict[str, str]:
    """For each objection item whose latest attempt came from a reviewed call and was not yet
    answered well, what the buyer said on that call (train's review drills those words). The
    call itself left the objection unresolved, whatever its reply scored; a drill on those
    words counts once it passes."""
    words = {}
    for attempt in attempts:
        said = attempt.detail.get("buyer_says")
        if attempt.detail.get("source") != "call" or not isinstance(said, str):
            continue
        passed = attempt.max_score > 0 and attempt.score / attempt.max_score >= PASS_SHARE
        if "review_sha256" in attempt.detail or not passed:
            words[attempt.item] = said
    return words
