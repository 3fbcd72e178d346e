"""Where drill answers come from: an answers file first, then the person at the terminal.

Answers file (YAML), for scripts and for trainers who prepare exercises. Either a plain list,
used by the drill being run, or a mapping keyed by drill (what `train` with no arguments
needs, since a review can mix drills):

    objections:            # one response per round, in order
      - "I understand. What are you comparing the price with? ..."
    steps:                 # one answer per quiz question, in order
      - [prospecting, preparation, approach, presentation, objections, closing, follow_up]
      - approach           # a situation: a step id, its number 1-7 or its title
      - 2                  # an exit criterion: the number of the choice, or its text
    scenario:              # one choice per turn, across scenarios, in order
      - 1                  # the shown number of the reply ...
      - "How many hours"   # ... or its text (or the start of it): order-proof

Answers are used in order; when they run out the terminal is asked, and with no terminal the
run stops with exit 2 naming the first answer missing, having saved nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from salescoach.core.kernel.script import Script
from salescoach.core.playbook.model import Playbook, Response, Scenario
from salescoach.core.training.assignments import Assignment
from salescoach.core.training.drills import ObjectionItem, RubricScore
from salescoach.core.training.practice import DRILLS
from salescoach.core.training.quiz import LETTERS, QuizQuestion, QuizResult, read_answer
from salescoach.core.training.scenario import ScenarioRun, TurnResult, read_reply
from salescoach.errors import SalescoachError, UsageError
from salescoach.ui.console import Terminal
from salescoach.ui.training import train_view

ANSWERS_FLAG = "--answers FILE"


def read_answers_file(path: Path, drill: str | None) -> dict[str, list[Any]]:
    """The answers per drill from a YAML file, in order (see the module docstring)."""
    from salescoach.core.kernel.bounded_read import MIB, Unreadable, read_limited
    from salescoach.core.kernel.yamlread import YamlReadError, read_yaml

    try:
        text = read_limited(path, MIB).decode("utf-8-sig")
    except Unreadable as exc:
        raise UsageError(f"cannot read the answers file {path}: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read the answers file {path}: {exc}") from None
    import yaml

    try:
        data = read_yaml(text, str(path)).data
    except YamlReadError as exc:
        raise UsageError("the answers file is not valid YAML:\n" + str(exc)) from None
    except yaml.YAMLError as exc:  # characters YAML refuses before parsing starts
        raise UsageError(f"the answers file is not valid YAML: {exc}") from None
    if isinstance(data, list):
        if drill is None:
            raise UsageError(
                f"{path}: `train` may run several drills: key the answers by drill",
                hint="objections: [...], steps: [...], scenario: [...]",
            )
        return {drill: data}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: answers are a list, or a mapping of drill -> list")
    unknown = sorted(set(data) - set(DRILLS))
    if unknown:
        raise UsageError(
            f"{path}: unknown drill {unknown[0]!r}", hint="drills: " + ", ".join(DRILLS)
        )
    for name, answers in data.items():
        if not isinstance(answers, list):
            raise UsageError(f"{path}: `{name}` is a list of answers")
    return data


class TrainingCoach:
    """Asks from the answers file, else the terminal; shows feedback on `term.out` (or on
    stderr when stdout carries JSON)."""

    def __init__(
        self,
        term: Terminal,
        playbook: Playbook,
        script: Script,
        *,
        to_stderr: bool,
    ) -> None:
        self.term = term
        self.playbook = playbook
        self.script = script
        self.console = term.err if to_stderr else term.out

    def _next(self, drill: str, what: str) -> tuple[bool, Any]:
        return self.script.next_answer(drill, f"{drill}: {what}")

    # objections
    def objection_response(self, number: int, total: int, item: ObjectionItem) -> str:
        train_view.objection_round(self.console, number, total, item)
        found, value = self._next("objections", f"response for round {number}")
        if found:
            text = "" if value is None else str(value)
            if not text.strip():
                raise UsageError(f"round {number}: the response is empty")
            train_view.scripted_answer(self.console, text)
            return text
        import questionary

        from salescoach.ui.prompts import ask

        answer: str = ask(
            questionary.text(
                "Your response:",
                validate=lambda t: bool(t.strip()) or "Type what you would say to the buyer.",
            )
        )
        return answer

    def objection_feedback(self, item: ObjectionItem, score: RubricScore, model: Response) -> None:
        train_view.objection_feedback(self.console, score, model)

    # the step quiz
    def quiz_answer(self, number: int, total: int, question: QuizQuestion) -> Any:
        menu = question.kind != "order" and not self._has("steps")
        listed = not menu or not self._fits(question.choices)
        train_view.quiz_question(self.console, number, total, question, list_choices=listed)
        found, value = self._next("steps", f"answer to question {number}")
        if found:
            train_view.scripted_answer(self.console, _shown(value))
            return value
        import questionary

        from salescoach.ui.prompts import ask

        if question.kind == "order":
            return ask(
                questionary.text(
                    "Letters in order (e.g. " + LETTERS[: len(question.choices)] + "):",
                    validate=lambda t: _valid(question, t, self.playbook),
                )
            )
        titles = self._menu(question.choices, listed)
        choices = [questionary.Choice(t, value=str(i)) for i, t in enumerate(titles, 1)]
        return ask(questionary.select("Your answer:", choices=choices))

    def quiz_feedback(self, result: QuizResult) -> None:
        train_view.quiz_feedback(self.console, result)

    # scenarios
    def scenario_start(self, scenario: Scenario, persona: str | None) -> None:
        train_view.scenario_start(self.console, scenario, persona)

    def scenario_reply(self, run: ScenarioRun) -> Any:
        texts = [reply.text for reply in run.shown]
        listed = self._has("scenario") or not self._fits(texts)
        train_view.scenario_turn(self.console, run, list_replies=listed)
        found, value = self._next("scenario", f"choice at turn {len(run.results) + 1}")
        if found:
            index = read_reply(run, value)
            train_view.scripted_answer(self.console, f"{index + 1}. {run.shown[index].text}")
            return index + 1
        import questionary

        from salescoach.ui.prompts import ask

        titles = self._menu(texts, listed)
        choices = [questionary.Choice(t, value=str(i)) for i, t in enumerate(titles, 1)]
        return ask(questionary.select("Your reply:", choices=choices))

    def scenario_feedback(self, result: TurnResult) -> None:
        train_view.turn_feedback(self.console, result)

    def scenario_debrief(self, run: ScenarioRun) -> None:
        train_view.debrief(self.console, run)

    def _has(self, drill: str) -> bool:
        return self.script.has(drill)

    # A menu line is not wrapped: options too long for it are listed in full above the menu,
    # which then shows each one's number and start. Otherwise the menu alone shows them.
    def _menu_width(self) -> int:
        return max(20, self.console.width - len(MENU_INDENT) - 4)  # "N. " after the pointer

    def _fits(self, texts: Sequence[str]) -> bool:
        return all(len(text) <= self._menu_width() for text in texts)

    def _menu(self, texts: Sequence[str], listed: bool) -> list[str]:
        width = self._menu_width()
        return [f"{i}. {_cut(text, width) if listed else text}" for i, text in enumerate(texts, 1)]


MENU_INDENT = " » "  # questionary's pointer before a menu line


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _valid(question: QuizQuestion, text: str, playbook: Playbook) -> bool | str:
    try:
        read_answer(question, text, playbook)
    except SalescoachError as error:
        return error.message
    return True


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def choose_drill(term: Terminal, assigned: Sequence[Assignment] = ()) -> str | Assignment:
    """Ask which drill to run (only called with a terminal): the manager's assignments first,
    in plan order, then the three drills."""
    import questionary

    from salescoach.ui.prompts import ask
    from salescoach.ui.training.assigned_view import assignment_line

    choices = [
        questionary.Choice(f"Assigned by your manager: {assignment_line(a)}", value=a)
        for a in assigned
    ]
    choices += [
        questionary.Choice("Objections: answer what buyers say", value="objections"),
        questionary.Choice("Steps: a quiz on the seven steps", value="steps"),
        questionary.Choice("Scenario: a role-play call", value="scenario"),
    ]
    drill: str | Assignment = ask(
        questionary.select("Nothing is due for review. Which drill?", choices=choices)
    )
    return drill
