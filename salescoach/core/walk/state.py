"""The state of one guided walk, as plain data that survives being saved and read back.

The store keeps it as JSON after every answer and every finished step, so a walk resumes
exactly where it stopped (Ctrl-C, a closed terminal, a killed process). What has been recorded
on the lead is listed here too (`steps`, `objections`, `tasks`), which is what keeps a resumed
walk from recording anything twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.records import WALK_CHANNEL
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Playbook

STATE_VERSION = 1
# What a step goes through, in order. The objections step logs each objection as the buyer
# raises it, then asks its questions (which look back on them). Follow-up schedules the tasks
# first: they are due from the call, while its questions are usually answered later.
PHASES: dict[str, tuple[str, ...]] = {
    "objections": ("objections", "questions", "criteria"),
    "follow_up": ("tasks", "questions", "criteria"),
}
DEFAULT_PHASES = ("questions", "criteria")


def phases_of(step_id: str) -> tuple[str, ...]:
    return PHASES.get(step_id, DEFAULT_PHASES)


@dataclass
class CriterionCheck:
    text: str
    met: bool
    how: str  # condition (from the answers), confirmed (by the rep), or not_confirmed
    # False when its `applies` condition does not hold (a won-deal criterion on a lost deal):
    # then it is neither met nor missed
    applies: bool = True

    @property
    def missed(self) -> bool:
        return self.applies and not self.met


@dataclass
class StepRecord:
    step: str
    answers: dict[str, Any]  # question id -> value, answered in this walk
    criteria: list[CriterionCheck]
    criteria_skipped: bool  # moved on although some criteria were not met


@dataclass
class ObjectionRecord:
    step: str
    objection: str | None  # the playbook's family id; None when none of them fitted
    said: str
    result: str  # resolved, partly or not_resolved


@dataclass
class NoteRecord:
    step: str
    text: str


@dataclass
class TaskRecord:
    title: str
    due: str  # ISO date
    channel: str
    cadence: str
    dedupe_key: str
    kept: bool  # False: the rep dropped it
    edited: bool
    stop_on_reply: bool = False
    note: str | None = None
    priority: str = "normal"
    id: int | None = None  # the task's id in the store, once saved


@dataclass
class WalkState:
    playbook: str
    lead_id: int | None
    plan: list[str]  # the step ids this walk goes through, in order
    started_on: str  # ISO date: anchors the follow-up cadence
    position: int = 0
    phase: str = "questions"
    answers: dict[str, Any] = field(default_factory=dict)  # question id -> value
    skipped: list[str] = field(default_factory=list)  # question ids passed over
    defaults: dict[str, Any] = field(default_factory=dict)  # earlier answers, when redoing a step
    confirmed: dict[str, list[int]] = field(default_factory=dict)  # step -> criteria met
    steps: list[StepRecord] = field(default_factory=list)
    objections: list[ObjectionRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    tasks_reviewed: bool = False
    outcome: dict[str, Any] | None = None
    status: str = "open"  # open or finished
    channel: str = WALK_CHANNEL  # how the rep talks to the buyer in this walk
    revision: int = 0  # bumped on every save: two terminals cannot overwrite each other

    @classmethod
    def start(
        cls, playbook_name: str, lead_id: int | None, first_step: str, today_iso: str
    ) -> WalkState:
        plan = list(STEP_IDS[STEP_IDS.index(first_step) :])
        return cls(
            playbook=playbook_name,
            lead_id=lead_id,
            plan=plan,
            started_on=today_iso,
            phase=phases_of(plan[0])[0],
        )

    @property
    def step_id(self) -> str:
        return self.plan[min(self.position, len(self.plan) - 1)]

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def mid_step(self, playbook: Playbook) -> bool:
        """Whether the walk stopped inside a step (rather than between two)."""
        if self.finished:
            return False
        ids = {q.id for q in playbook.step(self.step_id).questions}
        return bool(
            ids & (set(self.answers) | set(self.skipped))
            or self.phase != phases_of(self.step_id)[0]
            or self.step_id in self.confirmed
        )

    def pending_answers(self, playbook: Playbook) -> dict[str, Any]:
        """Answers given in the current, unfinished step (not yet recorded on the lead)."""
        if self.finished:
            return {}
        ids = {q.id for q in playbook.step(self.step_id).questions}
        return {k: v for k, v in self.answers.items() if k in ids}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = STATE_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WalkState:
        """Read a saved state back; UsageError if it is not one this version understands."""
        try:
            if data.get("version") != STATE_VERSION:
                raise ValueError("unknown version")
            values = {k: v for k, v in data.items() if k != "version"}
            values["steps"] = [
                StepRecord(
                    **{**s, "criteria": [CriterionCheck(**c) for c in s["criteria"]]},
                )
                for s in data["steps"]
            ]
            values["objections"] = [ObjectionRecord(**o) for o in data["objections"]]
            values["notes"] = [NoteRecord(**n) for n in data["notes"]]
            values["tasks"] = [TaskRecord(**t) for t in data["tasks"]]
            state = cls(**values)
            if not state.plan or any(s not in STEP_IDS for s in state.plan):
                raise ValueError("bad plan")
            if not state.finished and state.phase not in phases_of(state.step_id):
                raise ValueError("bad phase")
        except (KeyError, TypeError, ValueError, AttributeError):
            raise UsageError(
                "the saved walk cannot be read (it was written by another version)",
                hint="start over with --new",
            ) from None
        return state

    def forget_unknown(self, playbook: Playbook) -> None:
        """Drop answers to questions the playbook no longer has (it changed since the save)."""
        known = {q.id for _, q in playbook.questions()}
        self.answers = {k: v for k, v in self.answers.items() if k in known}
        self.skipped = [k for k in self.skipped if k in known]
        self.defaults = {k: v for k, v in self.defaults.items() if k in known}
