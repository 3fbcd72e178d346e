"""Did the call end on an agreed next step: a meeting, on a day?

The proposal is the last line (either side's) that names both a meeting (a call, demo,
meeting, invite, session, review, signing...) and a day or time (Thursday, tomorrow, next
week, the 14th, March 3, 2pm, 10:30). It is agreed when the buyer made it, or when the
buyer's next line says yes to it ("yes", "works", "sounds good", "perfect", "see you"...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from salescoach.core.review.speakers import BUYER
from salescoach.core.review.transcript import Line

_DAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
    r"next week|this week|end of (?:the )?(?:day|week|month)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?::\d{2})? ?(?:am|pm)\b|\b\d{1,2}:\d{2}\b|"
    r"\b\d{4}-\d{2}-\d{2}\b"
)
_WHEN = re.compile(rf"(?i)\b(?:{_DAYS})")
_MEETING = re.compile(
    r"(?i)\b(?:call|meeting|meet|demo|invite|calendar|session|review|workshop|walkthrough|"
    r"kick-?off|catch up|follow-up|book(?:ed)?|schedule[d]?|slot|sign)\b"
)
_YES = re.compile(
    r"(?i)\b(?:yes|yeah|yep|sure|works|that works|sounds good|sounds great|perfect|great|"
    r"deal|done|booked|see you|looking forward|fine|ok|okay|let's do it)\b"
)


@dataclass(frozen=True)
class NextStep:
    line: Line
    when: str  # the words that named the day or time
    agreed: bool


def next_step(lines: Sequence[Line], role_of: Callable[[str], str]) -> NextStep | None:
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        when = _WHEN.search(line.text)
        if when is None or _MEETING.search(line.text) is None:
            continue
        if role_of(line.speaker) == BUYER:
            return NextStep(line, when.group(), True)
        answer = next((x for x in lines[index + 1 :] if role_of(x.speaker) == BUYER), None)
        agreed = answer is not None and _YES.search(answer.text) is not None
        return NextStep(line, when.group(), agreed)
    return None
