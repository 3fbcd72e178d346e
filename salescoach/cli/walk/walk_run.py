"""Running `salescoach walk`: choose who answers, run the walk, report how it went.

Answers come from the answers file first, then from the rep when there is a terminal. With no
terminal every missing answer is found by a dry run before anything is written, and the command
exits 2 naming them. The walk's screens and prompts go to the terminal: stdout when it is one
(and not used for --json), else stderr; --json keeps stdout for the record alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing, nullcontext
from typing import TYPE_CHECKING

from salescoach import clock
from salescoach.cli.common import resolve_step, terminal
from salescoach.cli.semantic_rank import lazily
from salescoach.cli.walk.walk_setup import (
    Prepared,
    WalkOptions,
    practice,
    prepare,
)
from salescoach.core.kernel.records import Lead, parse_channel
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.walk.answers_file import AnswersFile, read_answers_file
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.scripted import (
    ANSWERS_FLAG,
    FileAnswerer,
    missing_answers,
    unused_answers,
)
from salescoach.core.walk.state import StepRecord, WalkState
from salescoach.errors import EXIT_INTERRUPTED, ExitStatus, MissingAnswersError, UsageError
from salescoach.ui.console import Terminal

if TYPE_CHECKING:
    from rich.console import Console

    from salescoach.actions.walk import OpenedWalk
    from salescoach.core.kernel.cancelled import CancelledTask
    from salescoach.core.playbook.parts import Step
    from salescoach.core.walk.shapes import WalkLead, WalkRecordJSON


def run_walk(options: WalkOptions) -> None:
    options = options.replace(channel=parse_channel(options.channel))
    term = terminal(no_input=options.no_input)
    today = clock.today()
    first = resolve_step(options.step) if options.step else None
    until = resolve_step(options.until) if options.until else None
    if options.practice:
        prepared = practice(options, today, first)
        _run(term, options, prepared, until, None)
        return
    if not options.lead:
        raise UsageError("which lead?", hint="salescoach walk LEAD (or --practice to rehearse)")
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        prepared = prepare(conn, term, options, today, first)
        _run(term, options, prepared, until, conn)


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
    stream = term.screen_stream(data_on_stdout=options.as_json)

    def console() -> Console:  # made at the first thing drawn with rich, after the panel
        return term.screen(data_on_stdout=options.as_json)[0]

    fallback = None
    if interactive:
        from salescoach.ui.walk.coach import TerminalAnswerer

        fallback = TerminalAnswerer(
            console,
            walk.playbook,
            today=walk.today,
            resume_command=None if options.practice else prepared.resume_command,
            prompt_stream=stream,
            screen=stream,
            no_color=term.no_color,
        )
    walk.answerer = FileAnswerer(
        data,
        fallback,
        lead_answers=walk.lead_answers,
        until=until,
        narrate=None if interactive else _narrator(term, practice=options.practice),
    )
    opened = None
    if interactive:  # a person at the call: the model loads at the first objection raised
        walk.rerank = lazily(prepared.playbook_name, say=term.say)
    if conn is not None and prepared.lead is not None:
        opened = _open(conn, options, prepared)  # every check has passed
        walk.recorder = opened.recorder
    try:
        with closing(fallback) if fallback is not None else nullcontext():
            if fallback is not None:
                fallback.show_header(
                    walk.lead_label,
                    prepared.playbook_name,
                    practice=options.practice,
                    resumed=prepared.resumed,
                )
            state = walk.run(resumed=prepared.resumed)
    except (KeyboardInterrupt, EOFError):
        term.say("\n" + _stopped_line(walk, prepared, conn))
        raise ExitStatus(EXIT_INTERRUPTED) from None
    unused = unused_answers(walk.answerer) if isinstance(walk.answerer, FileAnswerer) else []
    if unused:
        term.say("salescoach: not asked in this walk, so not recorded: " + ", ".join(unused))
    # What only the end of a walk needs is imported there: the first question comes sooner.
    from salescoach.core.kernel.cancelled import cancelled_json
    from salescoach.core.walk.record import session_record
    from salescoach.ui.planning.cancelled_view import cancelled_lines

    record = session_record(
        state,
        walk.playbook,
        session_id=prepared.session_id,
        lead=_lead_summary(conn, prepared.lead, walk.lead_label),
        practice=options.practice,
        task_status=_task_status(conn, state),
    )
    cancelled = _cancelled(opened)
    if opened is not None:
        record["cancelled_tasks"] = cancelled_json(cancelled)
    if options.as_json:
        term.json(record)
    else:
        _report(console() if interactive else term.err, record, prepared)
    for line in cancelled_lines(cancelled):
        term.say(line)


def _cancelled(opened: OpenedWalk | None) -> list[CancelledTask]:
    """What the walk cancelled: on reopening the lead, then by its closing outcome."""
    if opened is None:
        return []
    return opened.cancelled + opened.recorder.cancelled


def _narrator(term: Terminal, *, practice: bool) -> Callable[[Step, StepRecord], None]:
    """With no one at a terminal, one line on stderr per recorded step."""
    from salescoach.ui.walk.walk_view import recorded_line

    def narrate(step: Step, record: StepRecord) -> None:
        answers = len(record.answers)
        term.err.print(recorded_line(step.title, answers, record.criteria, practice=practice))

    return narrate


def _open(conn: sqlite3.Connection, options: WalkOptions, prepared: Prepared) -> OpenedWalk:
    """Reopen the lead if the walk planned it, start or resume its session, and record."""
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.walk import open_walk

    assert prepared.lead is not None
    opened = open_walk(
        conn,
        interaction_log(conn, no_log=options.no_log),
        prepared.lead,
        prepared.walk.state,
        prepared.walk.playbook,
        session_id=prepared.session_id,
        reopening=prepared.reopening,
        now=clock.now,
    )
    prepared.lead, prepared.session_id = opened.lead, opened.session_id
    return opened


def _task_status(conn: sqlite3.Connection | None, state: WalkState) -> dict[int, str]:
    """The walk's saved tasks as the store has them now: a resumed walk's summary must not
    show a follow-up done since as still to do."""
    ids = [t.id for t in state.tasks if t.id is not None]
    if conn is None or not ids:
        return {}
    from salescoach.store.tasks import task_statuses

    return task_statuses(conn, ids)


def _lead_summary(conn: sqlite3.Connection | None, lead: Lead | None, label: str) -> WalkLead:
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


def _stopped_line(walk: Walk, prepared: Prepared, conn: sqlite3.Connection | None) -> str:
    """One line: what the store holds now (read back, not assumed) and how to go on."""
    if prepared.session_id is None or conn is None:
        return "salescoach: stopped; nothing was saved" + (
            " (practice walk)." if prepared.lead is None else "."
        )
    from salescoach.store.sessions import get_session
    from salescoach.ui.plural import plural

    state = WalkState.from_dict(get_session(conn, prepared.session_id).state)
    pending = len(state.pending_answers(walk.playbook))
    step = walk.playbook.step(state.step_id).title
    saved = plural(len(state.steps), "finished step")
    if pending:
        saved += f" and {plural(pending, 'answer')} in {step}"
    return f"salescoach: stopped; saved {saved}. Resume with: {prepared.resume_command}"


def _report(console: Console, record: WalkRecordJSON, prepared: Prepared) -> None:
    from salescoach.ui.walk.walk_view import summary

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
