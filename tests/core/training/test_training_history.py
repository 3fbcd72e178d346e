"""`train history` made from the store's aggregates: the weakest families, ranked in core."""

from __future__ import annotations

from salescoach.core.training.history import TrainingLog, training_history, weakest_families


def _family(name: str, average: float | None, attempts: int = 1) -> dict[str, object]:
    return {"family": name, "attempts": attempts, "average_share": average}


def test_the_weakest_families_are_below_the_pass_mark_weakest_first() -> None:
    families = [
        _family("price", 0.5),
        _family("timing", 0.7),  # passes
        _family("need", 0.2),
        _family("trust", 0.5, attempts=4),  # as weak as price, more practised: first
        _family("authority", None),  # no score counts as nothing
    ]
    assert weakest_families(families) == ["authority", "need", "trust"]
    assert weakest_families(families, limit=5) == ["authority", "need", "trust", "price"]


def test_the_history_names_every_box_and_keeps_its_key_order() -> None:
    data = training_history(TrainingLog([], [], [_family("price", 0.1)], {2: 3}, due_today=1))
    assert list(data) == [
        "schema",
        "version",
        "drills",
        "by_day",
        "families",
        "weakest_families",
        "review",
    ]
    assert data["weakest_families"] == ["price"]
    assert data["review"] == {"due_today": 1, "boxes": {"1": 0, "2": 3, "3": 0, "4": 0, "5": 0}}
