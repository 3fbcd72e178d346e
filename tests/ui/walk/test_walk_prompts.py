"""The questionary prompts driven in-process: keys go in through a prompt_toolkit pipe."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from salescoach.core.planning.cadence import PlannedTask
from salescoach.core.playbook.model import Question
from salescoach.core.walk.protocol import Between, Marker, Unmet
from salescoach.core.walk.state import CriterionCheck, StepRecord
from salescoach.ui.prompts import ask_question
from salescoach.ui.walk.coach import TerminalAnswerer
from tests.support.today import TODAY
from tests.support.walk import walkthrough

DOWN, UP, ENTER, SPACE = "\x1b[B", "\x1b[A", "\r", " "
CTRL_C, CTRL_O, BACKSPACE = "\x03", "\x0f", "\x7f"


@contextmanager
def typed(*keys: str) -> Iterator[None]:
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


def question(qid: str) -> Question:
    return next(q for _, q in walkthrough().questions() if q.id == qid)


def ask(qid: str, *keys: str, default: object = None) -> object:
    with typed(*keys):
        return ask_question(question(qid), default, TODAY, hotkey=True)  # type: ignore[arg-type]


def test_text_is_typed_and_a_required_one_cannot_be_left_empty() -> None:
    assert ask("pain", ENTER, "Quotes take a week", ENTER) == "Quotes take a week"


def test_text_defaults_to_the_leads_answer() -> None:
    assert ask("pain", ENTER, default="Slow quotes") == "Slow quotes"


def test_a_number_is_checked_as_it_is_typed() -> None:
    assert ask("size", "lots", ENTER, BACKSPACE * 4, "1,200", ENTER) == 1200


def test_an_optional_number_left_empty_is_skipped() -> None:
    assert ask("size", ENTER) is Marker.SKIP


def test_dates_are_read_by_the_one_date_parser() -> None:
    assert ask("next_step_date", "someday", ENTER, BACKSPACE * 7, "next tuesday", ENTER) == (
        "2026-03-17"
    )


def test_a_choice_is_picked_with_the_arrow_keys() -> None:
    assert ask("outcome", DOWN, DOWN, ENTER) == "lost"
    assert ask("outcome", DOWN, DOWN, UP, ENTER) == "won"


def test_a_choice_starts_on_the_recorded_answer() -> None:
    assert ask("outcome", DOWN, ENTER, default="won") == "lost"


def test_an_optional_choice_can_be_skipped() -> None:
    assert ask("competitors", ENTER) is Marker.SKIP  # multichoice with nothing ticked


def test_several_choices_are_ticked_with_space() -> None:
    assert ask("competitors", SPACE, DOWN, SPACE, ENTER) == ["acme_crm", "spreadsheets"]
    assert ask("competitors", ENTER, default=["none"]) == ["none"]


def test_yes_no_takes_a_key_and_enter() -> None:
    assert ask("fit", "y", ENTER) is True
    assert ask("fit", "n", ENTER) is False
    assert ask("fit", "n", "y", ENTER) is True  # a key in passing does not answer yet
    assert ask("fit", ENTER, default=True) is True


def test_ctrl_c_raises_keyboard_interrupt_in_every_widget() -> None:
    for qid in ("pain", "size", "outcome", "competitors", "fit"):
        with pytest.raises(KeyboardInterrupt):
            ask(qid, CTRL_C)


def test_ctrl_o_means_the_buyer_raised_an_objection_and_keeps_what_was_typed() -> None:
    drafts: dict[str, str] = {}
    with typed("Quotes ta", CTRL_O):
        answer = ask_question(question("pain"), None, TODAY, hotkey=True, drafts=drafts)
    assert answer is Marker.OBJECTION and drafts == {"pain": "Quotes ta"}
    with typed("ke a week", ENTER):
        again = ask_question(question("pain"), None, TODAY, draft=drafts["pain"])
    assert again == "Quotes take a week"
    assert ask("outcome", DOWN, CTRL_O) is Marker.OBJECTION


def test_after_ctrl_o_a_choice_list_comes_back_where_it_pointed() -> None:
    drafts: dict[str, str] = {}
    with typed(DOWN, DOWN, CTRL_O):
        answer = ask_question(question("outcome"), None, TODAY, hotkey=True, drafts=drafts)
    assert answer is Marker.OBJECTION and drafts == {"outcome": "lost"}
    with typed(ENTER):
        again = ask_question(question("outcome"), None, TODAY, draft=drafts["outcome"])
    assert again == "lost"


def test_ctrl_o_outside_a_call_is_ignored_not_taken_as_an_empty_answer() -> None:
    from salescoach.ui import prompts

    with typed(CTRL_O, DOWN, ENTER):
        assert prompts.select("What now?", [("Move on", "move"), ("Redo", "redo")]) == "redo"
    with typed(CTRL_O, ENTER):
        outcome = ask_question(question("outcome"), "won", TODAY, hotkey=False)
    assert outcome == "won"


def test_a_named_competitor_puts_how_we_win_on_the_objection_card() -> None:
    answerer, screen = coach()
    playbook = walkthrough()
    step = playbook.step("objections")
    with typed(ENTER):
        said = "we already use Acme CRM"
        picked = answerer.pick_objection(step, said, list(playbook.objections), 0)
    with typed(ENTER):
        answerer.objection_result(step, picked)
    assert "How we win vs Acme CRM: Show our support response times." in screen.getvalue()


def coach() -> tuple[TerminalAnswerer, io.StringIO]:
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    answerer = TerminalAnswerer(
        console, walkthrough(), today=TODAY, resume_command="salescoach walk ACME"
    )
    return answerer, screen


def planned(title: str, day: int) -> PlannedTask:
    return PlannedTask(title, date(2026, 3, day), "call", "after_call", f"k:{title}", False)


def test_the_rep_edits_a_due_date_drops_a_task_and_saves() -> None:
    answerer, screen = coach()
    step = walkthrough().step("follow_up")
    proposed = [planned("Send the recap", 12), planned("Check in", 16)]
    keys = [
        DOWN, ENTER,  # change 1 (the arrows pass over the blank line)
        ENTER,  # change the due date
        "\x15", "friday", ENTER,  # Ctrl-U clears the date, then type a new one
        DOWN, DOWN, ENTER,  # change 2
        DOWN, DOWN, ENTER,  # drop it
        ENTER,  # save
    ]  # fmt: skip
    with typed(*keys):
        decisions = answerer.review_tasks(step, proposed, [])
    assert decisions == [proposed[0].with_due(date(2026, 3, 13)), None]
    assert "Check in (dropped)" in screen.getvalue()


def test_a_follow_up_cannot_be_moved_into_the_past() -> None:
    answerer, _ = coach()
    step = walkthrough().step("follow_up")
    keys = [DOWN, ENTER, ENTER, "\x15", "yesterday", ENTER, "\x15", "+2d", ENTER, ENTER]
    with typed(*keys):
        decisions = answerer.review_tasks(step, [planned("Send the recap", 12)], [])
    assert decisions == [planned("Send the recap", 12).with_due(date(2026, 3, 13))]


def test_picking_an_objection_shows_its_card_and_asks_how_it_went() -> None:
    answerer, screen = coach()
    playbook = walkthrough()
    step = playbook.step("objections")
    families = [playbook.objections[0], playbook.objections[1]]
    with typed("too pricey", ENTER):
        said = answerer.buyer_said(step)
    with typed(DOWN, ENTER):
        picked = answerer.pick_objection(step, "too pricey", families, 1)
    with typed(DOWN, ENTER):
        result = answerer.objection_result(step, picked)
    assert (said, picked, result) == ("too pricey", families[1], "partly")
    text = screen.getvalue()
    assert "Other priorities come first right now." in text and "feel-felt-found" in text
    with typed(ENTER):
        assert answerer.buyer_said(step) is None  # nothing more: the objections step ends


def test_menus_between_steps_and_for_unmet_criteria() -> None:
    answerer, screen = coach()
    playbook = walkthrough()
    with typed(DOWN, ENTER):
        assert answerer.between_steps(playbook.step("approach"), playbook.step("presentation")) is (
            Between.OBJECTION
        )
    with typed(DOWN, ENTER):  # no objection choice before the buyer is on the line
        assert answerer.between_steps(
            playbook.step("prospecting"), playbook.step("preparation")
        ) is (Between.NOTE)
    unmet = [CriterionCheck("The lead fits", False, "condition")]
    with typed(DOWN, DOWN, ENTER):
        assert answerer.unmet_criteria(playbook.step("prospecting"), unmet) is Unmet.STOP
    assert "✗ The lead fits" in screen.getvalue()


def test_a_practice_walk_never_claims_to_log_or_record() -> None:
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    answerer = TerminalAnswerer(console, walkthrough(), today=TODAY, resume_command=None)
    playbook = walkthrough()
    step = playbook.step("objections")
    with typed(ENTER):
        answerer.objection_result(step, playbook.objections[0])
    answerer.recorded(step, StepRecord(step.id, {"a": 1, "b": 2}, [], False))
    text = screen.getvalue()
    assert "logged" not in text and "recorded" not in text
    assert "practice, not saved:" in text
    assert "rehearsed (2 answers, practice: nothing saved)" in text


def test_proposed_follow_ups_are_listed_by_date_and_handed_back_in_order() -> None:
    answerer, screen = coach()
    step = walkthrough().step("follow_up")
    later, sooner = planned("Agreed next step", 18), planned("Send the recap", 12)
    with typed(DOWN, DOWN, ENTER, DOWN, DOWN, ENTER, ENTER):  # change 2 (the later one): drop it
        decisions = answerer.review_tasks(step, [later, sooner], [])
    text = screen.getvalue()
    assert text.index("Send the recap") < text.index("Agreed next step")
    assert decisions == [None, sooner]
