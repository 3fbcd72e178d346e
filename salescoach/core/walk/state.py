"""The state of one guided walk, as plain data that survives being saved and read back.

The store keeps it as JSON after every answer and every finished step, so a walk resumes
exactly where it stopped (Ctrl-C, a closed terminal, a killed process). What has been recorded
on the lead is listed here too (`steps`, `objections`, `tasks`), which is what keeps a resumed
walk from recording anything twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.records import WALK_CHANNEL
from salescoach.core.kernel.slotted import Slotted, as_plain
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


class CriterionCheck(Slotted):
    __slots__ = ("text", "met", "how", "applies")  # noqa: RUF023

    def __init__(self, text: str, met: bool, how: str, applies: bool = True) -> None:
        self.text = text
        self.met = met
        self.how = how  # condition (from the answers), confirmed (by the rep), or not_confirmed
        # False when its `applies` condition does not hold (a won-deal criterion on a lost
        # deal): then it is neither met nor missed
        self.applies = applies

    @property
    def missed(self) -> bool:
        return self.applies and not self.met


class StepRecord(Slotted):
    __slots__ = ("step", "answers", "criteria", "criteria_skipped")  # noqa: RUF023

    def __init__(
        self,
        step: str,
        answers: dict[str, Any],
        criteria: list[CriterionCheck],
        criteria_skipped: bool,
    ) -> None:
        self.step = step
        self.answers = answers  # question id -> value, answered in this walk
        self.criteria = criteria
        self.criteria_skipped = criteria_skipped  # moved on although some were not met


class ObjectionRecord(Slotted):
    __slots__ = ("step", "objection", "said", "result")  # noqa: RUF023

    def __init__(self, step: str, objection: str | None, said: str, result: str) -> None:
        self.step = step
        self.objection = objection  # the playbook's family id; None when none of them fitted
        self.said = said
        self.result = result  # resolved, partly or not_resolved


class NoteRecord(Slotted):
    __slots__ = ("step", "text")

    def __init__(self, step: str, text: str) -> None:
        self.step = step
        self.text = text


class TaskRecord(Slotted):
    __slots__ = (  # noqa: RUF023
        "title",
        "due",
        "channel",
        "cadence",
        "dedupe_key",
        "kept",
        "edited",
        "stop_on_reply",
        "note",
        "priority",
        "id",
    )

    def __init__(
        self,
        title: str,
        due: str,
        channel: str,
        cadence: str,
        dedupe_key: str,
        kept: bool,
        edited: bool,
        stop_on_reply: bool = False,
        note: str | None = None,
        priority: str = "normal",
        id: int | None = None,
    ) -> None:
        self.title = title
        self.due = due  # ISO date
        self.channel = channel
        self.cadence = cadence
        self.dedupe_key = dedupe_key
        self.kept = kept  # False: the rep dropped it
        self.edited = edited
        self.stop_on_reply = stop_on_reply
        self.note = note
        self.priority = priority
        self.id = id  # the task's id in the store, once saved


class WalkState(Slotted):
    __slots__ = (  # noqa: RUF023
        "playbook",
        "lead_id",
        "plan",
        "started_on",
        "position",
        "phase",
        "answers",
        "skipped",
        "defaults",
        "confirmed",
        "steps",
        "objections",
        "notes",
        "tasks",
        "tasks_reviewed",
        "outcome",
        "status",
        "channel",
        "revision",
    )

    def __init__(
        self,
        playbook: str,
        lead_id: int | None,
        plan: list[str],
        started_on: str,
        position: int = 0,
        phase: str = "questions",
        answers: dict[str, Any] | None = None,
        skipped: list[str] | None = None,
        defaults: dict[str, Any] | None = None,
        confirmed: dict[str, list[int]] | None = None,
        steps: list[StepRecord] | None = None,
        objections: list[ObjectionRecord] | None = None,
        notes: list[NoteRecord] | None = None,
        tasks: list[TaskRecord] | None = None,
        tasks_reviewed: bool = False,
        outcome: dict[str, Any] | None = None,
        status: str = "open",
        channel: str = WALK_CHANNEL,
        revision: int = 0,
    ) -> None:
        self.playbook = playbook
        self.lead_id = lead_id
        self.plan = plan  # the step ids this walk goes through, in order
        self.started_on = started_on  # ISO date: anchors the follow-up cadence
        self.position = position
        self.phase = phase
        self.answers: dict[str, Any] = {} if answers is None else answers  # question id -> value
        self.skipped: list[str] = [] if skipped is None else skipped  # question ids passed over
        # earlier answers, when redoing a step
        self.defaults: dict[str, Any] = {} if defaults is None else defaults
        # step -> the criteria confirmed met
        self.confirmed: dict[str, list[int]] = {} if confirmed is None else confirmed
        self.steps: list[StepRecord] = [] if steps is None else steps
        self.objections: list[ObjectionRecord] = [] if objections is None else objections
        self.notes: list[NoteRecord] = [] if notes is None else notes
        self.tasks: list[TaskRecord] = [] if tasks is None else tasks
        self.tasks_reviewed = tasks_reviewed
        self.outcome = outcome
        self.status = status  # open or finished
        self.channel = channel  # how the rep talks to the buyer in this walk
        self.revision = revision  # bumped on every save: two terminals cannot overwrite each other

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
        data: dict[str, Any] = as_plain(self)
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
