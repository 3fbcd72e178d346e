"""The playbook model: what one YAML playbook may say, checked field by field.

The same model produces the published JSON Schema (`salescoach playbook schema`), so the editor's
schema and the validator can never disagree. Cross-references (a condition naming a question, a
scenario turn pointing at another) are checked after the fields, in `cross_check`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from salescoach.core.kernel.records import Channel
from salescoach.core.kernel.steps import STEP_IDS

OBJECTION_IDS: tuple[str, ...] = (
    "price",
    "timing",
    "authority",
    "need",
    "competitor",
    "status_quo",
    "trust",
    "contract",
    "send_info",
    "implementation",
)
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
QuestionType = Literal["text", "choice", "multichoice", "yesno", "number", "date"]
Temperature = Literal["cold", "warm", "qualified"]
Outcome = Literal["next_step", "won", "lost", "no_decision"]
AnswerValue = bool | int | float | str | list[str]
FromObjections = Literal["words", "resolved"]
FROM_OBJECTIONS_TYPES = {"words": "text", "resolved": "yesno"}


class _Strict(BaseModel):
    # defer_build: the validators are built at the first validation, not at import; a walk
    # whose playbook comes from the compiled cache validates nothing (~40% of the import).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Condition(_Strict):
    """When a question is asked or a criterion counts as met: a small, safe form, never code.

    Exactly one test per condition: `equals`, `not_equals`, `one_of` or `answered`; combine
    conditions with `all` / `any`.
    """

    question: Slug | None = None
    equals: AnswerValue | None = None
    not_equals: AnswerValue | None = None
    one_of: list[AnswerValue] | None = None
    answered: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [
            t
            for t in ("equals", "not_equals", "one_of", "answered")
            if getattr(self, t) is not None
        ]
        groups = [g for g in ("all", "any") if getattr(self, g) is not None]
        if groups and (tests or self.question):
            raise ValueError("use either `all`/`any` or `question` with one test, not both")
        if not groups and (self.question is None or len(tests) != 1):
            raise ValueError(
                "a condition names a `question` and exactly one of "
                "`equals`, `not_equals`, `one_of`, `answered` (or groups them with `all`/`any`)"
            )
        return self

    def questions(self) -> list[str]:
        """Every question id this condition reads."""
        names = [self.question] if self.question else []
        for sub in (self.all or []) + (self.any or []):
            names += sub.questions()
        return names


class Question(_Strict):
    id: Slug
    text: Text
    type: QuestionType = "text"
    choices: list[Text] | None = None
    required: bool = False
    records_as: Slug | None = Field(
        default=None, description="The lead field the answer is kept under (default: the id)."
    )
    when: Condition | None = None
    help: str | None = None
    default: AnswerValue | None = None
    not_in_past: bool = Field(
        default=False,
        description="A date answer may not be before today (an agreed next step, a demo).",
    )
    from_objections: FromObjections | None = Field(
        default=None,
        description="Answered from the objections the walk logged in this step, when there "
        "are any, instead of asked again: `words` (a text question) takes the buyer's words, "
        "`resolved` (a yesno question) is yes when every one of them was resolved.",
    )

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Question:
        if self.type in ("choice", "multichoice") and not self.choices:
            raise ValueError(f"a {self.type} question needs a non-empty `choices` list")
        if self.type not in ("choice", "multichoice") and self.choices:
            raise ValueError(f"`choices` only goes with choice or multichoice, not {self.type}")
        wanted = FROM_OBJECTIONS_TYPES.get(self.from_objections or "")
        if wanted is not None and self.type != wanted:
            raise ValueError(f"`from_objections: {self.from_objections}` needs a {wanted} question")
        return self

    @property
    def field(self) -> str:
        return self.records_as or self.id


class ExitCriterion(_Strict):
    text: Text
    when: Condition | None = Field(
        default=None,
        description="Met automatically when this holds; without it the rep confirms it.",
    )
    applies: Condition | None = Field(
        default=None,
        description="The criterion counts only when this holds (e.g. a won deal); otherwise "
        "it is shown as not applicable, neither met nor missed.",
    )


class Step(_Strict):
    id: Literal[STEP_IDS]  # type: ignore[valid-type]
    title: Text
    goal: Text
    guidance: list[Text] = Field(min_length=1)
    checklist: list[Text] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    exit_criteria: list[ExitCriterion] = Field(default_factory=list)
    stale_after_days: int = Field(
        default=14, ge=1, le=3650, description="A deal idle this long is stale."
    )
    likely_objections: list[Slug] = Field(default_factory=list)


class Response(_Strict):
    framework: Text = Field(description="The named framework, e.g. LAER or feel-felt-found.")
    stages: dict[Slug, Text] = Field(
        min_length=1, description="Stage name -> what to say, in order."
    )


class Objection(_Strict):
    id: Slug
    title: Text
    concern: Text = Field(description="The worry underneath what the buyer says.")
    keywords: list[Text] = Field(default_factory=list)
    phrasings: list[Text] = Field(min_length=1, description="Things buyers say.")
    probing_questions: list[Text] = Field(min_length=1)
    responses: list[Response] = Field(min_length=1)
    avoid: list[Text] = Field(default_factory=list, description="Lines that make it worse.")
    cues: list[Text] = Field(
        default_factory=list,
        description="Words showing a practice answer addressed the concern (drill scoring).",
    )


class Touch(_Strict):
    day: int = Field(ge=0, le=365)
    channel: Channel
    title: Text
    note: str | None = None


class Cadence(_Strict):
    id: Slug
    title: Text
    outcome: Outcome = Field(description="The call outcome that starts this cadence.")
    business_days: bool = True
    stop_on_reply: bool = False
    touches: list[Touch] = Field(min_length=1)


class Sla(_Strict):
    """Business days marketing's leads may wait for a first contact, by temperature."""

    qualified: int = Field(default=1, ge=0, le=365)
    warm: int = Field(default=2, ge=0, le=365)
    cold: int = Field(default=5, ge=0, le=365)


