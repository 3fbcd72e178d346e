"""Asking on the terminal: the walk's prompts, and `ask` for any other questionary prompt.

Every prompt goes through `_ask` (`unsafe_ask()`), so Ctrl-C raises KeyboardInterrupt for the caller
(questionary's `ask()` would print its own message and return None, which looks like an answer).
Each playbook question type gets its widget: text, select, checkbox, confirm, and text with
validation for numbers and dates (one date parser: salescoach.core.kernel.dates). During a call,
Ctrl-O in any prompt means "the buyer raised an objection". Messages and choice titles are
shown with their unsafe characters escaped (salescoach.core.kernel.safe_text): they may quote
stored text, and prompt_toolkit passes bidi overrides through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import questionary
from prompt_toolkit.application import create_app_session
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl

from salescoach.core.kernel.safe_text import visible
from salescoach.core.walk.answers import coerce, humanize, is_answered
from salescoach.core.walk.protocol import Marker

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import AnswerValue, Question

T = TypeVar("T")
SKIP = "\0skip"  # a choice value no playbook choice can be
OBJECTION_KEY = "c-o"
SELECT_HINT = "(↑/↓ and Enter)"
TICK_HINT = "(Space ticks, Enter saves)"
YESNO_HINT = "(y/N)"  # questionary's own, as wide as (Y/n)
_QMARK = "? "  # what questionary draws before every message
_ANSWER_ROOM = 8


def fitted(message: str, instruction: str | None = None, width: int | None = None) -> str:
    """`message` broken between words to fit the terminal (an 80-column one cut "cost the|m?"
    and "(Enter to sk|ip)"), and ending on a new line when the instruction drawn after it would
    not fit on its last line."""
    import shutil
    import textwrap

    # the instruction's line also shows a short answer typed after it ("40", "friday")
    room = (width or shutil.get_terminal_size().columns) - 1 - _ANSWER_ROOM
    if len(_QMARK) + len(message) + len(instruction or "") + 1 <= room:
        return message
    lines = textwrap.wrap(message, room, initial_indent=_QMARK, break_on_hyphens=False)
    lines[0] = lines[0][len(_QMARK) :]
    if instruction and len(lines[-1]) + 1 + len(instruction) > room:
        lines.append("")
    return "\n".join(lines)


@contextmanager
def prompts_on(stream: TextIO) -> Iterator[None]:
    """Draw prompts on `stream` (the terminal), whatever stdout is."""
    with create_app_session(output=create_output(stdout=stream)):
        yield


def _objection_key(
    question: questionary.Question, keep: Callable[[str], None] | None, *, active: bool
) -> questionary.Question:
    bindings = KeyBindings()

    @bindings.add(OBJECTION_KEY, eager=True)
    def _raised(event: Any) -> None:
        if not active:
            return  # bound anyway: unbound, prompt_toolkit would end a select with ""
        if keep is not None:  # what was typed or pointed at comes back after the objection
            keep(_draft(event.app))
        event.app.exit(result=Marker.OBJECTION)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return question


def _draft(app: Any) -> str:
    """The choice a list points at, else the text typed so far."""
    for control in app.layout.find_all_controls():
        if isinstance(control, InquirerControl) and control.choices:
            value = control.get_pointed_at().value
            return value if isinstance(value, str) else ""
    return str(app.current_buffer.text)


def ask(question: questionary.Question) -> Any:
    """Ask any questionary prompt the way this module does (Ctrl-C raises; stray keys that
    prompt_toolkit would take as "end with nothing" are ignored)."""
    return _ask(question, False)


def _ask(
    question: questionary.Question, hotkey: bool, keep: Callable[[str], None] | None = None
) -> Any:
    _collector_on()
    return _objection_key(question, keep, active=hotkey).unsafe_ask()


def _collector_on() -> None:
    """Turn the garbage collector back on if the walk's start paused it
    (`cli.walk.walk_entry`), leaving what the start made out of its later passes."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def ask_question(
    question: Question,
    default: AnswerValue | None,
    today: date,
    *,
    hotkey: bool = False,
    drafts: dict[str, str] | None = None,
    draft: str | None = None,
    titles: dict[str, str] | None = None,
) -> AnswerValue | Marker:
    """Ask one playbook question with the widget for its type. Required ones cannot be skipped;
    an optional one left empty (or "(skip)") gives Marker.SKIP. With `hotkey`, Ctrl-O gives
    Marker.OBJECTION, and text typed so far is kept in `drafts` (offered again as `draft`).
    `titles` shows some choice ids as other words (a battlecard id as the competitor's name)."""
    kind = question.type
    names = titles or {}
    message = question.text
    if kind == "yesno":
        message = fitted(message, YESNO_HINT)
        default_yes = default if isinstance(default, bool) else False
        # auto_enter off: a "y" or "n" typed in passing must not answer (and skip) a question
        confirm_question = questionary.confirm(message, default=default_yes, auto_enter=False)
        return _as_answer(_ask(confirm_question, hotkey))

    def keep(text: str) -> None:
        if drafts is not None and text.strip():
            drafts[question.id] = text

    if kind == "choice":
        choices: list[Any] = [
            Choice(names.get(c, humanize(c)), value=c) for c in question.choices or []
        ]
        if not question.required:
            choices.append(Choice("(skip)", value=SKIP))
        start = draft if draft is not None else default  # where the list pointed before Ctrl-O
        picked = _ask(
            questionary.select(
                fitted(message, SELECT_HINT),
                choices=choices,
                default=start
                if isinstance(start, str) and start in (question.choices or ())
                else None,
                instruction=SELECT_HINT,
            ),
            hotkey,
            keep,
        )
        return Marker.SKIP if picked == SKIP else _as_answer(picked)
    if kind == "multichoice":
        chosen = default if isinstance(default, list) else []
        boxes = [
            Choice(names.get(c, humanize(c)), value=c, checked=c in chosen)
            for c in question.choices or []
        ]

        def at_least_one(values: list[str]) -> bool | str:
            return bool(values) or not question.required or "pick at least one (Space ticks)"

        picked = _ask(
            questionary.checkbox(
                fitted(message, TICK_HINT),
                choices=boxes,
                validate=at_least_one,
                instruction=TICK_HINT,
            ),
            hotkey,
        )
        return Marker.SKIP if picked == [] else _as_answer(picked)
    return _typed(question, default if draft is None else draft, today, hotkey, keep)


