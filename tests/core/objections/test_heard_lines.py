"""A line heard in a call (`review`, `listen`) gets a card only when it reads like pushback
(core/objections/heard.py); a line typed into `salescoach objection` keeps the matcher's word.

The bar on tests/data/everyday_heldout.yaml is on a set the decline words were never tuned on.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from salescoach.core.objections.heard import in_conversation
from salescoach.core.objections.matcher import CONFIDENT, Matcher, MatchResult
from tests.core.objections.test_objection_eval import (
    SHIPPED,
    fresh,
    labelled,
    negatives,
    shipped,
)
from tests.support.objection_evaluation import evaluate, fresh_half, split_labelled
from tests.support.paths import DATA

# Measured when the stricter reading was written (b2b-saas / field-sales / services): the
# held-out everyday lines declined 80 / 82 / 83% (61 / 59 / 64% as typed); the labelled
# set's held-out half confident and right 77 / 80 / 75% (80 / 83 / 79% as typed).
HELDOUT_DECLINED_BAR = 0.75
KEPT_AND_RIGHT_BAR = 0.72


@cache
def matcher(name: str) -> Matcher:
    return Matcher.build(shipped(name))


def heard(name: str, text: str, *, answering: bool = False) -> MatchResult:
    return in_conversation(matcher(name).rank(text), answering=answering)


@cache
def everyday_heldout() -> list[str]:
    data: dict[str, list[str]] = yaml.safe_load((DATA / "everyday_heldout.yaml").read_text())
    return [t for lines in data.values() for t in lines]


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, forty dollars a seat is more than we budgeted for.",
        "My worry is the rollout, our IT team is stretched.",
        "I'd rather you just send me a one-pager.",
        "How do I know my data is safe on your servers?",
        "I'll have to present it to the leadership team before we can move.",
    ],
)
def test_pushback_keeps_its_card(text: str) -> None:
    typed = matcher("b2b-saas").rank(text)
    assert typed.confident
    assert heard("b2b-saas", text) == typed
    assert heard("b2b-saas", text, answering=True) == typed


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, let's go with the second option.",  # agrees
        "Yes, send it Friday and we'll sign next week.",
        "The team loved the demo last week, by the way.",  # praises
        "Yes, Thursday at two works. I'll send Grace the invite.",  # the buyer's own offer
        "How many approval levels can a workflow have?",  # a question about the product
    ],
)
def test_agreement_praise_offers_and_product_questions_get_no_card(text: str) -> None:
    for name in SHIPPED:
        result = heard(name, text)
        assert not result.confident, (name, result.matches[:2])
        assert result.best is None


def test_a_request_for_material_asked_as_a_question_keeps_its_card() -> None:
    assert heard("b2b-saas", "can you send me the specs").best is not None
    assert heard("b2b-saas", "Do you have a one-pager you can send over?").best is not None


def test_the_answer_to_the_reps_question_gets_no_card_unless_it_pushes_back() -> None:
    answer = "Grace, our controller, signs off on anything over ten thousand."
    assert matcher("b2b-saas").rank(answer).confident  # typed, it is an authority objection
    assert not heard("b2b-saas", answer, answering=True).confident
    pushback = "The number. Sixty thousand a year is a lot more than we planned."
    assert heard("b2b-saas", pushback, answering=True).best is not None


def test_a_declined_line_keeps_its_order_below_the_threshold() -> None:
    text = "How many approval levels can a workflow have?"
    typed = matcher("b2b-saas").rank(text)
    result = heard("b2b-saas", text)
    assert [m.id for m in result.matches] == [m.id for m in typed.matches]
    assert result.matches[0].score < CONFIDENT
    assert result.battlecards == typed.battlecards and result.query == text


def test_the_heldout_everyday_lines_are_new() -> None:
    lines = everyday_heldout()
    assert len(lines) >= 70
    every = [t for v in labelled().values() for t in v] + negatives()
    for file in ("fresh_objections.yaml", "everyday_lines.yaml"):
        every += [t for halves in fresh(file).values() for ts in halves.values() for t in ts]
    assert set(lines).isdisjoint(every)
    assert len(set(lines)) == len(lines)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_call_declines_the_heldout_everyday_lines_and_keeps_the_objections(name: str) -> None:
    def rank(text: str) -> MatchResult:
        return heard(name, text)

    everyday = evaluate(matcher(name), {}, everyday_heldout(), rank=rank)
    assert everyday.rejected_rate >= HELDOUT_DECLINED_BAR, everyday.confident_negatives
    held_out = split_labelled(labelled(), "test")
    objections = evaluate(matcher(name), held_out, rank=rank)
    kept_and_right = sum(
        1
        for family, texts in held_out.items()
        for text in texts
        if (best := rank(text).best) is not None and best.id == family
    )
    assert kept_and_right / objections.total >= KEPT_AND_RIGHT_BAR
    # Reading a line of a call changes which lines get a card, never the order of the families.
    typed = evaluate(matcher(name), held_out)
    assert objections.top1 == typed.top1


def test_the_fresh_halves_are_read_the_same_way() -> None:
    # The development half of the fresh objections, as a call reads it, keeps its top-1.
    dev = fresh_half(fresh("fresh_objections.yaml"), "dev")
    typed = evaluate(matcher("b2b-saas"), dev)
    read = evaluate(matcher("b2b-saas"), dev, rank=lambda t: heard("b2b-saas", t))
    assert read.top1 == typed.top1 and read.kept <= typed.kept
