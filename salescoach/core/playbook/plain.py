"""The compiled playbook in plain form: read-only records, built from the JSON the model
dumped after validating the playbook (`core.playbook.compiled`), with no pydantic behind them.

The walk starts as the call begins, and importing pydantic, building the model and validating
the cached playbook took longer than the rest of its start-up. It reads this form instead:
what the walk reads of a playbook (`core.playbook.parts`) and nothing else, so the training
parts (scenarios, the drill rubric) are left out. A test checks that every field here is the
model's and that a playbook reads back equal to what the model validated.

The records are namespaces, not dataclasses: creating eleven dataclasses (the code each
generates) cost more instructions at import than reading the whole playbook back.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import AnswerValue


class _Record(SimpleNamespace):
    """Attributes given once, as keyword arguments, then read-only."""

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is read-only")


class Condition(_Record):
    question: str | None
    equals: AnswerValue | None
    not_equals: AnswerValue | None
    one_of: tuple[AnswerValue, ...] | None
    answered: bool | None
    all: tuple[Condition, ...] | None
    any: tuple[Condition, ...] | None

    def questions(self) -> list[str]:
        """Every question id this condition reads."""
        names = [self.question] if self.question else []
        for sub in (self.all or ()) + (self.any or ()):
            names += sub.questions()
        return names


class Question(_Record):
    id: str
    text: str
    type: str
    choices: tuple[str, ...] | None
    required: bool
    records_as: str | None
    when: Condition | None
    help: str | None
    default: AnswerValue | None
    not_in_past: bool
    from_objections: str | None

    @property
    def field(self) -> str:
        return self.records_as or self.id


class ExitCriterion(_Record):
    text: str
    when: Condition | None
    applies: Condition | None


class Step(_Record):
    id: str
    title: str
    goal: str
    guidance: tuple[str, ...]
    checklist: tuple[str, ...]
    questions: tuple[Question, ...]
    exit_criteria: tuple[ExitCriterion, ...]
    stale_after_days: int
    likely_objections: tuple[str, ...]


class Response(_Record):
    framework: str
    stages: dict[str, str]


class Objection(_Record):
    id: str
    title: str
    concern: str
    keywords: tuple[str, ...]
    phrasings: tuple[str, ...]
    probing_questions: tuple[str, ...]
    responses: tuple[Response, ...]
    avoid: tuple[str, ...]
    cues: tuple[str, ...]


class Touch(_Record):
    day: int
    channel: str
    title: str
    note: str | None


class Cadence(_Record):
    id: str
    title: str
    outcome: str
    business_days: bool
    stop_on_reply: bool
    touches: tuple[Touch, ...]


class Battlecard(_Record):
    id: str
    name: str
    aliases: tuple[str, ...]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    how_we_win: tuple[str, ...]


class Persona(_Record):
    id: str
    role: str
    cares_about: tuple[str, ...]
    talking_points: tuple[str, ...]


class Playbook(_Record):
    title: str
    description: str
    extends: str | None
    steps: tuple[Step, ...]
    objections: tuple[Objection, ...]
    cadences: tuple[Cadence, ...]
    battlecards: tuple[Battlecard, ...]
    personas: tuple[Persona, ...]
    synonyms: dict[str, tuple[str, ...]]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def objection(self, objection_id: str) -> Objection | None:
        return next((o for o in self.objections if o.id == objection_id), None)

    def questions(self) -> list[tuple[Step, Question]]:
        return [(s, q) for s in self.steps for q in s.questions]


def plain_playbook(data: dict[str, Any]) -> Playbook:
    """The plain form of a playbook the model dumped (`model_dump(mode="json")`); a field
    missing or of the wrong kind raises (KeyError, TypeError, ValueError, AttributeError)."""
    return Playbook(
        title=_text(data["title"]),
        description=_text(data["description"]),
        extends=data["extends"],
        steps=tuple(_step(s) for s in data["steps"]),
        objections=tuple(_objection(o) for o in data["objections"]),
        cadences=tuple(_cadence(c) for c in data["cadences"]),
        battlecards=tuple(_battlecard(b) for b in data["battlecards"]),
        personas=tuple(_persona(p) for p in data["personas"]),
        synonyms={_text(k): _texts(v) for k, v in data["synonyms"].items()},
    )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _texts(values: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in values)


def _value(value: Any) -> AnswerValue | None:
    return list(_texts(value)) if isinstance(value, list) else value


def _answer(value: Any) -> AnswerValue:
    if value is None:
        raise TypeError("no value")
    return list(_texts(value)) if isinstance(value, list) else value


def _condition(data: dict[str, Any] | None) -> Condition | None:
    if data is None:
        return None
    return Condition(
        question=data["question"],
        equals=_value(data["equals"]),
        not_equals=_value(data["not_equals"]),
        one_of=None if data["one_of"] is None else tuple(map(_answer, data["one_of"])),
        answered=data["answered"],
        all=_conditions(data["all"]),
        any=_conditions(data["any"]),
    )


def _conditions(items: list[dict[str, Any]] | None) -> tuple[Condition, ...] | None:
    if items is None:
        return None
    return tuple(c for item in items if (c := _condition(_mapping(item))) is not None)


def _mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise TypeError("not a mapping")
    return value


def _question(data: dict[str, Any]) -> Question:
    return Question(
        id=_text(data["id"]),
        text=_text(data["text"]),
        type=_text(data["type"]),
        choices=None if data["choices"] is None else _texts(data["choices"]),
        required=bool(data["required"]),
        records_as=data["records_as"],
        when=_condition(data["when"]),
        help=data["help"],
        default=_value(data["default"]),
        not_in_past=bool(data["not_in_past"]),
        from_objections=data["from_objections"],
    )


def _step(data: dict[str, Any]) -> Step:
    return Step(
        id=_text(data["id"]),
        title=_text(data["title"]),
        goal=_text(data["goal"]),
        guidance=_texts(data["guidance"]),
        checklist=_texts(data["checklist"]),
        questions=tuple(_question(q) for q in data["questions"]),
        exit_criteria=tuple(
            ExitCriterion(
                text=_text(c["text"]), when=_condition(c["when"]), applies=_condition(c["applies"])
            )
            for c in data["exit_criteria"]
        ),
        stale_after_days=int(data["stale_after_days"]),
        likely_objections=_texts(data["likely_objections"]),
    )


def _objection(data: dict[str, Any]) -> Objection:
    return Objection(
        id=_text(data["id"]),
        title=_text(data["title"]),
        concern=_text(data["concern"]),
        keywords=_texts(data["keywords"]),
        phrasings=_texts(data["phrasings"]),
        probing_questions=_texts(data["probing_questions"]),
        responses=tuple(
            Response(
                framework=_text(r["framework"]),
                stages={_text(k): _text(v) for k, v in r["stages"].items()},
            )
            for r in data["responses"]
        ),
        avoid=_texts(data["avoid"]),
        cues=_texts(data["cues"]),
    )


def _cadence(data: dict[str, Any]) -> Cadence:
    return Cadence(
        id=_text(data["id"]),
        title=_text(data["title"]),
        outcome=_text(data["outcome"]),
        business_days=bool(data["business_days"]),
        stop_on_reply=bool(data["stop_on_reply"]),
        touches=tuple(
            Touch(
                day=int(t["day"]),
                channel=_text(t["channel"]),
                title=_text(t["title"]),
                note=t["note"],
            )
            for t in data["touches"]
        ),
    )


def _battlecard(data: dict[str, Any]) -> Battlecard:
    return Battlecard(
        id=_text(data["id"]),
        name=_text(data["name"]),
        aliases=_texts(data["aliases"]),
        strengths=_texts(data["strengths"]),
        weaknesses=_texts(data["weaknesses"]),
        how_we_win=_texts(data["how_we_win"]),
    )


def _persona(data: dict[str, Any]) -> Persona:
    return Persona(
        id=_text(data["id"]),
        role=_text(data["role"]),
        cares_about=_texts(data["cares_about"]),
        talking_points=_texts(data["talking_points"]),
    )
