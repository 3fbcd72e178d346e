"""Which objection families to offer first for what the buyer said.

`suggest_objections` asks the objection matcher (salescoach.core.objections.matcher), the same one
`salescoach objection` uses. `rank_objections` orders every family for a picker: suggested
ones, then the step's likely ones, then the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from salescoach.core.objections.matcher import CONFIDENT, Matcher, MatchResult

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Battlecard, Objection, Playbook, Step


def suggest_objections(
    playbook: Playbook, text: str, rerank: Callable[[MatchResult], MatchResult] | None = None
) -> list[str]:
    """Objection ids the matcher is confident about for `text`, best first; empty when none
    is (the picker then leads with the step's likely objections). `rerank`: the optional
    semantic re-ranking of an undecided match (core/objections/rerank.py)."""
    result = _matcher(playbook).rank(text)
    if rerank is not None:
        result = rerank(result)
    if not result.confident:
        return []
    return [m.id for m in result.matches if m.score >= CONFIDENT]


def named_battlecards(playbook: Playbook, text: str) -> list[Battlecard]:
    """The battlecards of the competitors `text` names (by name or alias)."""
    named = _matcher(playbook).rank(text).battlecards
    return [b for b in playbook.battlecards if b.id in named]


def _matcher(playbook: Playbook) -> Matcher:
    # Building the index takes ~50 ms; a walk asks many times about the same playbook.
    cached = _MATCHERS.get(id(playbook))
    if cached is None or cached[0] is not playbook:
        cached = (playbook, Matcher.build(playbook))
        _MATCHERS[id(playbook)] = cached
    return cached[1]


_MATCHERS: dict[int, tuple[Playbook, Matcher]] = {}


def rank_objections(
    playbook: Playbook,
    text: str,
    step: Step,
    *,
    rerank: Callable[[MatchResult], MatchResult] | None = None,
) -> tuple[list[Objection], int]:
    """Every family, ordered for a picker, and how many at the front were suggested."""
    suggested = suggest_objections(playbook, text, rerank)
    order = [*suggested, *step.likely_objections, *(o.id for o in playbook.objections)]
    seen: list[str] = []
    for oid in order:
        if oid not in seen:
            seen.append(oid)
    families = [o for oid in seen if (o := playbook.objection(oid)) is not None]
    return families, len(suggested)
