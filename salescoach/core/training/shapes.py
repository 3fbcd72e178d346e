"""The published JSON of a drill run (`train ... --json`) and of `train history --json`.

Each item's `detail` depends on its drill: an objection drill's rubric scores, a quiz
question's answers, or a scenario's turns. The same detail is kept in the training history.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count, Day, Keywords, Moment, Share

Fraction = Annotated[float, Keywords(minimum=0, maximum=1)]
Box = Annotated[int, Keywords(minimum=1, maximum=5)]


class StageScoreRecord(TypedDict):
    """One rubric stage: the cues found in the answer (with the words that matched)."""

    stage: str
    description: str
    points: Count
    max_points: Count
    found: list[str]
    missing: list[str]
    matched: dict[str, str]  # cue -> the words of the answer that matched it


class RubricScoreRecord(TypedDict):
    score: Count
    max_score: Count
    share: Fraction
    stages: list[StageScoreRecord]


class ObjectionDrillDetail(RubricScoreRecord):
    family: str
    buyer_says: str
    source: str
    response: str  # what the rep answered
    model_framework: str


class QuizDetail(TypedDict):
    kind: Annotated[str, Keywords(enum=["order", "situation", "exit"])]
    key: str
    prompt: str
    given: list[str]
    correct: list[str]
    score: Count
    max_score: Count


class TurnRecord(TypedDict):
    turn: str
    buyer: str
    reply: str
    points: int
    best_points: int
    feedback: str
    best_reply: str | None  # null when the best reply was picked


class ScenarioDetail(TypedDict):
    scenario: str
    title: str
    score: int
    max_score: int
    share: float
    turns: list[TurnRecord]
    debrief: str


class CallReplyDetail(TypedDict):
    call_time: str  # 00:12:05, from the start of the call
    response: str  # what the rep replied on the call
    came_back_at: list[str]


class CallDrillDetail(CallReplyDetail):
    """An objection left unresolved on a reviewed call (`salescoach review --lead`), kept as a
    failed attempt so that its family comes back in the buyer's words."""

    family: str
    buyer_says: str
    source: Literal["call"]
    lead_id: int
    review_sha256: str
    score: NotRequired[Count]
    max_score: NotRequired[Count]
    share: NotRequired[Fraction]
    stages: NotRequired[list[StageScoreRecord]]


ItemDetail = ObjectionDrillDetail | QuizDetail | ScenarioDetail | CallDrillDetail


class ItemRecord(TypedDict):
    drill: Annotated[str, Keywords(enum=["objections", "steps", "scenario"])]
    item: str
    score: float
    max_score: float
    passed: bool
    detail: ItemDetail


class ReviewRecord(TypedDict):
    """An item's review box after the run (a higher box comes back later)."""

    item: str
    box: Box
    due: Day


class SessionRecord(TypedDict):
    seed: int | None
    score: float
    max_score: float
    items: list[ItemRecord]
    skipped: list[str]  # due review items this playbook no longer has


class TrainRunJSON(SessionRecord):
    """What one drill run scored: `train`, `train objections|steps|scenario --json`."""

    schema: Literal["train-run"]
    version: Literal[1]
    review: list[ReviewRecord]


class DrillHistory(TypedDict):
    drill: str
    runs: Count
    items: Count
    average_share: Share | None
    first_run_share: Share | None
    last_run_share: Share | None
    first_at: Moment
    last_at: Moment


class DayHistory(TypedDict):
    drill: str
    day: Day
    items: Count
    share: Share | None


class FamilyHistory(TypedDict):
    family: str
    attempts: Count
    average_share: Share | None
    last_share: Share | None
    last_at: Moment


class ReviewBoxes(TypedDict):
    due_today: Count
    boxes: dict[str, Count]  # box "1".."5" -> items in it


class TrainHistoryJSON(TypedDict):
    """Scores over time per drill and objection family: `train history --json`."""

    schema: Literal["train-history"]
    version: Literal[1]
    drills: list[DrillHistory]
    by_day: list[DayHistory]
    families: list[FamilyHistory]
    weakest_families: list[str]
    review: ReviewBoxes
