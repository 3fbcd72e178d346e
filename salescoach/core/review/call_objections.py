"""The buyer's objections in a call, how the rep answered each, and the competitors named.

- Every buyer line goes through the objection matcher (the one `salescoach objection` uses),
  read as a line heard in a call (`objections.heard`: declined unless it reads like pushback);
  a line it is confident about raises that family, unless the family is already raised.
- The rep's reply is the next run of rep lines after the buyer's turn, scored with the drill
  rubric for the family (the same stages and cues as `train objections`).
- The buyer came back to it when a later buyer turn matches the same family again.
- How it went, as the log records it: `not_resolved` when the buyer came back to it, else
  `resolved` when the reply passed the rubric, else `partly`.
- A competitor is named when a line (either side's) names a battlecard's name or alias.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from salescoach.core.objections.heard import in_conversation
from salescoach.core.objections.matcher import MatchResult
from salescoach.core.playbook.model import Playbook
from salescoach.core.review.speakers import BUYER, REP
from salescoach.core.review.talk import Turn
from salescoach.core.review.transcript import Line
from salescoach.core.training.drills import RubricScore, score_response


@dataclass(frozen=True)
class Raised:
    family: str
    title: str
    line: Line
    reply: tuple[Line, ...]  # empty when the call ended first
    score: RubricScore | None  # None without a reply or a rubric
    came_back: tuple[Line, ...]

    @property
    def result(self) -> str:
        if self.came_back:
            return "not_resolved"
        return "resolved" if self.score is not None and self.score.passed else "partly"

    @property
    def reply_text(self) -> str:
        return " ".join(line.text for line in self.reply)


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    first: Line
    role: str
    mentions: int


def raised_objections(
    playbook: Playbook, all_turns: Sequence[Turn], rank: Callable[[str], MatchResult]
) -> list[Raised]:
    first: dict[str, tuple[int, Line]] = {}  # family -> (turn index, line)
    returns: dict[str, list[Line]] = {}
    for index, line, result in heard_lines(all_turns, rank):
        best = result.best
        if best is None:
            continue
        if best.id not in first:
            first[best.id] = (index, line)
        elif first[best.id][0] != index and _is_new_turn(returns, best.id, index, all_turns):
            returns.setdefault(best.id, []).append(line)
    raised = []
    for family, (index, line) in sorted(first.items(), key=lambda item: item[1][1].start):
        objection = playbook.objection(family)
        if objection is None:  # the matcher and the playbook always agree; be safe
            continue
        reply = next((t.lines for t in all_turns[index + 1 :] if t.role == REP), ())
        text = " ".join(r.text for r in reply)
        score = (
            score_response(text, playbook.drill_rubric, objection)
            if text.strip() and playbook.drill_rubric
            else None
        )
        raised.append(
            Raised(family, objection.title, line, reply, score, tuple(returns.get(family, ())))
        )
    return raised


def heard_lines(
    all_turns: Sequence[Turn], rank: Callable[[str], MatchResult]
) -> Iterator[tuple[int, Line, MatchResult]]:
    """Each buyer line with its turn's number and the match as a call reads it: the first line
    after a rep's question answers it."""
    for index, turn in enumerate(all_turns):
        if turn.role != BUYER:
            continue
        asked = index > 0 and all_turns[index - 1].role == REP and asks(all_turns[index - 1])
        for number, line in enumerate(turn.lines):
            yield index, line, in_conversation(rank(line.text), answering=asked and number == 0)


def asks(turn: Turn) -> bool:
    """Whether the turn ends with a question (what the buyer says next answers it)."""
    return bool(turn.lines) and turn.lines[-1].text.rstrip().endswith("?")


def _is_new_turn(
    returns: dict[str, list[Line]], family: str, index: int, all_turns: Sequence[Turn]
) -> bool:
    """A return counts once per buyer turn."""
    earlier = returns.get(family, [])
    return not earlier or earlier[-1] not in all_turns[index].lines


def named_competitors(
    playbook: Playbook,
    lines: Sequence[Line],
    role_of: Callable[[str], str],
    rank: Callable[[str], MatchResult],
) -> list[Named]:
    found: dict[str, tuple[Line, int]] = {}
    for line in lines:
        for card in rank(line.text).battlecards:
            seen = found.get(card)
            found[card] = (seen[0], seen[1] + 1) if seen else (line, 1)
    names = {b.id: b.name for b in playbook.battlecards}
    return [
        Named(card, names.get(card, card), line, role_of(line.speaker), count)
        for card, (line, count) in found.items()
    ]
