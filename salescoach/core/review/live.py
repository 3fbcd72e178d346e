"""Following a call as its transcript arrives, line by line (`salescoach listen`).

Each line is a `Name: text` line or a WebVTT cue's text as a streaming speech-to-text tool
writes it; the cue structure around it (the WEBVTT header, cue numbers, timing lines, notes)
is skipped, and a line without a name continues the last speaker's. A line from the buyer's
side goes through the objection matcher, read as a line of a call (`objections.heard`: a card
only for pushback, not for the answer to the rep's question); the `Listener` says what it
raised and which competitors it named, and keeps the tally for the summary. Pure: no
terminal, no clock.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from salescoach.core.objections.heard import in_conversation
from salescoach.core.objections.matcher import MatchResult
from salescoach.core.review.formats import speaker_and_text
from salescoach.core.review.source import clean
from salescoach.core.review.speakers import find_speaker
from salescoach.errors import UsageError

MATCH_CHARS = 2_000  # a line longer than a breath is cut before matching (it stays fast)
_STRUCTURE = re.compile(
    r"^(?:WEBVTT\b.*|NOTE\b.*|STYLE|REGION|\d+|[0-9:.,]+\s*-->.*|[\w-]+/\d+-\d+)$"
)


@dataclass(frozen=True)
class Heard:
    speaker: str
    text: str
    buyer: bool
    family: str | None = None  # the objection the matcher is confident about
    cards: tuple[str, ...] = ()  # battlecard ids the line names


@dataclass
class Tally:
    lines: int = 0
    buyer_lines: int = 0
    objections: Counter[str] = field(default_factory=Counter)
    competitors: Counter[str] = field(default_factory=Counter)


class Listener:
    def __init__(
        self,
        rank: Callable[[str], MatchResult],
        rep_names: Sequence[str] = (),
        contact: str | None = None,
    ) -> None:
        if not rep_names and not contact:
            raise UsageError(
                "listen needs to know who the rep is",
                hint="give --rep-speaker NAME (your name as the transcript writes it), "
                "or --lead LEAD whose contact is the buyer",
            )
        self.rank = rank
        self.rep_names = list(rep_names)
        self.contact = contact
        self.tally = Tally()
        self._last_speaker: str | None = None
        self._asked = False  # the rep's last line was a question the next buyer line answers

    def is_buyer(self, speaker: str) -> bool:
        if self.rep_names:
            return all(find_speaker(name, [speaker]) is None for name in self.rep_names)
        return find_speaker(self.contact or "", [speaker]) is not None

    def hear(self, line: str) -> Heard | None:
        """What one line of the transcript said; None for structure and blank lines."""
        flat = " ".join(clean(line).split())
        if not flat or _STRUCTURE.match(flat):
            return None
        speaker, text = speaker_and_text(flat)
        speaker = speaker or self._last_speaker
        if speaker is None or not text:
            return None
        self._last_speaker = speaker
        self.tally.lines += 1
        if not self.is_buyer(speaker):
            self._asked = text.rstrip().endswith("?")
            return Heard(speaker, text, buyer=False)
        self.tally.buyer_lines += 1
        result = in_conversation(self.rank(text[:MATCH_CHARS]), answering=self._asked)
        self._asked = False
        best = result.best
        if best is not None:
            self.tally.objections[best.id] += 1
        self.tally.competitors.update(result.battlecards)
        return Heard(speaker, text, True, best.id if best else None, tuple(result.battlecards))
