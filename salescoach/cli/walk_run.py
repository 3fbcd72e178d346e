"""Running `salescoach walk`: find or resume the session, choose who answers, run, report.

Answers come from the answers file first, then from the rep when there is a terminal. With no
terminal every missing answer is found by a dry run before anything is written, and the command
exits 2 naming them. The walk's screens and prompts go to the terminal: stdout when it is one
(and not used for --json), else stderr; --json keeps stdout for the record alone.
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from salescoach import clock
from salescoach.cli.common import load_playbook, resolve_step
from salescoach.core.answers_file import AnswersFile, read_answers_file
from salescoach.core.followup import OUTCOME_QUESTIONS, outcome_of
from salescoach.core.playbook import STEP_IDS, Playbook, Step
from salescoach.core.records import CHANNELS, Lead
from salescoach.core.scripted import FileAnswerer, missing_answers
from salescoach.core.walk import NullRecorder, Recorder, Walk
from salescoach.core.walk_record import session_record
from salescoach.core.walk_state import StepRecord, WalkState
from salescoach.errors import EXIT_INTERRUPTED, MissingAnswersError, NotFoundError, UsageError
from salescoach.ui.console import Terminal, _isatty

if TYPE_CHECKING:
    from rich.console import Console

    from salescoach.store.sessions import SessionRow

ANSWERS_FLAG = "--answers FILE.yaml"


@dataclass(frozen=True)
class WalkOptions:
    lead: str | None
    playbook: str | None
    step: str | None
    until: str | None
    new: bool
    answers: Path | None
    channel: str | None  # None: the walk's own (call for a new one)
    no_input: bool
    as_json: bool
    practice: bool
    no_log: bool


@dataclass
class Prepared:
    """Everything a walk needs once the lead, playbook and state are settled."""

    walk: Walk
    playbook_name: str
    lead: Lead | None
    session_id: int | None
    resumed: bool
    resume_command: str


def run_walk(options: WalkOptions) -> None:
    if options.channel is not None and options.channel not in CHANNELS:
        raise UsageError(f"unknown channel {options.channel!r}", hint="use " + ", ".join(CHANNELS))
    term = Terminal(no_input=options.no_input)
    today = clock.today()
    first = resolve_step(options.step) if options.step else None
    until = resolve_step(options.until) if options.until else None
    if options.practice:
        prepared = _practice(options, today, first)
        _run(term, options, prepared, until, None)
        return
    if not options.lead:
        raise UsageError("which lead?", hint="salescoach walk LEAD (or --practice to rehearse)")
    from salescoach.store.db import open_store

    conn = open_store()
    try:
        prepared = _prepare(conn, term, options, today, first)
        _run(term, options, prepared, until, conn)
    finally:
        conn.close()


def _prepare(
    conn: sqlite3.Connection,
    term: Terminal,
    options: WalkOptions,
    today: date,
    first: str | None,
) -> Prepared:
    from salescoach.store.leads import find_lead
    from salescoach.store.sessions import open_session, task_keys

    lead = find_lead(conn, options.lead or "")
    saved = None if options.new else open_session(conn, lead.id)
    resume_command = f"salescoach walk {shlex.quote(options.lead or str(lead.id))}"
    if saved and first:
        raise UsageError(
            f"{lead.label} has an unfinished walk, stopped at {_where(saved)}",
            hint=f"resume it with `{resume_command}`, or add --new to start over at {first}",
        )
    if saved and options.playbook and options.playbook != saved.playbook:
        raise UsageError(
            f"{lead.label}'s unfinished walk uses the playbook {saved.playbook!r}",
            hint="resume it without --playbook, or add --new to start over",
        )
    if (
        saved
        and term.interactive
        and WalkState.from_dict(saved.state).has_progress
        and not _resume_wanted(term, options, lead, saved)
    ):
        saved = None
    name = saved.playbook if saved else options.playbook or lead.playbook
    playbook = load_playbook(name).playbook
    if saved:
        state = WalkState.from_dict(saved.state)
        state.forget_unknown(playbook)
    else:
        start = first or (lead.step if lead.step in STEP_IDS else STEP_IDS[0])
        state = WalkState.start(name, lead.id, start, today.isoformat())
    walk = Walk(
        playbook=playbook,
        state=state,
        answerer=FileAnswerer(AnswersFile(), None, lead_answers={}),
        recorder=NullRecorder(),
        today=today,
        lead_label=lead.label,
        lead_answers=lead.answers,
        prior_outcome=_prior_outcome(conn, lead, playbook),
        existing_task_keys=task_keys(conn, lead.id),
    )
    return Prepared(
        walk, name, lead, saved.id if saved else None, saved is not None, resume_command
    )


def _practice(options: WalkOptions, today: date, first: str | None) -> Prepared:
    """A throw-away lead; with LEAD, a copy of that lead's answers (the store is only read)."""
    from salescoach.paths import DEFAULT_PLAYBOOK, database_path

    label, answers, name = "Practice lead", {}, options.playbook
    if options.lead:
        if not database_path().exists():
            raise NotFoundError(f"no lead matches {options.lead!r}", hint="the store is empty")
        from salescoach.store.db import connect
        from salescoach.store.leads import find_lead

        conn = connect(database_path())
        try:
            lead = find_lead(conn, options.lead)
        finally:
            conn.close()
        label, answers, name = f"{lead.label}, rehearsal", lead.answers, name or lead.playbook
    name = name or DEFAULT_PLAYBOOK
    playbook = load_playbook(name).playbook
    walk = Walk(
        playbook=playbook,
        state=WalkState.start(name, None, first or STEP_IDS[0], today.isoformat()),
        answerer=FileAnswerer(AnswersFile(), None, lead_answers={}),
        recorder=NullRecorder(),
        today=today,
        lead_label=label,
        lead_answers=answers,
    )
    return Prepared(walk, name, None, None, False, "salescoach walk --practice")


