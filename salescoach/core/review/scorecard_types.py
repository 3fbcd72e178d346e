"""The shape of `salescoach review --json` (`"schema": "review"`, version 1), published by
`salescoach schema review`.

Scripts may rely on every key here; README (JSON outputs and their schemas) says which changes
raise the version. Times are seconds from the start of the call; shares are fractions from 0
to 1. `schema_version` repeats `version` for scripts written before `version` was added.
"""

from __future__ import annotations

from typing import Literal, NotRequired

# pydantic reads TypedDicts from typing_extensions only, before Python 3.12
from typing_extensions import TypedDict

SCHEMA_VERSION: Literal[1] = 1


class SpeakerData(TypedDict):
    name: str
    role: Literal["rep", "buyer"]
    seconds: float
    lines: int


class StretchData(TypedDict):
    start: float
    seconds: float
    text: str


class QuestionData(TypedDict):
    at: float
    text: str
    open: bool


class QuestionsData(TypedDict):
    total: int
    open: int
    closed: int
    items: list[QuestionData]


class TalkData(TypedDict):
    rep_seconds: float
    buyer_seconds: float
    rep_share: float
    longest_monologue: StretchData | None
    longest_buyer_stretch: StretchData | None
    questions: QuestionsData


class ItemData(TypedDict):
    kind: Literal["checklist", "question"]
    text: str
    covered: bool
    at: float | None
    matched: list[str]


class StepData(TypedDict):
    id: str
    title: str
    touched: bool
    items: list[ItemData]


class StageData(TypedDict):
    stage: str
    points: int
    max_points: int
    found: list[str]
    missing: list[str]


class ReplyData(TypedDict):
    at: float
    text: str
    score: int
    max_score: int
    share: float
    passed: bool
    stages: list[StageData]


class ObjectionData(TypedDict):
    at: float
    family: str
    title: str
    said: str
    reply: ReplyData | None
    came_back: bool
    came_back_at: list[float]
    result: Literal["resolved", "partly", "not_resolved"]


class CompetitorData(TypedDict):
    id: str
    name: str
    at: float
    named_by: Literal["rep", "buyer"]
    said: str
    mentions: int


class NextStepData(TypedDict):
    at: float
    said: str
    speaker: str
    when: str
    agreed: bool


class PractiseData(TypedDict):
    what: str
    why: str
    command: str | None


class LeadData(TypedDict):
    id: int
    label: str


class LoggedData(TypedDict):
    lead_id: int
    interactions: list[int]
    drill_items: list[str]


class Scorecard(TypedDict):
    """A call's scorecard from its transcript: `review --json`."""

    schema: Literal["review"]
    version: Literal[1]
    schema_version: Literal[1]
    file: str
    format: Literal["vtt", "srt", "whisper_json", "text"]
    sha256: str
    playbook: str
    timed: bool
    duration_seconds: float
    speakers: list[SpeakerData]
    talk: TalkData
    steps: list[StepData]
    objections: list[ObjectionData]
    competitors: list[CompetitorData]
    next_step: NextStepData | None
    practise: list[PractiseData]
    notes: list[str]
    lead: NotRequired[LeadData]  # only with --lead
    logged: NotRequired[LoggedData | None]  # None with --no-log
