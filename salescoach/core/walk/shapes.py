"""The published JSON of `walk --json` (the walk's record) and `prep --json` (the brief).

`session_record` (core/walk/record.py) and `build_brief` (core/walk/brief.py) build them.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import AnswerValue, Count, Day, Keywords, Moment, one_of
from salescoach.core.kernel.leadfields import TEMPERATURES
from salescoach.core.kernel.records import LEAD_STATUSES, OBJECTION_RESULTS
from salescoach.core.kernel.shapes import (
    CancelledTaskRecord,
    Channel,
    LeadContact,
    OpenTaskRecord,
)
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.playbook.shapes import BattlecardFields

Answers = dict[str, AnswerValue]  # question id -> value
StepNumber = Annotated[int, Keywords(minimum=1, maximum=len(STEP_IDS))]


class WalkLead(TypedDict):
    """The lead as the walk left it; a practice walk without a lead has only id (null) and
    name."""

    id: int | None
    name: str
    company: NotRequired[str | None]
    step: NotRequired[str]
    status: NotRequired[Annotated[str, one_of(LEAD_STATUSES)]]


class StoppedAt(TypedDict):
    step: str
    phase: str


class CriterionRecord(TypedDict):
    text: str
    met: bool
    how: Annotated[str, one_of(("condition", "confirmed", "not_confirmed"))]
    applies: bool  # false: its condition (e.g. a won deal) does not hold; neither met nor missed


class WalkStep(TypedDict):
    step: str
    title: str
    answers: Answers
    criteria: list[CriterionRecord]
    criteria_skipped: bool


class WalkObjection(TypedDict):
    step: str
    objection: str | None  # the family id; null when none fitted
    said: str
    result: Annotated[str, one_of(OBJECTION_RESULTS)]
    title: str


class WalkNote(TypedDict):
    step: str
    text: str


class WalkOutcome(TypedDict):
    """The call's outcome, with only the answers given (a loss reason for a lost deal...)."""

    outcome: Annotated[str, one_of(("next_step", "won", "lost", "no_decision"))]
    loss_reason: NotRequired[str]
    next_step_date: NotRequired[Day]
    deal_value: NotRequired[float]
    on: Day
    text: str


class WalkTask(TypedDict):
    id: int | None  # null: dropped, or a practice walk
    title: str
    due: Day
    channel: Channel
    cadence: str
    kept: bool
    edited: bool
    # The task as the store has it now (open, done, dropped, cancelled): done by hand since the
    # walk saved it, or cancelled. Null in a practice walk, which saves none.
    status: str | None


class WalkRecordJSON(TypedDict):
    """What one walk recorded: `walk --json`."""

    schema: Literal["walk"]
    version: Literal[1]
    session: int | None
    practice: bool
    status: Annotated[str, one_of(("finished", "open"))]
    lead: WalkLead
    playbook: str
    started_on: Day
    stopped_at: StoppedAt | None
    steps: list[WalkStep]
    pending_answers: Answers  # given in the unfinished step, not recorded yet
    objections: list[WalkObjection]
    notes: list[WalkNote]
    outcome: WalkOutcome | None
    tasks: list[WalkTask]
    # The follow-up tasks this run cancelled (reopening the lead, or closing it won or lost).
    cancelled_tasks: NotRequired[list[CancelledTaskRecord]]


class BriefLead(LeadContact):
    owner: str | None
    temperature: Annotated[str, one_of(TEMPERATURES)]
    status: Annotated[str, one_of(LEAD_STATUSES)]
    status_reason: str | None
    step: str
    step_number: StepNumber
    step_title: str
    days_in_step: int
    last_interaction: Moment | None
    days_idle: int | None
    stale: bool


class BriefSla(TypedDict):
    """The first-contact SLA: met, late, broken, due (today or later) or none."""

    state: Annotated[str, one_of(("none", "met", "late", "broken", "due"))]
    due: Day | None
    first_contact: Day | None
    business_days: int | None


class BriefEvent(TypedDict):
    at: Moment
    kind: str
    step: str | None
    channel: Channel | None
    text: str | None
    objection: str | None
    result: str | None


class BriefAnswer(TypedDict):
    field: str
    step: str | None  # null: recorded by another playbook's question
    question: str
    value: AnswerValue
    shown: str


class BriefFamily(TypedDict):
    id: str
    title: str
    times: Count
    resolved: Count
    last_result: str | None


class BriefObjections(TypedDict):
    families: list[BriefFamily]
    latest: list[BriefEvent]


class BriefTask(OpenTaskRecord):
    overdue: bool
    due_today: bool


class BriefQuestion(TypedDict):
    id: str
    text: str
    type: str
    required: bool
    answer: AnswerValue | None


class BriefStep(TypedDict):
    id: str
    number: StepNumber
    title: str
    goal: str
    guidance: list[str]
    checklist: list[str]
    questions: list[BriefQuestion]
    exit_criteria: list[str]


class PersonaRecord(TypedDict):
    id: str
    role: str
    cares_about: list[str]
    talking_points: list[str]


class BattlecardRecord(BattlecardFields):
    why: str  # named as a competitor, or mentioned in notes


class LikelyObjection(TypedDict):
    id: str
    title: str
    concern: str
    ask: str  # the first question to ask
    raised_before: Count
    last_result: str | None


class OpenWalk(TypedDict):
    """An unfinished walk waiting to be resumed."""

    session: int
    step: str | None
    saved_at: str  # ISO 8601 to the minute


class BriefJSON(TypedDict):
    """Everything to read before a call, untruncated: `prep --json`."""

    schema: Literal["prep"]
    version: Literal[1]
    lead: BriefLead
    sla: BriefSla
    recent: list[BriefEvent]
    answers: list[BriefAnswer]
    objections: BriefObjections
    tasks: list[BriefTask]
    step: BriefStep
    persona: PersonaRecord | None
    battlecards: list[BattlecardRecord]
    likely_objections: list[LikelyObjection]
    open_walk: OpenWalk | None
    playbook: str
    today: Day
    notes: list[str]