def _run(
    term: Terminal,
    options: WalkOptions,
    prepared: Prepared,
    until: str | None,
    conn: sqlite3.Connection | None,
) -> None:
    walk = prepared.walk
    if options.channel:
        walk.state.channel = options.channel
    if until and STEP_IDS.index(until) < STEP_IDS.index(walk.state.step_id):
        raise UsageError(f"--until {until} is before the walk's step ({walk.state.step_id})")
    data = (
        read_answers_file(options.answers, walk.playbook, walk.today)
        if options.answers
        else AnswersFile()
    )
    interactive = term.interactive
    if not interactive:
        missing = missing_answers(walk, data, until=until)
        if missing:
            raise MissingAnswersError(missing, flag=ANSWERS_FLAG)
    console, stream = _ui(term, options)
    fallback = None
    if interactive:
        from salescoach.ui.coach import TerminalAnswerer

        fallback = TerminalAnswerer(
            console, walk.playbook, today=walk.today, resume_command=prepared.resume_command
        )
    walk.answerer = FileAnswerer(
        data,
        fallback,
        lead_answers=walk.lead_answers,
        until=until,
        narrate=None if interactive else _narrator(term),
    )
    if conn is not None and prepared.lead is not None:
        walk.recorder = _recorder(conn, options, prepared)
    try:
        with _prompting(stream) if interactive else nullcontext():
            if interactive:
                from salescoach.ui.walk_view import walk_header

                console.print(
                    walk_header(
                        walk.lead_label,
                        prepared.playbook_name,
                        practice=options.practice,
                        resumed=prepared.resumed,
                    )
                )
            state = walk.run(resumed=prepared.resumed)
    except (KeyboardInterrupt, EOFError):
        term.say("\n" + _stopped_line(walk, prepared))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    record = session_record(
        state,
        walk.playbook,
        session_id=prepared.session_id,
        lead=_lead_summary(conn, prepared.lead, walk.lead_label),
        practice=options.practice,
    )
    if options.as_json:
        term.json(record)
        return
    _report(console if interactive else term.err, record, prepared)


def _narrator(term: Terminal) -> Callable[[Step, StepRecord], None]:
    """With no one at a terminal, one line on stderr per recorded step."""
    from salescoach.ui.walk_view import recorded_line

    def narrate(step: Step, record: StepRecord) -> None:
        term.err.print(recorded_line(step.title, len(record.answers), record.criteria))

    return narrate


