"""Running drills: the rounds of a session, with answers taken from a `Coach`.

A `Coach` asks for answers and shows feedback; the terminal one prompts with questionary, the
scripted one reads an answers file. This module only decides what is asked, checks it and
collects the results into a `Session`, which the store then saves as training history and
review (Leitner) updates, in one transaction. Nothing here writes to the interaction log.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from salescoach.core.playbook.model import Playbook, Response, Scenario
from salescoach.core.training.drills import (
    ObjectionItem,
    RubricScore,
    draw_objection_items,
    find_objection,
    model_response,
    require_rubric,
    score_response,
)
from salescoach.core.training.leitner import Attempt, ReviewState
from salescoach.core.training.quiz import QuizQuestion, QuizResult, question_for, read_answer
from salescoach.core.training.scenario import ScenarioRun, TurnResult, find_scenario, read_reply
from salescoach.errors import SalescoachError

if TYPE_CHECKING:
    from salescoach.core.training.shapes import (
        ItemDetail,
        ItemRecord,
        ObjectionDrillDetail,
        SessionRecord,
    )

DRILLS = ("objections", "steps", "scenario")


class Coach(Protocol):
    """Asks the rep and shows them how it went. Raises MissingAnswersError when it cannot ask."""

    def objection_response(self, number: int, total: int, item: ObjectionItem) -> str: ...

    def objection_feedback(
        self, item: ObjectionItem, score: RubricScore, model: Response
    ) -> None: ...

    def quiz_answer(self, number: int, total: int, question: QuizQuestion) -> Any: ...

    def quiz_feedback(self, result: QuizResult) -> None: ...

    def scenario_start(self, scenario: Scenario, persona: str | None) -> None: ...

    def scenario_reply(self, run: ScenarioRun) -> Any: ...

    def scenario_feedback(self, result: TurnResult) -> None: ...

    def scenario_debrief(self, run: ScenarioRun) -> None: ...


@dataclass(frozen=True)
class ItemResult:
    drill: str
    item: str
    score: float
    max_score: float
    passed: bool
    detail: ItemDetail

    def to_dict(self) -> ItemRecord:
        return {
            "drill": self.drill,
            "item": self.item,
            "score": self.score,
            "max_score": self.max_score,
            "passed": self.passed,
            "detail": self.detail,
        }


@dataclass
class Session:
    """What one `train` run practised, in order; complete items only."""

    seed: int | None
    results: list[ItemResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def attempts(self) -> list[Attempt]:
        return [Attempt(r.item, r.drill, r.passed) for r in self.results]

    @property
    def score(self) -> float:
        return sum(r.score for r in self.results)

    @property
    def max_score(self) -> float:
        return sum(r.max_score for r in self.results)

    def to_dict(self) -> SessionRecord:
        return {
            "seed": self.seed,
            "score": self.score,
            "max_score": self.max_score,
            "items": [r.to_dict() for r in self.results],
            "skipped": self.skipped,
        }


def run_objections(
    playbook: Playbook, items: Sequence[ObjectionItem], coach: Coach, session: Session
) -> None:
    rubric = require_rubric(playbook)
    for number, item in enumerate(items, 1):
        text = coach.objection_response(number, len(items), item)
        score = score_response(text, rubric, find_objection(playbook, item.family))
        model = model_response(playbook, item)
        coach.objection_feedback(item, score, model)
        detail: ObjectionDrillDetail = {
            "family": item.family,
            "buyer_says": item.buyer_says,
            "source": item.source,
            "response": text,
            "model_framework": model.framework,
            **score.to_dict(),
        }
        session.results.append(
            ItemResult("objections", item.key, score.score, score.max_score, score.passed, detail)
        )


def run_quiz(
    playbook: Playbook, questions: Sequence[QuizQuestion], coach: Coach, session: Session
) -> None:
    for number, question in enumerate(questions, 1):
        raw = coach.quiz_answer(number, len(questions), question)
        result = QuizResult(question, read_answer(question, raw, playbook))
        coach.quiz_feedback(result)
        session.results.append(
            ItemResult(
                "steps",
                question.key,
                result.score,
                result.max_score,
                result.passed,
                result.to_dict(),
            )
        )


def run_scenario(
    playbook: Playbook, scenario: Scenario, rng: random.Random, coach: Coach, session: Session
) -> ScenarioRun:
    persona = next((p.role for p in playbook.personas if p.id == scenario.persona), None)
    coach.scenario_start(scenario, persona)
    run = ScenarioRun(scenario, rng)
    while not run.finished:
        index = read_reply(run, coach.scenario_reply(run))
        coach.scenario_feedback(run.choose(index))
    coach.scenario_debrief(run)
    session.results.append(
        ItemResult(
            "scenario",
            f"scenario:{scenario.id}",
            run.score,
            run.max_score,
            run.passed,
            run.debrief(),
        )
    )
    return run


@dataclass
class ReviewPlan:
    """Today's due items turned into rounds of each drill."""

    objections: list[ObjectionItem] = field(default_factory=list)
    questions: list[QuizQuestion] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # due items this playbook no longer has

    @property
    def empty(self) -> bool:
        return not (self.objections or self.questions or self.scenarios)


def plan_review(
    playbook: Playbook,
    due: Sequence[ReviewState],
    rng: random.Random,
    call_words: Mapping[str, str] | None = None,
) -> ReviewPlan:
    """Rounds for the due items; an objection item with `call_words` (what a buyer said on
    a reviewed call) is drilled in those words instead of a playbook phrasing."""
    plan = ReviewPlan()
    for state in due:
        drill, _, rest = state.item.partition(":")
        try:
            if drill == "objections":
                drawn = draw_objection_items(playbook, rng, 1, [rest])
                said = (call_words or {}).get(state.item)
                if said is not None:
                    drawn = [replace(item, buyer_says=said, source="call") for item in drawn]
                plan.objections += drawn
            elif drill == "steps":
                plan.questions.append(question_for(playbook, state.item, rng))
            elif drill == "scenario":
                plan.scenarios.append(find_scenario(playbook, rest))
            else:
                plan.skipped.append(state.item)
        except SalescoachError:  # the playbook no longer has it (edited, or another playbook)
            plan.skipped.append(state.item)
    return plan


def run_review(
    playbook: Playbook, plan: ReviewPlan, rng: random.Random, coach: Coach, session: Session
) -> None:
    session.skipped += plan.skipped
    if plan.objections:
        run_objections(playbook, plan.objections, coach, session)
    if plan.questions:
        run_quiz(playbook, plan.questions, coach, session)
    for scenario in plan.scenarios:
        run_scenario(playbook, scenario, rng, coach, session)
