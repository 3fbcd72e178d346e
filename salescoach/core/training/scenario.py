"""Scenario role-play: the buyer speaks, the rep picks a reply, the call branches.

A run starts at the scenario's `start` turn. Each reply carries points, feedback and the next
turn (none ends the call). Replies are shown in an order shuffled by the seeded Random, so
the best answer is not always first; an answers file may name a reply by its shown number or
by its text, which does not depend on the order. A playbook may loop back to an earlier turn;
a run stops after MAX_TURNS so a loop cannot go on for ever.

The score is the sum of the points of the chosen replies; the maximum is the sum of the best
reply's points over the turns actually faced, so a short, bad branch is measured against what
could have been said on it.
"""

from __future__ import annotations

import difflib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salescoach.core.playbook.model import Playbook, Reply, Scenario, Turn
from salescoach.core.training.drills import PASS_SHARE
from salescoach.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from salescoach.core.training.shapes import ScenarioDetail, TurnRecord

MAX_TURNS = 50


@dataclass(frozen=True)
class TurnResult:
    turn: str
    buyer: str
    reply: Reply
    best: Reply

    def to_dict(self) -> TurnRecord:
        return {
            "turn": self.turn,
            "buyer": self.buyer,
            "reply": self.reply.text,
            "points": self.reply.points,
            "best_points": self.best.points,
            "feedback": self.reply.feedback,
            "best_reply": None if self.reply is self.best else self.best.text,
        }


def find_scenario(playbook: Playbook, name: str) -> Scenario:
    """A scenario by id, or by an unambiguous start of its id or title."""
    wanted = name.strip().lower()
    for scenario in playbook.scenarios:
        if scenario.id == wanted:
            return scenario
    starts = [
        s
        for s in playbook.scenarios
        if s.id.startswith(wanted) or s.title.lower().startswith(wanted)
    ]
    if wanted and len(starts) == 1:
        return starts[0]
    ids = [s.id for s in playbook.scenarios]
    close = difflib.get_close_matches(wanted, ids, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "scenarios: " + (", ".join(ids) or "none")
    raise NotFoundError(f"no scenario {name!r} in this playbook", hint=hint)


@dataclass
class ScenarioRun:
    scenario: Scenario
    rng: random.Random
    results: list[TurnResult] = field(default_factory=list)
    current: Turn | None = None
    shown: tuple[Reply, ...] = ()

    def __post_init__(self) -> None:
        self._enter(self.scenario.start)

    def _enter(self, turn_id: str | None) -> None:
        if turn_id is None or len(self.results) >= MAX_TURNS:
            self.current, self.shown = None, ()
            return
        self.current = next(t for t in self.scenario.turns if t.id == turn_id)
        replies = list(self.current.replies)
        self.rng.shuffle(replies)
        self.shown = tuple(replies)

    @property
    def finished(self) -> bool:
        return self.current is None

    def choose(self, index: int) -> TurnResult:
        """Pick the shown reply at `index` (0-based) and move to the turn it leads to."""
        if self.current is None:
            raise UsageError("the scenario has already ended")
        if not 0 <= index < len(self.shown):
            raise UsageError(f"choose a reply from 1 to {len(self.shown)}")
        reply = self.shown[index]
        best = max(self.current.replies, key=lambda r: r.points)
        result = TurnResult(self.current.id, self.current.buyer, reply, best)
        self.results.append(result)
        self._enter(reply.next)
        return result

    @property
    def score(self) -> int:
        return sum(r.reply.points for r in self.results)

    @property
    def max_score(self) -> int:
        return sum(max(r.best.points, 0) for r in self.results)

    @property
    def share(self) -> float:
        return max(self.score, 0) / self.max_score if self.max_score else 0.0

    @property
    def passed(self) -> bool:
        return self.share >= PASS_SHARE

    def debrief(self) -> ScenarioDetail:
        return {
            "scenario": self.scenario.id,
            "title": self.scenario.title,
            "score": self.score,
            "max_score": self.max_score,
            "share": round(self.share, 4),
            "turns": [r.to_dict() for r in self.results],
            "debrief": self.scenario.debrief,
        }


def read_reply(run: ScenarioRun, raw: Any) -> int:
    """A 0-based index into the shown replies from a number (1-based) or the reply's text."""
    text = str(raw).strip()
    if not text:
        raise UsageError("the choice is empty: give a reply's number or its text")
    if text.isascii() and text.isdigit():
        number = int(text)
        if 1 <= number <= len(run.shown):
            return number - 1
        raise UsageError(f"choose a reply from 1 to {len(run.shown)}, not {number}")
    lowered = text.lower()
    exact = [i for i, r in enumerate(run.shown) if r.text.lower() == lowered]
    prefix = [i for i, r in enumerate(run.shown) if r.text.lower().startswith(lowered)]
    matches = exact or prefix
    if len(matches) == 1:
        return matches[0]
    raise UsageError(
        f"{text!r} does not name one of the replies",
        hint="replies: " + " | ".join(r.text for r in run.shown),
    )
