"""The step quiz, generated from the playbook: put the seven steps in order, say which step a
situation belongs to, and pick a step's exit criterion from a line-up.

Situations are the playbook's own checklist items, questions and guidance lines (a line that
appears in two steps is left out: it would have two right answers). Exit-criterion questions
mix one of the step's criteria with criteria of other steps. Each question carries the review
key it is scheduled under (`steps:order`, `steps:situation:<step>`, `steps:exit:<step>`).
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from salescoach.core.playbook.model import Playbook, Step
from salescoach.core.training.drills import PASS_SHARE, check_rounds
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.training.shapes import QuizDetail

QuizKind = Literal["order", "situation", "exit"]
LETTERS = string.ascii_uppercase
DISTRACTORS = 3


@dataclass(frozen=True)
class QuizQuestion:
    kind: QuizKind
    key: str
    prompt: str
    choices: tuple[str, ...]
    correct: tuple[int, ...]  # order: choice indices in the right order; else (the right index,)
    explanation: str

    @property
    def max_score(self) -> int:
        return len(self.correct)


@dataclass(frozen=True)
class QuizResult:
    question: QuizQuestion
    given: tuple[int, ...]

    @property
    def score(self) -> int:
        return sum(1 for g, c in zip(self.given, self.question.correct, strict=True) if g == c)

    @property
    def max_score(self) -> int:
        return self.question.max_score

    @property
    def passed(self) -> bool:
        return self.score / self.max_score >= PASS_SHARE

    def to_dict(self) -> QuizDetail:
        q = self.question
        return {
            "kind": q.kind,
            "key": q.key,
            "prompt": q.prompt,
            "given": [q.choices[i] for i in self.given],
            "correct": [q.choices[i] for i in q.correct],
            "score": self.score,
            "max_score": self.max_score,
        }


def order_question(playbook: Playbook, rng: random.Random) -> QuizQuestion:
    titles = [s.title for s in playbook.steps]
    shuffled = list(range(len(titles)))
    while shuffled == sorted(shuffled):  # never hand out the answer
        rng.shuffle(shuffled)
    choices = tuple(titles[i] for i in shuffled)
    correct = tuple(shuffled.index(i) for i in range(len(titles)))
    return QuizQuestion(
        kind="order",
        key="steps:order",
        prompt="Put the seven steps of a sale in order.",
        choices=choices,
        correct=correct,
        explanation="The order is: " + " → ".join(titles) + ".",
    )


def situations(playbook: Playbook) -> dict[str, list[str]]:
    """Step id -> lines that belong to that step only."""
    lines: dict[str, list[str]] = {}
    owners: dict[str, set[str]] = {}
    for step in playbook.steps:
        own = [*step.checklist, *(q.text for q in step.questions), *step.guidance]
        lines[step.id] = own
        for line in own:
            owners.setdefault(line.strip().lower(), set()).add(step.id)
    return {
        sid: [line for line in own if len(owners[line.strip().lower()]) == 1]
        for sid, own in lines.items()
    }


def situation_question(playbook: Playbook, step: Step, rng: random.Random) -> QuizQuestion:
    lines = situations(playbook)[step.id]
    if not lines:
        raise UsageError(f"step {step.id!r} has nothing of its own to ask about")
    line = lines[rng.randrange(len(lines))]
    choices = tuple(s.title for s in playbook.steps)
    index = [s.id for s in playbook.steps].index(step.id)
    return QuizQuestion(
        kind="situation",
        key=f"steps:situation:{step.id}",
        prompt=f"Which step does this belong to?\n  “{line}”",
        choices=choices,
        correct=(index,),
        explanation=f"It belongs to {step.title}: {step.goal}",
    )


def exit_question(playbook: Playbook, step: Step, rng: random.Random) -> QuizQuestion:
    own = {c.text for c in step.exit_criteria}
    others = sorted(
        {c.text for s in playbook.steps if s.id != step.id for c in s.exit_criteria} - own
    )
    if not own or not others:
        raise UsageError(f"step {step.id!r} has no exit criteria to quiz on")
    right = sorted(own)[rng.randrange(len(own))]
    wrong = rng.sample(others, min(DISTRACTORS, len(others)))
    choices = [right, *wrong]
    rng.shuffle(choices)
    return QuizQuestion(
        kind="exit",
        key=f"steps:exit:{step.id}",
        prompt=f"Which of these is an exit criterion of {step.title}?",
        choices=tuple(choices),
        correct=(choices.index(right),),
        explanation=f"{step.title} is done when: " + "; ".join(sorted(own)) + ".",
    )


def _askable(playbook: Playbook) -> list[tuple[QuizKind, Step]]:
    lines = situations(playbook)
    with_exit = [s for s in playbook.steps if s.exit_criteria]
    pairs: list[tuple[QuizKind, Step]] = [("situation", s) for s in playbook.steps if lines[s.id]]
    if len(with_exit) > 1:
        pairs += [("exit", s) for s in with_exit]
    return pairs


def question_for(playbook: Playbook, key: str, rng: random.Random) -> QuizQuestion:
    """The question a review key stands for (`steps:order`, `steps:situation:approach`...)."""
    if key == "steps:order":
        return order_question(playbook, rng)
    _, kind, step_id = [*key.split(":"), "", ""][:3]
    step = next((s for s in playbook.steps if s.id == step_id), None)
    if step is None or kind not in ("situation", "exit"):
        raise UsageError(f"unknown quiz item {key!r}")
    if kind == "situation":
        return situation_question(playbook, step, rng)
    return exit_question(playbook, step, rng)


def build_quiz(playbook: Playbook, rng: random.Random, rounds: int) -> list[QuizQuestion]:
    """The ordering question first, then situation and exit-criterion questions at random."""
    check_rounds(rounds)
    questions = [order_question(playbook, rng)]
    pool = _askable(playbook)
    deck: list[tuple[QuizKind, Step]] = []
    while len(questions) < rounds and pool:
        if not deck:
            deck = list(pool)
            rng.shuffle(deck)
        kind, step = deck.pop()
        make = situation_question if kind == "situation" else exit_question
        questions.append(make(playbook, step, rng))
    return questions


def read_answer(question: QuizQuestion, raw: Any, playbook: Playbook) -> tuple[int, ...]:
    """Choice indices from what was typed or written in an answers file.

    Ordering: letters of the listed steps ("C A B ..."), or step ids or titles in order.
    Other questions: the 1-based number of a choice, its text, or (for situations) a step id.
    """
    if question.kind == "order":
        return _read_order(question, raw, playbook)
    text = str(raw).strip()
    if not text:
        raise UsageError("the answer is empty: give the number of a choice")
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(question.choices):
        return (int(text) - 1,)
    lowered = [c.lower() for c in question.choices]
    if text.lower() in lowered:
        return (lowered.index(text.lower()),)
    if question.kind == "situation":
        ids = [s.id for s in playbook.steps]
        word = text.lower().replace(" ", "_").replace("-", "_")
        if word in ids:
            return (ids.index(word),)
    raise UsageError(
        f"cannot read {text!r} as an answer",
        hint=f"give a number from 1 to {len(question.choices)}",
    )


def _read_order(question: QuizQuestion, raw: Any, playbook: Playbook) -> tuple[int, ...]:
    if isinstance(raw, str):
        parts = raw.replace(",", " ").split()
    elif isinstance(raw, Sequence):
        parts = [str(p).strip() for p in raw]
    else:
        parts = []
    by_title = {t.lower(): i for i, t in enumerate(question.choices)}
    by_id = {s.id: by_title[s.title.lower()] for s in playbook.steps if s.title.lower() in by_title}
    letters = LETTERS[: len(question.choices)]
    example = f"{letters}, {' '.join(letters)} or {','.join(letters)}"
    picked: list[int] = []
    for part in parts:
        word = part.strip().lower()
        step_word = word.replace(" ", "_").replace("-", "_")
        if step_word in by_id:
            picked.append(by_id[step_word])
        elif word in by_title:
            picked.append(by_title[word])
        elif word and all(c.upper() in letters for c in word):
            # Letters typed together ("GABFDEC") read the same as spaced ones.
            picked.extend(letters.index(c.upper()) for c in word)
        else:
            raise UsageError(
                f"cannot read {part!r} as one of the listed steps: give the letters "
                f"{letters[0]}-{letters[-1]} in order, e.g. {example}"
            )
    if sorted(picked) != list(range(len(question.choices))):
        raise UsageError(
            f"give each of the {len(question.choices)} steps exactly once, "
            f"by letter in order, e.g. {example}"
        )
    return tuple(picked)
