"""Answers from a file first, then from a person if one is there, else from what is known.

`FileAnswerer` wraps an optional terminal answerer (the fallback). With a fallback, whatever the
file does not say is asked. Without one (no terminal), a question the file does not answer keeps
the lead's recorded answer, else takes the playbook's default, else is skipped when optional;
a required one with none of these is missing. `missing_answers` finds every missing answer by
walking a copy of the state with nothing recorded, so the command can refuse before writing.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from salescoach.core.kernel.script import Script
from salescoach.core.walk.answers import is_answered
from salescoach.core.walk.answers_file import AnswersFile, FileObjection
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.protocol import (
    Answerer,
    Between,
    Marker,
    NullRecorder,
    StepView,
    Unmet,
)
from salescoach.core.walk.state import CriterionCheck, StepRecord
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.planning.cadence import PlannedTask
    from salescoach.core.playbook.parts import AnswerValue, ExitCriterion, Objection, Question, Step

ANSWERS_FLAG = "--answers FILE.yaml"


class Prompter(Answerer, Protocol):
    """A terminal answerer, which can also show the answers a file gave."""

    def show_given(self, step: Step, question: Question, value: AnswerValue) -> None: ...


class FileAnswerer:
    def __init__(
        self,
        data: AnswersFile,
        fallback: Prompter | None,
        *,
        lead_answers: Mapping[str, Any],
        until: str | None = None,
        missing: list[str] | None = None,
        narrate: Callable[[Step, StepRecord], None] | None = None,
    ) -> None:
        self.data = data
        self.fallback = fallback
        self.lead_answers = lead_answers
        self.until = until
        self.narrate = narrate  # told of each recorded step when no one is at a terminal
        self.used: set[str] = set()  # `step.question` of every file answer given to the walk
        # The objections each step raises, in turn; `missing` collects instead of failing.
        self.script = Script(
            data.objections, flag=ANSWERS_FLAG, can_ask=fallback is not None, missing=missing
        )
        self._current: FileObjection | None = None

    def show_step(self, view: StepView) -> None:
        if self.fallback:
            self.fallback.show_step(view)

    def from_objections(self, step: Step, question: Question, derived: AnswerValue) -> AnswerValue:
        given = self.data.answers.get(step.id, {})
        if question.id in given:  # what the file says wins over what was worked out
            self.used.add(f"{step.id}.{question.id}")
            derived = given[question.id]
        if self.fallback:
            self.fallback.from_objections(step, question, derived)
        return derived

    def ask(
        self, step: Step, question: Question, default: AnswerValue | None
    ) -> AnswerValue | Marker:
        given = self.data.answers.get(step.id, {})
        if question.id in given:
            self.used.add(f"{step.id}.{question.id}")
            if self.fallback:
                self.fallback.show_given(step, question, given[question.id])
            return given[question.id]
        if self.fallback:
            return self.fallback.ask(step, question, default)
        if is_answered(self.lead_answers.get(question.field)):
            return Marker.SKIP  # the lead keeps what it has; nothing new to record
        if question.default is not None and default is not None:
            return default
        if question.required:
            self.script.lacks(f"{step.id}.{question.id}")
        return Marker.SKIP

    def buyer_said(self, step: Step) -> str | None:
        found, raised = self.script.take(step.id)
        if found:
            current: FileObjection = raised
            self._current = current
            return current.said
        return self.fallback.buyer_said(step) if self.fallback else None

    def pick_objection(
        self, step: Step, said: str, families: list[Objection], suggested: int
    ) -> Objection | None:
        if self._current is not None:
            return next(o for o in families if o.id == self._current.objection)
        assert self.fallback is not None  # buyer_said only says something with a source
        return self.fallback.pick_objection(step, said, families, suggested)

    def objection_result(self, step: Step, objection: Objection | None) -> str:
        if self._current is not None:
            result, self._current = self._current.result, None
            return result
        assert self.fallback is not None
        return self.fallback.objection_result(step, objection)

    def confirm_criteria(self, step: Step, manual: list[ExitCriterion]) -> list[int]:
        if step.id in self.data.criteria_met:
            chosen = [step.exit_criteria[n - 1] for n in self.data.criteria_met[step.id]]
            return [i for i, c in enumerate(manual) if c in chosen]
        return self.fallback.confirm_criteria(step, manual) if self.fallback else []

    def unmet_criteria(self, step: Step, unmet: list[CriterionCheck]) -> Unmet:
        return self.fallback.unmet_criteria(step, unmet) if self.fallback else Unmet.MOVE_ON

    def review_tasks(
        self, step: Step, proposed: list[PlannedTask], already: list[PlannedTask]
    ) -> list[PlannedTask | None]:
        if self.data.drop_all_tasks:
            return [None] * len(proposed)
        if self.data.tasks is None:
            if self.fallback:
                return self.fallback.review_tasks(step, proposed, already)
            return list(proposed)
        decisions: list[PlannedTask | None] = list(proposed)
        for change in self.data.tasks:
            index = _task_index(change.task, proposed, self.data.name)
            if change.drop:
                decisions[index] = None
                continue
            task = decisions[index] or proposed[index]
            decisions[index] = dataclasses.replace(
                task, title=change.title or task.title, due=change.due or task.due
            )
        return decisions

    def follow_up_now(self, step: Step) -> bool:
        if self.data.has_answers_for(step.id):
            return True
        return self.fallback.follow_up_now(step) if self.fallback else False

    def between_steps(self, done: Step, upcoming: Step) -> Between:
        if self.script.has(done.id):
            return Between.OBJECTION
        if self.until == done.id:
            return Between.STOP
        return self.fallback.between_steps(done, upcoming) if self.fallback else Between.NEXT

    def note(self, step: Step) -> str | None:
        return self.fallback.note(step) if self.fallback else None

    def recorded(self, step: Step, record: StepRecord) -> None:
        if self.fallback:
            self.fallback.recorded(step, record)
        elif self.narrate:
            self.narrate(step, record)


def unused_answers(answerer: FileAnswerer) -> list[str]:
    """`step.question` for file answers the walk never asked for (a condition did not hold,
    or the step was not walked): worth a warning, since the rep meant them."""
    given = [f"{step}.{q}" for step, answers in answerer.data.answers.items() for q in answers]
    return [name for name in given if name not in answerer.used]


def _task_index(ref: int | str, proposed: list[PlannedTask], name: str) -> int:
    if isinstance(ref, int) and 1 <= ref <= len(proposed):
        return ref - 1
    for index, task in enumerate(proposed):
        if isinstance(ref, str) and task.title.lower() == ref.strip().lower():
            return index
    listing = "; ".join(f"{n}: {t.title}" for n, t in enumerate(proposed, 1)) or "none"
    raise UsageError(
        f"{name}: follow_up.tasks: no proposed task {ref!r}",
        hint=f"the proposed tasks are {listing}",
    )


def missing_answers(walk: Walk, data: AnswersFile, *, until: str | None = None) -> list[str]:
    """`step.question` for every required answer neither the file nor the lead can give."""
    collector = FileAnswerer(data, None, lead_answers=walk.lead_answers, until=until, missing=[])
    probe = walk.replace(
        state=copy.deepcopy(walk.state), answerer=collector, recorder=NullRecorder()
    )
    probe.run()
    return collector.script.missing or []
