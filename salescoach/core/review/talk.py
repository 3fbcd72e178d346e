"""Who talked how much: speaking time, turns, monologues and the rep's questions.

- Speaking time is the sum of a side's cue lengths (pauses between cues count for nobody).
- A turn is a run of consecutive lines from one side (two reps handing over are one turn); its
  length runs from its first line's start to its last line's end. The longest rep turn is the
  longest monologue; the longest buyer turn is the buyer's longest stretch.
- A question is a sentence of the rep's ending in "?". It is open when one of its clauses
  starts with a question word (what, how, why, who, where, when, which), after fillers such as
  "so" or "and", or when it asks the buyer to tell, describe, explain or walk through
  something; every other question (do, is, can, would...) is closed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from salescoach.core.review.speakers import BUYER, REP, Roles
from salescoach.core.review.transcript import Line, Transcript
from salescoach.core.text.normalise import words

_OPEN_WORDS = frozenset({"what", "how", "why", "who", "where", "when", "which"})
_OPEN_ASKS = (
    ("tell", "me"),
    ("walk", "me", "through"),
    ("talk", "me", "through"),
    ("help", "me", "understand"),
    ("describe",),
    ("explain",),
)
_FILLERS = frozenset(
    {"so", "and", "but", "okay", "ok", "well", "now", "right", "then", "also", "alright"}
    | {"actually", "just", "um", "uh", "oh", "great", "perfect", "sure", "yeah", "yes", "got"}
    | {"it"}
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_CLAUSE = re.compile(r"[,;:–—-]")


@dataclass(frozen=True)
class Turn:
    role: str
    lines: tuple[Line, ...]

    @property
    def start(self) -> float:
        return self.lines[0].start

    @property
    def end(self) -> float:
        return self.lines[-1].end

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Question:
    at: float
    text: str
    open: bool


@dataclass(frozen=True)
class Talk:
    rep_seconds: float
    buyer_seconds: float
    longest_monologue: Turn | None
    longest_buyer_stretch: Turn | None
    questions: tuple[Question, ...]

    @property
    def rep_share(self) -> float:
        total = self.rep_seconds + self.buyer_seconds
        return self.rep_seconds / total if total else 0.0


def turns(transcript: Transcript, roles: Roles) -> list[Turn]:
    grouped: list[list[Line]] = []
    for line in transcript.lines:
        if grouped and roles.of(grouped[-1][-1].speaker) == roles.of(line.speaker):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    return [Turn(roles.of(group[0].speaker), tuple(group)) for group in grouped]


def talk(transcript: Transcript, roles: Roles) -> Talk:
    spoken = {REP: 0.0, BUYER: 0.0}
    for line in transcript.lines:
        spoken[roles.of(line.speaker)] += line.seconds
    all_turns = turns(transcript, roles)
    rep_lines = [line for line in transcript.lines if roles.of(line.speaker) == REP]
    return Talk(
        rep_seconds=spoken[REP],
        buyer_seconds=spoken[BUYER],
        longest_monologue=_longest(all_turns, REP),
        longest_buyer_stretch=_longest(all_turns, BUYER),
        questions=tuple(q for line in rep_lines for q in questions_in(line)),
    )


def _longest(all_turns: Sequence[Turn], role: str) -> Turn | None:
    mine = [t for t in all_turns if t.role == role]
    return max(mine, key=lambda t: t.seconds, default=None)  # the first of equals


def questions_in(line: Line) -> list[Question]:
    return [
        Question(line.start, sentence, is_open(sentence))
        for sentence in _SENTENCE_END.split(line.text)
        if sentence.rstrip().endswith("?")
    ]


def is_open(question: str) -> bool:
    said = words(question)
    for n in range(len(said)):
        if any(tuple(said[n : n + len(ask)]) == ask for ask in _OPEN_ASKS):
            return True
    for clause in _CLAUSE.split(question):
        first = next((w for w in words(clause) if w not in _FILLERS), None)
        if first in _OPEN_WORDS:
            return True
    return False
