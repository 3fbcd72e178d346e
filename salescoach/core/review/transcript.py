"""A call transcript as plain values: timed lines, each said by a named speaker.

Every format (WebVTT, SRT, whisper JSON, plain `Name: text` lines) is read into the same
`Transcript`, checked once here: times run forward without overlaps, every line has a speaker,
and at least two people speak. A fault is a `UsageError` that names the line and says what
would have been accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from salescoach.errors import UsageError

ESTIMATED_WORDS_PER_MINUTE = 150  # plain text has no times: a line lasts as long as said aloud


@dataclass(frozen=True)
class Line:
    """One cue: who said what, from `start` to `end` seconds into the call."""

    number: int  # 1-based position in the file's cues, for messages
    start: float
    end: float
    speaker: str
    text: str

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class RawLine:
    """A cue as a format reader found it; the speaker may still be missing."""

    number: int
    start: float
    end: float
    speaker: str | None
    text: str


@dataclass(frozen=True)
class Transcript:
    format: str  # "vtt", "srt", "whisper_json" or "text"
    lines: tuple[Line, ...]
    timed: bool  # False: times estimated from word counts (plain text)

    @property
    def speakers(self) -> list[str]:
        """Every speaker, in the order they first speak."""
        return list(dict.fromkeys(line.speaker for line in self.lines))

    @property
    def duration(self) -> float:
        return max((line.end for line in self.lines), default=0.0) - self.lines[0].start


def clock(seconds: float) -> str:
    """00:12:05 style, as the transcript formats write times (to the second)."""
    whole = int(seconds + 0.5)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _precise(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{clock(millis // 1000)}.{millis % 1000:03d}"


_UNITS = {"vtt": "cue", "srt": "cue", "whisper_json": "segment", "text": "line"}


def checked(format_: str, raw: list[RawLine], timed: bool) -> Transcript:
    """The lines as a transcript, or a UsageError naming the first fault."""
    unit = _UNITS[format_]
    kept = [r for r in raw if r.text.strip()]
    if not kept:
        raise UsageError("the transcript has no spoken lines")
    previous: RawLine | None = None
    for line in kept:
        if line.end < line.start:
            raise UsageError(
                f"{unit} {line.number} ends before it starts "
                f"({_precise(line.start)} --> {_precise(line.end)})",
                hint="the cue times are reversed; fix or re-export the transcript",
            )
        if previous is not None and line.start < previous.start:
            raise UsageError(
                f"{unit} {line.number} starts at {_precise(line.start)}, before {unit} "
                f"{previous.number} ({_precise(previous.start)}): out of order",
                hint="re-export the transcript with cues in time order",
            )
        if previous is not None and line.start < previous.end:
            raise UsageError(
                f"{unit} {line.number} ({_precise(line.start)}) starts before {unit} "
                f"{previous.number} ends ({_precise(previous.end)}): the times overlap",
                hint="speaking time cannot be shared out over overlapping cues; "
                "re-export the transcript without overlaps",
            )
        previous = line
    nameless = next((r for r in kept if not r.speaker), None)
    if nameless is not None:
        raise UsageError(
            f"{unit} {nameless.number} at {_precise(nameless.start)} has no speaker: "
            f"{_excerpt(nameless.text)!r}",
            hint="a review needs every line's speaker: a <v Name> voice tag or a 'Name:' prefix "
            "(turn on speaker names in the meeting tool's transcript settings)",
        )
    lines = tuple(
        Line(r.number, r.start, r.end, " ".join(str(r.speaker).split()), " ".join(r.text.split()))
        for r in kept
    )
    transcript = Transcript(format_, lines, timed)
    if len(transcript.speakers) < 2:
        raise UsageError(
            f"only one speaker in the transcript ({transcript.speakers[0]})",
            hint="a call review needs the rep and the buyer; check that the tool recorded "
            "every participant's name",
        )
    return transcript


def _excerpt(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
