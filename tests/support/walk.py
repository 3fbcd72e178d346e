"""Shared pieces for the walk tests: the fixture playbook and a scripted answerer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.core.planning.cadence import PlannedTask
from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import (
    AnswerValue,
    ExitCriterion,
    Objection,
    Playbook,
    Question,
    Step,
)
from salescoach.core.walk.protocol import Between, Marker, StepView, Unmet
from salescoach.core.walk.state import CriterionCheck, StepRecord
from salescoach.store.db import open_store
from tests.support.paths import FIXTURES

WALKTHROUGH = FIXTURES / "playbooks" / "walkthrough.yaml"


@functools.cache
def walkthrough() -> Playbook:
    return load_file(WALKTHROUGH, []).playbook


# Answers for every required question of the walkthrough playbook, ending in a next step.
FULL = {
    "fit": True,
    "size": 40,
    "persona": "finance",
    "competitors": ["acme_crm"],
    "pain": "Quotes take a week",
    "outcome": "next_step",
    "next_step_date": "2026-03-18",
    "referral": True,
}


class Seq(list[Any]):
    """Successive answers to the same question (it is asked again after an objection or redo)."""


@dataclass
class Scripted:
    """An answerer that plays back what a test says, and notes what it was asked."""

    answers: dict[str, Any] = field(default_factory=lambda: dict(FULL))
    said: list[str | None] = field(default_factory=list)
    picks: list[str | None] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    confirm: dict[str, list[int]] = field(default_factory=dict)
    unmet: list[Unmet] = field(default_factory=list)
    review: Callable[[list[PlannedTask]], list[PlannedTask | None]] | None = None
    follow_up: bool = True
    between: list[Between] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interrupt_at: str | None = None  # raise KeyboardInterrupt when this question comes
    asked: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    shown: list[StepView] = field(default_factory=list)
    proposed: list[PlannedTask] = field(default_factory=list)
    already: list[PlannedTask] = field(default_factory=list)
    unmet_seen: list[list[str]] = field(default_factory=list)
    recorded_steps: list[str] = field(default_factory=list)

    def show_step(self, view: StepView) -> None:
        self.shown.append(view)

    def ask(self, step: Step, question: Question, default: AnswerValue | None) -> Any:
        if question.id == self.interrupt_at:
            self.interrupt_at = None
            raise KeyboardInterrupt
        self.asked.append(question.id)
        self.defaults[question.id] = default
        value = self.answers.get(question.id, Marker.SKIP)
        if isinstance(value, Seq):
            return value.pop(0) if len(value) > 1 else value[0]
        return value

    def buyer_said(self, step: Step) -> str | None:
        return self.said.pop(0) if self.said else None

    def pick_objection(
        self, step: Step, said: str, families: list[Objection], suggested: int
    ) -> Objection | None:
        wanted = self.picks.pop(0) if self.picks else None
        return next((o for o in families if o.id == wanted), None)

    def objection_result(self, step: Step, objection: Objection | None) -> str:
        return self.results.pop(0) if self.results else "resolved"

    def confirm_criteria(self, step: Step, manual: list[ExitCriterion]) -> list[int]:
        return self.confirm.get(step.id, list(range(len(manual))))

    def unmet_criteria(self, step: Step, unmet: list[CriterionCheck]) -> Unmet:
        self.unmet_seen.append([c.text for c in unmet])
        return self.unmet.pop(0) if self.unmet else Unmet.MOVE_ON

    def review_tasks(
        self, step: Step, proposed: list[PlannedTask], already: list[PlannedTask]
    ) -> list[PlannedTask | None]:
        self.proposed, self.already = list(proposed), list(already)
        return self.review(proposed) if self.review else list(proposed)

    def follow_up_now(self, step: Step) -> bool:
        return self.follow_up

    def between_steps(self, done: Step, upcoming: Step) -> Between:
        return self.between.pop(0) if self.between else Between.NEXT

    def note(self, step: Step) -> str | None:
        return self.notes.pop(0) if self.notes else None

    def recorded(self, step: Step, record: StepRecord) -> None:
        self.recorded_steps.append(step.id)

    def show_given(self, step: Step, question: Question, value: AnswerValue) -> None:
        self.asked.append(f"given:{question.id}")

    def from_objections(self, step: Step, question: Question, derived: AnswerValue) -> AnswerValue:
        self.asked.append(f"derived:{question.id}")
        return derived


# A whole walk of the walkthrough playbook as an answers file, for the walk's and prep's CLI tests.
FULL_ANSWERS = """\
prospecting: {fit: true, size: 40}
preparation: {persona: finance, competitors: [acme_crm]}
approach:
  pain: Quotes take a week
  criteria_met: [They agreed to a conversation]
  objections_raised:
    - {objection: price, said: "that's too expensive", result: partly}
objections:
  objections_raised:
    - {objection: timing, said: "call me next quarter", result: resolved}
closing: {outcome: next_step, next_step_date: "2026-03-18"}
follow_up:
  referral: yes
  tasks:
    - {task: 3, due: friday}
    - {task: Send the recap, drop: true}
"""


def new_lead(name: str = "Ada Lovelace", company: str = "ACME", **fields: str) -> int:
    conn = open_store()
    try:
        values = {"name": name, "company": company, "playbook": "walkthrough", **fields}
        return add_lead(conn, values, clock.now())
    finally:
        conn.close()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path