class Reply(_Strict):
    text: Text
    points: int = Field(ge=-10, le=10)
    feedback: Text
    next: Slug | None = Field(default=None, description="The next turn's id; none ends the call.")
    intent: Slug | None = Field(
        default=None,
        description="What the reply does (probe, discount, quantify ...), matched against the "
        "next turn's `follows`.",
    )


class Turn(_Strict):
    id: Slug
    buyer: Text
    follows: list[Slug] = Field(
        default_factory=list,
        description="The reply intents this buyer line answers; a reply leading here with "
        "another intent is refused, so a branch cannot answer something never said.",
    )
    replies: list[Reply] = Field(min_length=2)


class Scenario(_Strict):
    id: Slug
    title: Text
    persona: Slug | None = None
    context: Text
    start: Slug
    turns: list[Turn] = Field(min_length=1)
    debrief: Text


class Battlecard(_Strict):
    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    strengths: list[Text] = Field(min_length=1)
    weaknesses: list[Text] = Field(min_length=1)
    how_we_win: list[Text] = Field(min_length=1)


class Persona(_Strict):
    id: Slug
    role: Text
    cares_about: list[Text] = Field(min_length=1)
    talking_points: list[Text] = Field(min_length=1)


class RubricStage(_Strict):
    stage: Slug
    description: Text
    cues: list[Text] = Field(default_factory=list)
    from_objection: bool = Field(
        default=False, description="Also count the objection's own `cues` for this stage."
    )
    points: int = Field(default=1, ge=1, le=10)


class Playbook(_Strict):
    """One sales playbook. `extends` names a parent; only what differs needs writing."""

    title: Text
    description: str = ""
    extends: str | None = None
    steps: list[Step]
    objections: list[Objection] = Field(default_factory=list)
    cadences: list[Cadence] = Field(default_factory=list)
    sla: Sla = Field(default_factory=Sla)
    scenarios: list[Scenario] = Field(default_factory=list)
    battlecards: list[Battlecard] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    synonyms: dict[Slug, list[Text]] = Field(
        default_factory=dict, description="Extra words the objection matcher treats as the key."
    )
    drill_rubric: list[RubricStage] = Field(default_factory=list)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def objection(self, objection_id: str) -> Objection | None:
        return next((o for o in self.objections if o.id == objection_id), None)

    def questions(self) -> list[tuple[Step, Question]]:
        return [(s, q) for s in self.steps for q in s.questions]
