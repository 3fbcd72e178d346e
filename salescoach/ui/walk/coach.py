"""The walk's answerer on a terminal: shows each step and asks with questionary widgets."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from typing import IO, TYPE_CHECKING, TextIO

from salescoach.core.kernel.dates import parse_date
from salescoach.core.kernel.records import OBJECTION_RESULTS
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.walk.answers import humanize, show
from salescoach.core.walk.protocol import CONTACT_STEPS, Between, Marker, StepView, Unmet
from salescoach.core.walk.state import CriterionCheck, StepRecord
from salescoach.errors import UsageError
from salescoach.ui.walk.step_box import (
    Painter,
    header,
    indented,
    painter_for,
    step_box,
    width_of,
)

if TYPE_CHECKING:
    from rich.console import Console

    from salescoach.core.planning.cadence import PlannedTask
    from salescoach.core.playbook.parts import (
        AnswerValue,
        ExitCriterion,
        Objection,
        Playbook,
        Question,
        Step,
    )

RESULT_TITLES = {
    "resolved": "Resolved: they accepted the answer",
    "partly": "Partly: some doubt is left",
    "not_resolved": "Not resolved",
}


class TerminalAnswerer:
    """Rich is imported at the first thing drawn with it, not before the first question: the
    step panels are plain text (`step_box`), and `console` may be given as a function that
    makes it."""

    def __init__(
        self,
        console: Console | Callable[[], Console],
        playbook: Playbook,
        *,
        today: date,
        resume_command: str | None,  # None: a practice walk, which keeps nothing
        prompt_stream: TextIO | None = None,
        screen: TextIO | None = None,  # where the panels go (default: the console's file)
        no_color: bool = False,
    ) -> None:
        self._console = None if callable(console) else console
        self._make_console = console if callable(console) else None
        self.screen, self.no_color = screen, no_color
        # Questionary (prompt_toolkit) is imported, and its session opened on this stream,
        # at the first question, so the first step's panel is drawn ~50 ms sooner.
        self.prompt_stream = prompt_stream
        self._session: ExitStack | None = None
        self.playbook = playbook
        # choice ids naming an objection, persona or battlecard read as its title, role or name
        self.titles = (
            {o.id: o.title for o in playbook.objections}
            | {p.id: f"{humanize(p.id)}: {_short(p.role)}" for p in playbook.personas}
            | {b.id: b.name for b in playbook.battlecards}
        )
        self.today = today
        self.resume_command = resume_command
        self.drafts: dict[str, str] = {}  # text typed before Ctrl-O, offered again after
        self.named: list[tuple[str, str]] = []  # competitors the buyer's words named

    def _open_session(self) -> None:
        if self._session is None and self.prompt_stream is not None:
            from salescoach.ui.prompts import prompts_on

            self._session = ExitStack()
            self._session.enter_context(prompts_on(self.prompt_stream))

    def close(self) -> None:
        """End the prompt session the first question opened (if one did)."""
        if self._session is not None:
            self._session.close()
            self._session = None

    @property
    def console(self) -> Console:
        if self._console is None:
            assert self._make_console is not None
            self._console = self._make_console()
        return self._console

    def _plain(self) -> tuple[IO[str], Painter]:
        """The stream the panels go to, and their colours: the console's, once it is made."""
        if self._console is not None or self.screen is None:
            console = self.console
            return console.file, Painter(console.is_terminal and not console.no_color)
        return self.screen, painter_for(self.screen, no_color=self.no_color)

    def show_header(self, lead_label: str, playbook: str, *, practice: bool, resumed: bool) -> None:
        stream, paint = self._plain()
        stream.write(header(paint, lead_label, playbook, practice=practice, resumed=resumed) + "\n")

    @property
    def _saved(self) -> str:
        return f" (saved; {self.resume_command} to go on)" if self.resume_command else ""

    def say(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style))

    def _help(self, text: str) -> None:
        stream, paint = self._plain()
        stream.write(indented(paint, text, width_of(stream), style="dim"))

    def show_step(self, view: StepView) -> None:
        stream, paint = self._plain()
        box = step_box(paint, view, width_of(stream), saving=self.resume_command is not None)
        stream.write("\n" + box)
        stream.flush()  # on screen before questionary is imported

    def show_given(self, step: Step, question: Question, value: AnswerValue) -> None:
        from rich.text import Text

        line = Text("✓ ", style="green")
        line.append(question.text + " ")
        line.append(show(value, question), style="bold")
        line.append("  (answers file)", style="dim")
        self.console.print(line)

    def from_objections(self, step: Step, question: Question, derived: AnswerValue) -> AnswerValue:
        from rich.text import Text

        line = Text("✓ ", style="green")
        line.append(question.text + " ")
        line.append(show(derived, question), style="bold")
        line.append("  (from the objections logged)", style="dim")
        self.console.print(line)
        return derived

    def ask(
        self, step: Step, question: Question, default: AnswerValue | None
    ) -> AnswerValue | Marker:
        from salescoach.ui import prompts

        self._open_session()
        if question.help:
            self._help(question.help)
        draft = self.drafts.pop(question.id, None)
        answer = prompts.ask_question(
            question,
            default,
            self.today,
            hotkey=step.id in CONTACT_STEPS,
            drafts=self.drafts,
            draft=draft,
            titles=self.titles,
        )
        if question.type == "date" and isinstance(answer, str):
            from salescoach.ui.walk.walk_view import when

            self.say(f"  = {when(date.fromisoformat(answer), self.today)}", "dim")
        if question.type == "multichoice" and isinstance(answer, list) and len(answer) > 1:
            names = {b.id: b.name for b in self.playbook.battlecards}
            self.say(f"  = {', '.join(names.get(a, humanize(a)) for a in answer)}", "dim")
        self._coach_on(question, answer)
        return answer

    def _coach_on(self, question: Question, answer: AnswerValue | Marker) -> None:
        """The persona's talking points and the competitors' battlecards, the moment they are
        named: that is when the rep plans the approach."""
        if question.field == "persona" and isinstance(answer, str):
            persona = next((p for p in self.playbook.personas if p.id == answer), None)
            if persona:
                from salescoach.ui.walk.walk_view import persona_points

                self.say(f"  Talking points ({humanize(persona.id)}):", "bold")
                self.console.print(persona_points(persona))
        if question.field == "competitors" and isinstance(answer, list | str):
            from salescoach.ui.walk.walk_view import battlecard_lines

            named = [answer] if isinstance(answer, str) else answer
            for card in self.playbook.battlecards:
                if card.id in named:
                    self.console.print(battlecard_lines(card))

    # -- objections ------------------------------------------------------------------------

    def buyer_said(self, step: Step) -> str | None:
        from salescoach.ui import prompts

        self._open_session()
        optional = step.id == "objections"
        said = prompts.text(
            "What did the buyer say?",
            instruction="(their words; Enter when there is no objection)" if optional else None,
            validate=None if optional else _not_empty,
        )
        return said.strip() or None

    def pick_objection(
        self, step: Step, said: str, families: list[Objection], suggested: int
    ) -> Objection | None:
        from salescoach.core.objections.suggest import named_battlecards  # at the first objection
        from salescoach.ui import prompts

        self._open_session()
        # "we already use Tallybird": its how-we-win line goes on the card
        self.named = [
            (card.name, card.how_we_win[0])
            for card in named_battlecards(self.playbook, said)
            if card.how_we_win
        ]
        choices: list[tuple[str, Objection | None] | None] = []
        for index, family in enumerate(families):
            if index == suggested and suggested:
                choices.append(None)
            mark = "★ " if index < suggested else ""
            choices.append((f"{mark}{family.title}", family))
        choices += [None, ("None of these (log it as not in the playbook)", None)]
        return prompts.select(
            "Which objection is it?", choices, default=families[0] if families else None
        )

    def objection_result(self, step: Step, objection: Objection | None) -> str:
        from salescoach.ui import prompts

        self._open_session()
        if objection is not None:
            # Imported at the first objection: rich's tables are not needed to start a walk.
            from salescoach.core.objections.jsonview import prompts_of
            from salescoach.ui.objections.card import compact_card

            card = prompts_of(objection)
            self.console.print(compact_card(card, self.named, hint=False))
        choices = [(RESULT_TITLES[r], r) for r in OBJECTION_RESULTS]
        result = prompts.select("How did it go?", choices, default="resolved")
        name = objection.title if objection else "an objection not in the playbook"
        said = "logged" if self.resume_command else "practice, not saved"
        self.say(f"  {said}: {name} → {result.replace('_', ' ')}", "dim")
        return result

    # -- exit criteria -----------------------------------------------------------------------

    def confirm_criteria(self, step: Step, manual: list[ExitCriterion]) -> list[int]:
        from salescoach.ui import prompts

        self._open_session()
        return prompts.checkbox(
            "Before moving on, which of these are true?",
            [(c.text, i) for i, c in enumerate(manual)],
        )

    def unmet_criteria(self, step: Step, unmet: list[CriterionCheck]) -> Unmet:
        from salescoach.ui import prompts
        from salescoach.ui.walk.walk_view import criteria_lines

        self._open_session()
        self.say("Not met yet:", "bold yellow")
        self.console.print(criteria_lines(unmet), end="")
        choices = [
            ("Move on anyway (recorded as skipped)", Unmet.MOVE_ON),
            ("Go over this step's questions again", Unmet.REDO),
            (f"Stop here for now{self._saved}", Unmet.STOP),
        ]
        return prompts.select("What now?", choices, default=Unmet.MOVE_ON)

    # -- follow-up tasks ---------------------------------------------------------------------

    def review_tasks(
        self, step: Step, proposed: list[PlannedTask], already: list[PlannedTask]
    ) -> list[PlannedTask | None]:
        self._open_session()
        for done in already:
            self.say(f"  already scheduled: {done.due} {done.title}", "dim")
        if not proposed:
            self.say("Nothing new to schedule." if already else "No follow-up to schedule.")
            return []
        # shown by date; handed back in the order proposed (what answers files number)
        order = sorted(range(len(proposed)), key=lambda i: proposed[i].due)
        shown = self._review([proposed[i] for i in order])
        decisions: list[PlannedTask | None] = [None] * len(proposed)
        for place, index in enumerate(order):
            decisions[index] = shown[place]
        return decisions

    def _review(self, proposed: list[PlannedTask]) -> list[PlannedTask | None]:
        from salescoach.ui import prompts
        from salescoach.ui.walk.walk_view import tasks_table

        decisions: list[PlannedTask | None] = list(proposed)
        while True:
            self.say("Follow-up tasks to schedule:", "bold")
            self.console.print(tasks_table(decisions, proposed, self.today))
            choices: list[tuple[str, int] | None] = [("Save these tasks", -1), None]
            for number, (task, original) in enumerate(zip(decisions, proposed, strict=True), 1):
                label = f"{original.title} (dropped)" if task is None else task.title
                choices.append((f"Change {number}: {label}", number - 1))
            picked = prompts.select("Save them, or change one?", choices, default=-1)
            if picked == -1:
                return decisions
            decisions[picked] = self._edit_task(decisions[picked], proposed[picked])

    def _edit_task(self, task: PlannedTask | None, original: PlannedTask) -> PlannedTask | None:
        from salescoach.ui import prompts
        from salescoach.ui.walk.walk_view import when

        self._open_session()
        if task is None:
            return original if prompts.confirm(f"Keep {original.title!r} after all?") else None
        action = prompts.select(
            f"{task.title} ({when(task.due, self.today)})",
            [
                ("Change the due date", "due"),
                ("Change the title", "title"),
                ("Drop it", "drop"),
                ("Leave it as it is", "keep"),
            ],
        )
        if action == "drop":
            return None
        if action == "title":
            title = prompts.text("Title:", default=task.title, validate=_not_empty)
            return dataclasses.replace(task, title=title.strip())
        if action == "due":
            typed = prompts.text(
                "Due:",
                default=task.due.isoformat(),
                validate=self._future_date,
                instruction="(YYYY-MM-DD, tomorrow, +3d, friday ...)",
            )
            return task.with_due(parse_date(typed, self.today))
        return task

    def _future_date(self, text: str) -> bool | str:
        try:
            day = parse_date(text, self.today)
        except UsageError as error:
            return error.message
        return day >= self.today or "a follow-up cannot be due in the past"

    def follow_up_now(self, step: Step) -> bool:
        from salescoach.ui import prompts

        self._open_session()
        later = "Later, once you have followed up" + (
            f" ({self.resume_command} then)" if self.resume_command else ""
        )
        choices = [(later, False), ("Now", True)]
        return prompts.select(
            "Answer the follow-up questions now or later?", choices, default=False
        )

    # -- between steps -----------------------------------------------------------------------

    def between_steps(self, done: Step, upcoming: Step) -> Between:
        from salescoach.ui import prompts

        self._open_session()
        number = STEP_IDS.index(upcoming.id) + 1
        choices = [(f"Go on to {number}/{len(STEP_IDS)} {upcoming.title}", Between.NEXT)]
        if done.id in CONTACT_STEPS:
            choices.append(("The buyer raised an objection", Between.OBJECTION))
        choices += [
            ("Add a note", Between.NOTE),
            (f"Stop here{self._saved}", Between.STOP),
        ]
        return prompts.select("Next?", choices, default=Between.NEXT)

    def note(self, step: Step) -> str | None:
        from salescoach.ui import prompts

        self._open_session()
        return prompts.text("Note:", instruction="(Enter on an empty line to cancel)") or None

    def recorded(self, step: Step, record: StepRecord) -> None:
        from salescoach.ui.walk.walk_view import recorded_line

        practice = self.resume_command is None
        line = recorded_line(step.title, len(record.answers), record.criteria, practice=practice)
        self.console.print(line)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;(") + "…"


def _not_empty(text: str) -> bool | str:
    return bool(text.strip()) or "this cannot be empty"
