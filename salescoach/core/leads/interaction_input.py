"""Turning what a rep types into `log` into one checked interaction record."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from salescoach.core.kernel.records import (
    OBJECTION_RESULTS,
    InteractionKind,
    Lead,
    NewInteraction,
    parse_channel,
)
from salescoach.core.kernel.safe_text import check_text
from salescoach.core.kernel.when import parse_moment
from salescoach.errors import UsageError

MAX_TEXT = 20_000
_SLUG = re.compile(r"^[a-z][a-z0-9_-]*$")
# A clock a few minutes fast on another machine is not "the future".
FUTURE_SLACK = timedelta(minutes=5)


def _free_text(label: str, value: str | None, *, multiline: bool) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise UsageError(f"the {label} is {len(text)} characters long; at most {MAX_TEXT} fit")
    return check_text(label, text, multiline=multiline) or None


def reply_outcome(outcome: str | None) -> str:
    """The outcome a `--reply` records: replies are recognised by this exact result."""
    from salescoach.core.planning.tasks import REPLY_RESULT

    if outcome not in (None, REPLY_RESULT):
        raise UsageError("--reply records the outcome 'replied'", hint="put other words in --note")
    return REPLY_RESULT


def build_interaction(
    lead: Lead,
    *,
    now: datetime,
    step: str | None = None,
    channel: str | None = None,
    outcome: str | None = None,
    note: str | None = None,
    objection: str | None = None,
    result: str | None = None,
    duration: int | None = None,
    at: str | None = None,
    session_id: int | None = None,
) -> NewInteraction:
    """A `NewInteraction` for `lead`. The kind follows from what is given: an objection,
    else an outcome, else a note. Without a channel it is a note to self, not a contact."""
    channel = parse_channel(channel)
    if result is not None and objection is None:
        raise UsageError("--result goes with --objection (how the objection went)")
    if objection is not None:
        objection = objection.strip().lower()
        if not _SLUG.match(objection):
            raise UsageError(f"{objection!r} is not an objection id", hint="e.g. price, timing")
    if result is not None and result not in OBJECTION_RESULTS:
        raise UsageError(f"unknown result {result!r}", hint="use " + ", ".join(OBJECTION_RESULTS))
    if duration is not None and not 0 <= duration <= 24 * 60:
        raise UsageError("the duration is in minutes, from 0 to 1440")
    note_text = _free_text("note", note, multiline=True)
    outcome_text = _free_text("outcome", outcome, multiline=False)
    if not (note_text or outcome_text or objection or channel):
        raise UsageError("nothing to log", hint="give --channel, --note, --outcome or --objection")
    moment = parse_moment(at, now) if at else now.replace(microsecond=0)
    if moment > now + FUTURE_SLACK:
        raise UsageError(
            f"{moment:%Y-%m-%d %H:%M} is in the future; log what has happened",
            hint="plan what comes next with a follow-up task",
        )
    kind: InteractionKind = "objection" if objection else ("outcome" if outcome_text else "note")
    return NewInteraction(
        lead_id=lead.id,
        at=moment,
        kind=kind,
        step=step or lead.step,
        channel=channel,
        text=note_text,
        objection=objection,
        result=result if objection else outcome_text,
        duration_minutes=duration,
        detail={"outcome": outcome_text} if objection and outcome_text else None,
        session_id=session_id,
    )
