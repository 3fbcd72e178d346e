"""What a reviewed call writes: one note on the lead's timeline, one objection row per
objection raised, and a drill item for each objection the rep did not resolve.

The note and the rows carry the transcript's content hash (`review_sha256` in their detail),
which is how the same file is refused a second time on the same lead. The drill items are
ordinary `objections:FAMILY` training attempts whose `source` is `call` and whose
`buyer_says` is what the buyer said: the review schedule brings the family back tomorrow, in
the buyer's own words, until the rep answers them well. The review is not itself a contact
with the buyer (no channel): the call is logged by the walk or `salescoach log`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from salescoach.core.kernel.records import Lead, NewInteraction
from salescoach.core.review.call_objections import Raised
from salescoach.core.review.scorecard import Review
from salescoach.core.review.transcript import clock
from salescoach.core.training.practice import ItemResult, Session

if TYPE_CHECKING:
    from salescoach.core.training.shapes import CallDrillDetail, CallReplyDetail

CALL_SOURCE = "call"
HASH_KEY = "review_sha256"


def review_note(review: Review, lead: Lead, at: datetime, file: str, sha256: str) -> NewInteraction:
    talk = review.talk
    opened = sum(q.open for q in talk.questions)
    handled = ", ".join(f"{r.family} {r.result.replace('_', ' ')}" for r in review.raised)
    step = review.next_step
    agreed = f"next step agreed ({step.when})" if step and step.agreed else "no next step agreed"
    text = (
        f"Call review of {file}: rep talked {talk.rep_share:.0%}, {len(talk.questions)} questions "
        f"({opened} open), {len(review.raised)} objections"
        + (f" ({handled})" if handled else "")
        + f", {agreed}"
    )
    return NewInteraction(
        lead_id=lead.id,
        at=at,
        kind="note",
        step=lead.step,
        text=text,
        duration_minutes=max(1, round(review.transcript.duration / 60)),
        detail={
            HASH_KEY: sha256,
            "file": file,
            "format": review.transcript.format,
            "rep_share": round(talk.rep_share, 4),
            "questions": len(talk.questions),
            "open_questions": opened,
            "objections": len(review.raised),
            "competitors": [c.id for c in review.competitors],
            "next_step_agreed": bool(step and step.agreed),
        },
    )


def objection_rows(review: Review, lead: Lead, at: datetime, sha256: str) -> list[NewInteraction]:
    return [
        NewInteraction(
            lead_id=lead.id,
            at=at,
            kind="objection",
            step=lead.step,
            text=raised.line.text,
            objection=raised.family,
            result=raised.result,
            detail={HASH_KEY: sha256, **_reply_detail(raised)},
        )
        for raised in review.raised
    ]


def drill_session(review: Review, lead: Lead, sha256: str) -> Session:
    """The unresolved objections as training attempts that failed (box 1, due tomorrow)."""
    session = Session(seed=None)
    for raised in review.raised:
        if raised.result == "resolved":
            continue
        score = raised.score
        reply = _reply_detail(raised)
        detail: CallDrillDetail = {
            "family": raised.family,
            "buyer_says": raised.line.text,
            "source": "call",  # CALL_SOURCE
            "lead_id": lead.id,
            "review_sha256": sha256,  # HASH_KEY
            "call_time": reply["call_time"],
            "response": reply["response"],
            "came_back_at": reply["came_back_at"],
        }
        if score is not None:
            scored = score.to_dict()
            detail["score"] = scored["score"]
            detail["max_score"] = scored["max_score"]
            detail["share"] = scored["share"]
            detail["stages"] = scored["stages"]
        session.results.append(
            ItemResult(
                drill="objections",
                item=f"objections:{raised.family}",
                score=score.score if score else 0,
                max_score=score.max_score if score else 0,
                passed=False,
                detail=detail,
            )
        )
    return session


def _reply_detail(raised: Raised) -> CallReplyDetail:
    return {
        "call_time": clock(raised.line.start),
        "response": raised.reply_text,
        "came_back_at": [clock(line.start) for line in raised.came_back],
    }
