"""A call's scorecard: everything `salescoach review` shows, as plain data (`Scorecard`).

Pure: the transcript, who is the rep, the playbook and the objection matcher's `rank` are
passed in; nothing here reads a file, the clock or the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, cast

from salescoach.core.objections.matcher import MatchResult
from salescoach.core.playbook.model import Playbook
from salescoach.core.review.call_objections import Named, Raised, named_competitors
from salescoach.core.review.call_objections import raised_objections as find_raised
from salescoach.core.review.coverage import StepCoverage, coverage
from salescoach.core.review.next_step import NextStep, next_step
from salescoach.core.review.practise import practise_next
from salescoach.core.review.scorecard_types import (
    SCHEMA_VERSION,
    CompetitorData,
    NextStepData,
    ObjectionData,
    ReplyData,
    Scorecard,
    StepData,
    StretchData,
    TalkData,
)
from salescoach.core.review.speakers import REP, Roles
from salescoach.core.review.talk import Talk, Turn, talk, turns
from salescoach.core.review.transcript import Transcript
from salescoach.core.text.normalise import STOPWORDS, words

ENGLISH_SHARE = 0.2  # below this share of common English words, the call is not in English
FORMATS = ("vtt", "srt", "whisper_json", "text")
Role = Literal["rep", "buyer"]


class Review:
    """The parts of a review before they become JSON (the log and the drills use these)."""

    def __init__(
        self,
        transcript: Transcript,
        roles: Roles,
        playbook: Playbook,
        rank: Callable[[str], MatchResult],
    ) -> None:
        seen: dict[str, MatchResult] = {}

        def ranked(text: str) -> MatchResult:
            if text not in seen:
                seen[text] = rank(text)
            return seen[text]

        self.transcript = transcript
        self.roles = roles
        self.turns: list[Turn] = turns(transcript, roles)
        self.talk: Talk = talk(transcript, roles)
        rep_turns = [turn.lines for turn in self.turns if turn.role == REP]
        self.steps: list[StepCoverage] = coverage(playbook, rep_turns)
        self.raised: list[Raised] = find_raised(playbook, self.turns, ranked)
        self.competitors: list[Named] = named_competitors(
            playbook, transcript.lines, roles.of, ranked
        )
        self.next_step: NextStep | None = next_step(transcript.lines, roles.of)


def build_scorecard(review: Review, *, file: str, sha256: str, playbook: str) -> Scorecard:
    transcript = review.transcript
    if transcript.format not in FORMATS:
        raise ValueError(f"unknown transcript format {transcript.format!r}")
    return {
        "schema": "review",
        "version": SCHEMA_VERSION,
        "schema_version": SCHEMA_VERSION,
        "file": file,
        "format": cast(Literal["vtt", "srt", "whisper_json", "text"], transcript.format),
        "sha256": sha256,
        "playbook": playbook,
        "timed": transcript.timed,
        "duration_seconds": _s(transcript.duration),
        "speakers": [
            {
                "name": name,
                "role": _role(review.roles.of(name)),
                "seconds": _s(sum(x.seconds for x in transcript.lines if x.speaker == name)),
                "lines": sum(1 for x in transcript.lines if x.speaker == name),
            }
            for name in transcript.speakers
        ],
        "talk": _talk(review.talk),
        "steps": [_step(step) for step in review.steps],
        "objections": [_objection(raised) for raised in review.raised],
        "competitors": [_competitor(named) for named in review.competitors],
        "next_step": _next_step(review.next_step),
        "practise": practise_next(review.raised, review.talk, review.next_step),
        "notes": _notes(transcript),
    }


def _s(seconds: float) -> float:
    return round(seconds, 3)


def _role(role: str) -> Role:
    return "rep" if role == REP else "buyer"


def _stretch(turn: Turn | None) -> StretchData | None:
    if turn is None:
        return None
    return {"start": _s(turn.start), "seconds": _s(turn.seconds), "text": turn.text}


def _talk(figures: Talk) -> TalkData:
    opened = sum(q.open for q in figures.questions)
    return {
        "rep_seconds": _s(figures.rep_seconds),
        "buyer_seconds": _s(figures.buyer_seconds),
        "rep_share": round(figures.rep_share, 4),
        "longest_monologue": _stretch(figures.longest_monologue),
        "longest_buyer_stretch": _stretch(figures.longest_buyer_stretch),
        "questions": {
            "total": len(figures.questions),
            "open": opened,
            "closed": len(figures.questions) - opened,
            "items": [{"at": _s(q.at), "text": q.text, "open": q.open} for q in figures.questions],
        },
    }


def _step(step: StepCoverage) -> StepData:
    return {
        "id": step.id,
        "title": step.title,
        "touched": step.touched,
        "items": [
            {
                "kind": "checklist" if item.kind == "checklist" else "question",
                "text": item.text,
                "covered": item.at is not None,
                "at": None if item.at is None else _s(item.at),
                "matched": list(item.matched),
            }
            for item in step.items
        ],
    }


def _objection(raised: Raised) -> ObjectionData:
    reply: ReplyData | None = None
    if raised.reply and raised.score is not None:
        score = raised.score
        reply = {
            "at": _s(raised.reply[0].start),
            "text": raised.reply_text,
            "score": score.score,
            "max_score": score.max_score,
            "share": round(score.share, 4),
            "passed": score.passed,
            "stages": [
                {
                    "stage": s.stage,
                    "points": s.points,
                    "max_points": s.max_points,
                    "found": s.found,
                    "missing": s.missing,
                }
                for s in score.stages
            ],
        }
    result = raised.result
    return {
        "at": _s(raised.line.start),
        "family": raised.family,
        "title": raised.title,
        "said": raised.line.text,
        "reply": reply,
        "came_back": bool(raised.came_back),
        "came_back_at": [_s(line.start) for line in raised.came_back],
        "result": "resolved"
        if result == "resolved"
        else "partly"
        if result == "partly"
        else "not_resolved",
    }


def _competitor(named: Named) -> CompetitorData:
    return {
        "id": named.id,
        "name": named.name,
        "at": _s(named.first.start),
        "named_by": _role(named.role),
        "said": named.first.text,
        "mentions": named.mentions,
    }


def _next_step(step: NextStep | None) -> NextStepData | None:
    if step is None:
        return None
    return {
        "at": _s(step.line.start),
        "said": step.line.text,
        "speaker": step.line.speaker,
        "when": step.when,
        "agreed": step.agreed,
    }


def _notes(transcript: Transcript) -> list[str]:
    notes = []
    if not transcript.timed:
        notes.append(
            "the transcript has no times: each line is timed by its words "
            "(150 words a minute), so the talk figures are estimates"
        )
    said = [w for line in transcript.lines for w in words(line.text)]
    if said and sum(w in STOPWORDS for w in said) / len(said) < ENGLISH_SHARE:
        notes.append(
            "this call does not look like English: objection, question and checklist "
            "matching is English-only, so only the talk times can be trusted"
        )
    return notes