def _recorder(conn: sqlite3.Connection, options: WalkOptions, prepared: Prepared) -> Recorder:
    from salescoach.store.interactions import logging_enabled
    from salescoach.store.sessions import start_session
    from salescoach.store.walk_log import StoreRecorder

    assert prepared.lead is not None
    if prepared.session_id is None:
        prepared.session_id = start_session(
            conn, prepared.walk.state, clock.now(), replace_open=True
        )
    return StoreRecorder(
        conn,
        session_id=prepared.session_id,
        lead_id=prepared.lead.id,
        playbook=prepared.walk.playbook,
        now=clock.now,
        channel=prepared.walk.state.channel,
        log=not options.no_log and logging_enabled(conn),
    )


def _ui(term: Terminal, options: WalkOptions) -> tuple[Console, Any]:
    """The console and stream the walk is drawn on: stdout if it is the terminal, else stderr."""
    if not options.as_json and _isatty(term.stdout):
        return term.out, term.stdout
    return term.err, term.stderr


@contextmanager
def _prompting(stream: Any) -> Iterator[None]:
    from salescoach.ui.prompts import prompts_on

    with prompts_on(stream):
        yield


def _resume_wanted(term: Terminal, options: WalkOptions, lead: Lead, saved: SessionRow) -> bool:
    from salescoach.ui.prompts import select

    stream = _ui(term, options)[1]
    with _prompting(stream):
        return select(
            f"{lead.label}: a walk stopped at {_where(saved)}.",
            [
                ("Resume it", True),
                (f"Start over at {lead.step} (that step's unsaved answers are dropped)", False),
            ],
            default=True,
        )


def _where(saved: SessionRow) -> str:
    state = saved.state
    plan, position = state.get("plan") or ["?"], int(state.get("position", 0))
    step = plan[min(position, len(plan) - 1)]
    number = STEP_IDS.index(step) + 1 if step in STEP_IDS else "?"
    return f"{number}/7 {step.replace('_', ' ')}, on {saved.updated_at:%a %d %b %H:%M}"


def _prior_outcome(
    conn: sqlite3.Connection, lead: Lead, playbook: Playbook
) -> dict[str, Any] | None:
    from salescoach.store.sessions import answer_recorded_on

    closing = {q.id: q for q in playbook.step("closing").questions}
    answers = {
        qid: lead.answers[closing[qid].field]
        for qid in OUTCOME_QUESTIONS
        if qid in closing and closing[qid].field in lead.answers
    }
    if "outcome" not in answers:
        return None
    on = answer_recorded_on(conn, lead.id, closing["outcome"].field)
    return outcome_of(answers, date.fromisoformat(on) if on else clock.today())


def _lead_summary(conn: sqlite3.Connection | None, lead: Lead | None, label: str) -> dict[str, Any]:
    if conn is None or lead is None:
        return {"id": None, "name": label}
    from salescoach.store.leads import get_lead

    now = get_lead(conn, lead.id)
    return {
        "id": now.id,
        "name": now.name,
        "company": now.company,
        "step": now.step,
        "status": now.status,
    }


def _stopped_line(walk: Walk, prepared: Prepared) -> str:
    state = walk.state
    if prepared.session_id is None:
        return "salescoach: stopped; nothing was saved" + (
            " (practice walk)." if prepared.lead is None else "."
        )
    pending = len(state.pending_answers(walk.playbook))
    step = walk.playbook.step(state.step_id).title
    saved = f"{len(state.steps)} finished step(s)"
    if pending:
        saved += f" and {pending} answer(s) in {step}"
    return f"salescoach: stopped; saved {saved}. Resume with: {prepared.resume_command}"


def _report(console: Console, record: dict[str, Any], prepared: Prepared) -> None:
    from salescoach.ui.walk_view import summary

    console.print()
    console.print(summary(record), end="")
    if record["practice"]:
        console.print("Practice walk: nothing was saved.", style="dim")
    elif record["stopped_at"] == {"step": "follow_up", "phase": "questions"}:
        console.print(
            f"The follow-up questions wait until you have followed up: {prepared.resume_command}",
            style="dim",
        )
    elif record["status"] != "finished":
        console.print(f"The walk is open; go on with: {prepared.resume_command}", style="dim")
    else:
        name = prepared.resume_command.removeprefix("salescoach walk ")
        console.print(f"Before the next call: salescoach prep {name}", style="dim")
