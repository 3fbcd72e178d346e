"""The long-lived commands' hook for the semantic extra: nothing without it, and a walk makes
its re-ranker only when the first objection is raised."""

from __future__ import annotations

import pytest

from salescoach.cli import semantic_rank
from salescoach.core.objections.matcher import Match, MatchResult

RESULT = MatchResult("too pricey", [Match("price", "Price", 0.3)], True, [])


def test_turned_off_there_is_none() -> None:
    # The suite runs with SALESCOACH_SEMANTIC=off (tests/conftest.py).
    assert semantic_rank.semantic_rerank("b2b-saas") is None
    assert semantic_rank.lazily("b2b-saas")(RESULT) is RESULT


def test_a_lazy_reranker_is_made_once_at_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def fake(name: str, **_: object) -> semantic_rank.Rerank:
        made.append(name)
        return lambda result: result._replace(query="re-ranked")

    monkeypatch.setattr(semantic_rank, "semantic_rerank", fake)
    rerank = semantic_rank.lazily("services")
    assert made == []
    assert rerank(RESULT).query == "re-ranked"
    assert rerank(RESULT).query == "re-ranked"
    assert made == ["services"]