def _typed(
    question: Question,
    default: AnswerValue | None,
    today: date,
    hotkey: bool,
    keep: Callable[[str], None],
) -> AnswerValue | Marker:
    """text, number and date: typed text, checked as it is typed."""

    def check(text: str) -> bool | str:
        if not text.strip():
            return "an answer is needed" if question.required else True
        try:
            coerce(question, text, today)
        except ValueError as error:
            return str(error)
        return True

    hint = {"number": "a number", "date": "a date: YYYY-MM-DD, tomorrow, +3d, friday"}.get(
        question.type
    )
    if not question.required:
        hint = f"{hint}; Enter to skip" if hint else "Enter to skip"
    hint = f"({hint})" if hint else None
    shown = "" if default is None else _plain(default)
    typed = _ask(
        questionary.text(
            fitted(question.text, hint), default=shown, validate=check, instruction=hint
        ),
        hotkey,
        keep,
    )
    if typed is Marker.OBJECTION:
        return typed
    if not is_answered(typed):
        return Marker.SKIP
    return coerce(question, typed, today)


def _plain(value: AnswerValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_answer(value: Any) -> AnswerValue | Marker:
    if value is Marker.OBJECTION or isinstance(value, bool | str | list):
        return value
    raise TypeError(f"unexpected prompt result {value!r}")


def select(
    message: str,
    choices: Sequence[tuple[str, T] | None],
    *,
    default: T | None = None,
    hotkey: bool = False,
) -> T:
    """Pick one of `choices` ((title, value); None draws a separator line)."""
    values = {f"{i}": value for i, item in enumerate(choices) if item for value in [item[1]]}
    items: list[Any] = [
        Separator(" ") if item is None else Choice(visible(item[0]), value=f"{i}")
        for i, item in enumerate(choices)
    ]
    start = next((k for k, v in values.items() if v == default), None)
    picked = _ask(
        questionary.select(
            fitted(visible(message), SELECT_HINT),
            choices=items,
            default=start,
            instruction=SELECT_HINT,
        ),
        hotkey,
    )
    if picked is Marker.OBJECTION:
        return picked  # type: ignore[return-value]
    return values[picked]


def checkbox(message: str, choices: Sequence[tuple[str, T]]) -> list[T]:
    """Tick any of `choices`; none ticked is a valid answer."""
    items = [Choice(visible(title), value=f"{i}") for i, (title, _) in enumerate(choices)]
    picked = _ask(
        questionary.checkbox(
            fitted(visible(message), TICK_HINT), choices=items, instruction=TICK_HINT
        ),
        False,
    )
    return [choices[int(i)][1] for i in picked]


def text(
    message: str,
    *,
    default: str = "",
    validate: Callable[[str], bool | str] | None = None,
    instruction: str | None = None,
) -> str:

    answer = _ask(
        questionary.text(
            fitted(visible(message), instruction),
            default=default,
            validate=validate,
            instruction=instruction,
        ),
        False,
    )
    return str(answer)


def confirm(message: str, *, default: bool = True) -> bool:
    shown = fitted(visible(message), YESNO_HINT)
    question = questionary.confirm(shown, default=default, auto_enter=False)
    return bool(_ask(question, False))
