"""The three things to practise after a call, picked from its scorecard by fixed rules.

Candidates, in this order of weight, and the first three that apply are kept:
1. the objection handled worst, if any was left unresolved (what the reply missed, the drill);
2. the rep talked more than `TALK_LIMIT` of the time;
3. a monologue longer than `MONOLOGUE_LIMIT` seconds;
4. fewer open questions than closed ones (or no questions at all);
5. no next step agreed;
6. the other unresolved objections, weakest reply first;
7. a resolved objection whose reply still missed a stage of the rubric.
So one weak objection cannot crowd out a habit that spoils every call.
"""

from __future__ import annotations

from collections.abc import Sequence

from salescoach.core.review.call_objections import Raised
from salescoach.core.review.next_step import NextStep
from salescoach.core.review.scorecard_types import PractiseData
from salescoach.core.review.talk import Talk
from salescoach.core.review.transcript import clock

TALK_LIMIT = 0.6
MONOLOGUE_LIMIT = 150.0
KEPT = 3


def practise_next(
    raised: Sequence[Raised], talk: Talk, step: NextStep | None
) -> list[PractiseData]:
    by_weakness = sorted(raised, key=lambda r: (r.score.share if r.score else 0.0, r.line.start))
    unresolved = [_objection(r) for r in by_weakness if r.result != "resolved"]
    picks = unresolved[:1]
    if talk.rep_share > TALK_LIMIT:
        picks.append(
            _pick(
                "Talk less, listen more",
                f"you spoke {talk.rep_share:.0%} of the time; aim for under {TALK_LIMIT:.0%}: "
                "ask, then let the buyer answer",
            )
        )
    longest = talk.longest_monologue
    if longest is not None and longest.seconds > MONOLOGUE_LIMIT:
        picks.append(
            _pick(
                "Shorter monologues",
                f"you spoke for {_minutes(longest.seconds)} without a break at "
                f"{clock(longest.start)}; check in with a question every two minutes or so",
            )
        )
    opened = sum(q.open for q in talk.questions)
    closed = len(talk.questions) - opened
    if not talk.questions or opened < closed:
        picks.append(
            _pick(
                "Ask open questions",
                f"{opened} of your {len(talk.questions)} questions were open; start with what, "
                "how or why so the buyer tells you more than yes or no",
            )
        )
    if step is None or not step.agreed:
        picks.append(
            _pick(
                "Close on a dated next step",
                "no meeting on a day was agreed"
                if step is None
                else "the buyer did not say yes "
                f"to the next step proposed at {clock(step.line.start)}",
                "salescoach train steps",
            )
        )
    picks += unresolved[1:]
    picks += [_objection(r) for r in raised if r.result == "resolved" and _missed(r)]
    return picks[:KEPT]


def _objection(raised: Raised) -> PractiseData:
    at = clock(raised.line.start)
    if raised.score is None:
        why = f"the buyer raised it at {at} and the call moved on without a reply"
    else:
        missed = _missed(raised)
        why = f"your reply at {at} missed " + (", ".join(missed) if missed else "nothing")
        if raised.came_back:
            why += f"; the buyer came back to it at {clock(raised.came_back[0].start)}"
    return _pick(
        f"Handle '{raised.title}'", why, f"salescoach train objections --family {raised.family}"
    )


def _missed(raised: Raised) -> list[str]:
    if raised.score is None:
        return []
    return [s.stage for s in raised.score.stages if s.checkable and not s.points]


def _pick(what: str, why: str, command: str | None = None) -> PractiseData:
    return {"what": what, "why": why, "command": command}


def _minutes(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"
