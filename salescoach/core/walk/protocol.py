"""What the walk engine talks to: where answers come from and where facts go.

An `Answerer` gives every answer and decision (a terminal, an answers file, a test script); a
`Recorder` keeps every settled fact with the state to save beside it (the store, or nothing).
The markers and menu choices they exchange with the engine are here too.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from salescoach.core.kernel.slotted import Slotted
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.walk.state import (
    CriterionCheck,
    NoteRecord,
    ObjectionRecord,
    StepRecord,
    TaskRecord,
    WalkState,
)

if TYPE_CHECKING:
    from salescoach.core.planning.cadence import PlannedTask
    from salescoach.core.playbook.parts import AnswerValue, ExitCriterion, Objection, Question, Step

# Steps where the buyer is on the other end: their interactions count as contact.
CONTACT_STEPS = frozenset(STEP_IDS[STEP_IDS.index("approach") :])


class Marker(Enum):
    SKIP = "skip"  # no answer now (never for a required question)
    OBJECTION = "objection"  # the buyer raised an objection: handle it, then ask again


class Between(Enum):
    NEXT = "next"
    OBJECTION = "objection"
    NOTE = "note"
    STOP = "stop"


class Unmet(Enum):
    MOVE_ON = "move_on"  # go on anyway; recorded as skipped criteria
    REDO = "redo"  # go over the step's questions again
    STOP = "stop"


class StepView(Slotted):
    """What the rep sees when a step starts."""

    __slots__ = ("step", "number", "likely", "contact", "resumed", "given")  # noqa: RUF023

    def __init__(
        self,
        step: Step,
        number: int,
        likely: list[Objection],
        contact: bool,
        resumed: bool,
        given: list[tuple[Question, Any]],
    ) -> None:
        self.step = step
        self.number = number  # 1-7, the step's place in the sale
        self.likely = likely
        self.contact = contact
        self.resumed = resumed
        self.given = given  # answers already given in this step (on resume)


class Answerer(Protocol):
    """Where answers and decisions come from: a terminal, an answers file, a test script."""

    def show_step(self, view: StepView) -> None: ...
    def ask(
        self, step: Step, question: Question, default: AnswerValue | None
    ) -> AnswerValue | Marker: ...
    def from_objections(
        self, step: Step, question: Question, derived: AnswerValue
    ) -> AnswerValue: ...  # the answer to record where the objections logged gave `derived`
    def buyer_said(self, step: Step) -> str | None: ...
    def pick_objection(
        self, step: Step, said: str, families: list[Objection], suggested: int
    ) -> Objection | None: ...
    def objection_result(self, step: Step, objection: Objection | None) -> str: ...
    def confirm_criteria(self, step: Step, manual: list[ExitCriterion]) -> list[int]: ...
    def unmet_criteria(self, step: Step, unmet: list[CriterionCheck]) -> Unmet: ...
    def review_tasks(
        self, step: Step, proposed: list[PlannedTask], already: list[PlannedTask]
    ) -> list[PlannedTask | None]: ...
    def follow_up_now(self, step: Step) -> bool: ...
    def between_steps(self, done: Step, upcoming: Step) -> Between: ...
    def note(self, step: Step) -> str | None: ...
    def recorded(self, step: Step, record: StepRecord) -> None: ...


class Recorder(Protocol):
    """Where settled facts go, each with the state to save in the same transaction."""

    def progress(self, state: WalkState) -> None: ...
    def objection(self, state: WalkState, record: ObjectionRecord) -> None: ...
    def note(self, state: WalkState, record: NoteRecord) -> None: ...
    def step_finished(self, state: WalkState, record: StepRecord) -> None: ...
    def tasks_saved(self, state: WalkState, tasks: list[TaskRecord]) -> None: ...


class NullRecorder:
    """Keeps nothing: practice mode, and the dry run that finds missing answers."""

    def progress(self, state: WalkState) -> None:
        pass

    def objection(self, state: WalkState, record: ObjectionRecord) -> None:
        pass

    def note(self, state: WalkState, record: NoteRecord) -> None:
        pass

    def step_finished(self, state: WalkState, record: StepRecord) -> None:
        pass

    def tasks_saved(self, state: WalkState, tasks: list[TaskRecord]) -> None:
        pass
