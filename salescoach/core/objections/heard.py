"""The stricter reading of a line heard in a call (`review`, `listen`), before a card is shown.

A rep who types a line into `salescoach objection` has already decided it is an objection; a
line of a transcript has not been chosen by anyone, and most buyer lines in a call are small
talk, logistics, agreement, answers and questions about the product. There a false card costs
more than a missed one, so a confident match is kept only when the line reads like pushback:

- a line with a **stance** (a negation, a contrast, a worry, a "too", "rather", "already",
  "have to", "more than", a challenge like "how do I know") keeps the matcher's decision;
- otherwise it is declined when it **agrees** (opens with "yes", "agreed", "sounds good"...),
  **praises** ("loved", "great", "helpful"), is the **buyer's own offer** ("I'll send Grace
  the invite") or is a **question** scoring under `QUESTION_SCORE` ("How many approval levels
  can a workflow have?"); a request for material scores higher than that and is kept;
- and, in a call, when it is the buyer's **answer to the rep's question** (the first line after
  a rep line ending in "?"): "Grace, our controller, signs off on anything over ten thousand"
  answers "Who else is involved?", it does not push back.

The words were chosen on the development halves of the labelled and fresh sets and of the
everyday lines; README ("How the matcher works") has the figures on the held-out halves, a
held-out set of everyday lines and the fixture calls. Pure: it reads the text and the scores.
"""

from __future__ import annotations

import re

from salescoach.core.objections.matcher import MatchResult, declined
from salescoach.core.text.normalise import words


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


QUESTION_SCORE = 0.5  # a question without a stance needs this score to keep its card
STANCE = _set(
    """not no never nothing nobody none neither nor without cannot but though although however
    unless except instead rather already even why too enough worry worried worries worrying
    concern concerned concerns problem problems issue issues risk risky afraid nervous doubt
    doubts sceptical skeptical hesitant unsure hard harder difficult tough struggle struggling
    fear scared wary careful burned burnt hate mess complicated expensive pricey costly steep
    overpriced unfortunately frankly honest honestly catch"""
)
CHALLENGES = (
    "have to",
    "how do i know",
    "how do we know",
    "how can i be sure",
    "prove",
    "more than",
    "higher than",
    "above what",
    "beyond",
)
AGREEING = _set(
    "yes yeah yep yup sure agreed great perfect fine okay ok right absolutely definitely lovely "
    "brilliant cool excellent exactly"
)
AGREEING_OPENERS = ("of course", "sounds good", "that works", "that could", "happy to")
PRAISE = _set(
    "love loved loves like liked likes enjoy enjoyed good great nice lovely glad happy excited "
    "helpful perfect brilliant impressed"
)
OFFERS = tuple(
    f"{who} will {verb}"
    for who in ("i", "we")
    for verb in ("send", "share", "forward", "ask", "book", "bring", "be", "get", "put", "check")
)


def in_conversation(result: MatchResult, *, answering: bool = False) -> MatchResult:
    """`result` as `review` and `listen` read it: declined (scores scaled down, same order)
    when the matcher is confident but the line does not read like pushback; `answering`: the
    line answers a question the rep just asked."""
    if not result.confident or _pushes_back(result.query, result.matches[0].score, answering):
        return result
    return MatchResult(result.query, declined(result.matches), False, result.battlecards)


def _pushes_back(text: str, score: float, answering: bool) -> bool:
    tokens = words(text)
    joined = " ".join(tokens)
    if any(t in STANCE for t in tokens) or any(c in joined for c in CHALLENGES):
        return True
    if answering:
        return False
    opening = " ".join(tokens[:2])
    if tokens and (tokens[0] in AGREEING or opening in AGREEING_OPENERS):
        return False
    if any(t in PRAISE for t in tokens):
        return False
    if any(clause.startswith(OFFERS) for clause in _clauses(text)):
        return False
    return not (text.rstrip().endswith("?") and score < QUESTION_SCORE)


def _clauses(text: str) -> list[str]:
    """The normalised words of each clause (split at commas and sentence ends), joined."""
    return [" ".join(words(part)) for part in re.split(r"[,.;:!?]", text) if part.strip()]
