"""The objection drill: what the buyer says, and a transparent score for the rep's answer.

The rubric is the playbook's `drill_rubric`: a list of stages (acknowledge, explore, respond,
confirm...), each with cues and points. A stage earns its points when the answer contains at
least one of its cues (`salescoach.core.text.answer_match` compares them, reading text as the
objection matcher does) in a sentence with content of its own (`core/text/substance.py`: a
cue list, cue stuffing or gibberish earns nothing); a stage marked `from_objection` also
counts the objection's own `cues`, so "respond" can ask for the words that address *this*
concern. The score lists every cue as found or missing, so the rep sees exactly why they got
what they got. A stage with no cues at all cannot be checked and is left out of the maximum
rather than given away or held back.

Buyer lines come from the objection's own `phrasings` only. Scenario turns are not borrowed:
a role-play line that happens to name a family's keyword ("we track it in a spreadsheet") is
often a pain statement, not that objection, and a round titled "Happy with the status quo"
must show the buyer saying exactly that.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from salescoach.core.playbook.model import Objection, Playbook, Response, RubricStage
from salescoach.core.text.answer_match import Answer
from salescoach.core.text.substance import sentences
from salescoach.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from salescoach.core.training.shapes import RubricScoreRecord, StageScoreRecord

PASS_SHARE = 0.7  # an item counts as right (moves up a Leitner box) from this share of points
MAX_ROUNDS = 100


@dataclass(frozen=True)
class ObjectionItem:
    """One round: what the buyer says, from which family, and the model answer to show."""

    family: str
    title: str
    buyer_says: str
    source: str  # "phrasing" (kept in the JSON output and the session log)
    response_index: int

    @property
    def key(self) -> str:
        return f"objections:{self.family}"


@dataclass(frozen=True)
class CueCheck:
    cue: str
    matched: str | None  # the words of the answer that matched the cue, as the rep wrote them

    @property
    def found(self) -> bool:
        return self.matched is not None


@dataclass(frozen=True)
class StageScore:
    stage: str
    description: str
    points: int
    max_points: int
    cues: tuple[CueCheck, ...]

    @property
    def found(self) -> list[str]:
        return [c.cue for c in self.cues if c.found]

    @property
    def missing(self) -> list[str]:
        return [c.cue for c in self.cues if not c.found]

    @property
    def checkable(self) -> bool:
        return bool(self.cues)

    def to_dict(self) -> StageScoreRecord:
        return {
            "stage": self.stage,
            "description": self.description,
            "points": self.points,
            "max_points": self.max_points,
            "found": self.found,
            "missing": self.missing,
            "matched": {c.cue: c.matched for c in self.cues if c.matched is not None},
        }


@dataclass(frozen=True)
class RubricScore:
    stages: tuple[StageScore, ...]
    hollow: tuple[str, ...] = ()  # sentences whose cues did not count: nothing of their own

    @property
    def score(self) -> int:
        return sum(s.points for s in self.stages)

    @property
    def max_score(self) -> int:
        return sum(s.max_points for s in self.stages)

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def passed(self) -> bool:
        return self.share >= PASS_SHARE

    def to_dict(self) -> RubricScoreRecord:
        return {
            "score": self.score,
            "max_score": self.max_score,
            "share": round(self.share, 4),
            "stages": [s.to_dict() for s in self.stages],
        }


def check_rounds(rounds: int, flag: str = "--rounds") -> int:
    if rounds < 1:
        raise UsageError(f"{flag} must be at least 1, not {rounds}")
    if rounds > MAX_ROUNDS:
        raise UsageError(f"{flag} can be at most {MAX_ROUNDS}, not {rounds}")
    return rounds


def find_objection(playbook: Playbook, family: str) -> Objection:
    found = playbook.objection(family)
    if found is None:
        known = ", ".join(o.id for o in playbook.objections) or "none"
        raise NotFoundError(
            f"no objection family {family!r} in this playbook", hint=f"families: {known}"
        )
    return found


def buyer_lines(objection: Objection) -> list[tuple[str, str]]:
    """(what the buyer says, where it comes from) for one family: its own phrasings."""
    return [(p, "phrasing") for p in objection.phrasings]


def draw_objection_items(
    playbook: Playbook, rng: random.Random, rounds: int, families: Sequence[str] = ()
) -> list[ObjectionItem]:
    """`rounds` items, spread over the families (each family once before any repeats)."""
    check_rounds(rounds)
    require_rubric(playbook)
    chosen = [find_objection(playbook, f) for f in families] or list(playbook.objections)
    if not chosen:
        raise UsageError("this playbook has no objections to practise")
    items: list[ObjectionItem] = []
    deck: list[Objection] = []
    used: set[str] = set()
    while len(items) < rounds:
        if not deck:
            deck = list(chosen)
            rng.shuffle(deck)
        objection = deck.pop()
        lines = buyer_lines(objection)
        fresh = [line for line in lines if line[0] not in used] or lines
        said, source = fresh[rng.randrange(len(fresh))]
        used.add(said)
        items.append(
            ObjectionItem(
                family=objection.id,
                title=objection.title,
                buyer_says=said,
                source=source,
                response_index=rng.randrange(len(objection.responses)),
            )
        )
    return items


def require_rubric(playbook: Playbook) -> Sequence[RubricStage]:
    if not playbook.drill_rubric:
        raise UsageError(
            "this playbook has no drill_rubric, so objection answers cannot be scored",
            hint="add a `drill_rubric:` list of stages with cues to the playbook (see the README)",
        )
    return playbook.drill_rubric


def stage_cues(stage: RubricStage, objection: Objection) -> list[str]:
    cues = list(stage.cues)
    if stage.from_objection:
        cues += [c for c in objection.cues if c not in cues]
    return cues


def score_response(text: str, rubric: Sequence[RubricStage], objection: Objection) -> RubricScore:
    """Score a practice answer against the rubric; every cue is reported found or missing."""
    if not text.strip():
        raise UsageError("the response is empty: type what you would say to the buyer")
    cues = [stage_cues(stage, objection) for stage in rubric]
    real, hollow = _counted_sentences(text, cues)

    def find(cue: str) -> str | None:
        return next((found for answer in real if (found := answer.find(cue))), None)

    stages = []
    for stage, stage_cue_list in zip(rubric, cues, strict=True):
        checks = tuple(CueCheck(cue, find(cue)) for cue in stage_cue_list)
        max_points = stage.points if checks else 0
        earned = max_points if any(c.found for c in checks) else 0
        stages.append(StageScore(stage.stage, stage.description, earned, max_points, checks))
    return RubricScore(tuple(stages), hollow)


def _counted_sentences(text: str, cues: list[list[str]]) -> tuple[list[Answer], tuple[str, ...]]:
    """The sentences whose cues count, and those left out. A sentence with content of its own
    counts; so does a short one made of one stage's cue ("I hear you.", "Does that sound
    fair?"), as people talk, but no more of them than there are sentences with content, and
    never one that holds several stages' cues at once ("fair, what?")."""
    parts = sentences(text, [cue for stage in cues for cue in stage])
    allowance = sum(part.has_content for part in parts)
    counted, hollow = [], []
    for part in parts:
        if part.has_content:
            counted.append(part.answer)
            continue
        hit = _stages_hit(part.answer, cues)
        if len(hit) == 1 and allowance > 0:
            counted.append(part.answer)
            allowance -= 1
        elif hit:
            hollow.append(part.text)
    return counted, tuple(hollow)


def _stages_hit(answer: Answer, cues: list[list[str]]) -> list[int]:
    """The stages whose cues a sentence holds. A cue inside another stage's longer one ("fair"
    in "sound fair") is not a stage of its own, and a question mark is how a confirming
    question ends, not a second stage."""
    spans = [set().union(*(answer.covered(cue) for cue in stage)) for stage in cues]
    words = [i for i, span in enumerate(spans) if span]
    hit = [i for i in words if not any(spans[i] < spans[j] for j in words if j != i)]
    hit = list({frozenset(spans[i]): i for i in hit}.values())  # the same words: one stage
    if hit:
        return hit
    return [i for i, stage in enumerate(cues) if any(answer.has(cue) for cue in stage)]


def model_response(playbook: Playbook, item: ObjectionItem) -> Response:
    objection = find_objection(playbook, item.family)
    return objection.responses[item.response_index % len(objection.responses)]
