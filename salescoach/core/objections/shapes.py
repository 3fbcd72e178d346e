"""The published JSON of `objection --json` (one answer) and `objections stats --json`.

`CompiledPlaybook.report` (core/objections/cache.py) and `as_data` (core/objections/stats.py)
build them.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count, Day, Keywords, Share
from salescoach.core.playbook.shapes import BattlecardFields

Score = Annotated[float, Keywords(minimum=0, maximum=1)]


class MatchRecord(TypedDict):
    id: str
    title: str
    score: Score


class ResponseRecord(TypedDict):
    framework: str  # e.g. LAER, feel-felt-found
    stages: dict[str, str]  # stage -> what to say, in order


class ObjectionPrompts(TypedDict):
    """How to handle one objection family."""

    id: str
    title: str
    concern: str
    probing_questions: list[str]
    responses: list[ResponseRecord]
    avoid: list[str]


class ObjectionAnswerJSON(TypedDict):
    """The families that fit what the buyer said, best first: `objection --json` (an array of
    them for several lines on stdin). `best` is null without a confident match; `logged`
    (with `--lead`) is the new interaction's id, or null when nothing was logged."""

    schema: Literal["objection"]
    version: Literal[1]
    query: str
    playbook: str
    confident: bool
    threshold: Score
    matches: list[MatchRecord]
    best: ObjectionPrompts | None
    battlecards: list[BattlecardFields]
    logged: NotRequired[int | None]


class ObjectionTallyRecord(TypedDict):
    """One family (null id: logged without one): how often, where, and how it went."""

    id: str | None
    count: Count
    share: Share
    by_step: dict[str, Count]  # step id (or "unknown") -> count, in the order of a sale
    resolved: Count
    partly: Count
    not_resolved: Count
    unrecorded: Count  # logged without saying how it went
    resolution_rate: Annotated[float, Keywords(minimum=0, maximum=1)] | None


class ObjectionStatsJSON(TypedDict):
    """The objections logged on leads, most frequent first: `objections stats --json`."""

    schema: Literal["objection-stats"]
    version: Literal[1]
    since: Day | None
    total: Count
    objections: list[ObjectionTallyRecord]
