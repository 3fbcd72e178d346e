"""Setting up `salescoach walk`: the lead, the playbook, and a new or resumed walk state.

An unfinished walk is resumed by default (on a terminal, after asking, when it stopped inside a
step); `--new` abandons it; so does `--step` when the walk stopped between two steps, while
`--step` on a walk stopped inside a step is refused rather than guessed.
`--practice` builds a walk with no store behind it.
A won, lost or archived lead is walked only with `--reopen` (`core.leads.stages.plan_walk_start`),
which reopens it with a `stage` line, like `lead stage --reopen`, once the answers pass their
checks.
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salescoach import clock
from salescoach.cli.common import load_plain_playbook
from salescoach.core.kernel.records import Lead
from salescoach.core.kernel.slotted import Slotted
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.planning.followup import OUTCOME_QUESTIONS, outcome_of
from salescoach.core.walk.answers import LEAD_COLUMN_FIELDS
from salescoach.core.walk.answers_file import AnswersFile
from salescoach.core.walk.engine import Walk
from salescoach.core.walk.protocol import NullRecorder
from salescoach.core.walk.scripted import FileAnswerer
from salescoach.core.walk.state import WalkState
from salescoach.errors import NotFoundError, UsageError
from salescoach.ui.console import Terminal

if TYPE_CHECKING:
    from salescoach.core.leads.stages import StageChange
    from salescoach.core.playbook.parts import Playbook
    from salescoach.store.sessions import SessionRow


class WalkOptions(Slotted):
    """The walk's parameter values (`walk_params.WALK_PARAMS` names them)."""

    __slots__ = (  # noqa: RUF023
        "lead",
        "playbook",
        "step",
        "until",
        "new",
        "answers",
        "channel",
        "no_input",
        "as_json",
        "practice",
        "no_log",
        "reopen",
    )

    def __init__(
        self,
        lead: str | None,
        playbook: str | None,
        step: str | None,
        until: str | None,
        new: bool,
        answers: Path | None,
        channel: str | None,
        no_input: bool,
        as_json: bool,
        practice: bool,
        no_log: bool,
        reopen: bool = False,
    ) -> None:
        self.lead = lead
        self.playbook = playbook
        self.step = step
        self.until = until
        self.new = new
        self.answers = answers
        self.channel = channel  # None: the walk's own (call for a new one)
        self.no_input = no_input
        self.as_json = as_json
        self.practice = practice
        self.no_log = no_log
        self.reopen = reopen


class Prepared(Slotted):
    """Everything a walk needs once the lead, playbook and state are settled."""

    __slots__ = (  # noqa: RUF023
        "walk",
        "playbook_name",
        "lead",
        "session_id",
        "resumed",
        "resume_command",
        "reopening",
    )

    def __init__(
        self,
        walk: Walk,
        playbook_name: str,
        lead: Lead | None,
        session_id: int | None,
        resumed: bool,
        resume_command: str,
        reopening: StageChange | None = None,
    ) -> None:
        self.walk = walk
        self.playbook_name = playbook_name
        self.lead = lead
        self.session_id = session_id
        self.resumed = resumed
        self.resume_command = resume_command
        # Planned, not yet written: a walk that exits 2 on a bad or incomplete answers file
        # must leave the lead as it was (`walk_run` writes it once every check has passed).
        self.reopening = reopening


def prepare(
    conn: sqlite3.Connection,
    term: Terminal,
    options: WalkOptions,
    today: date,
    first: str | None,
) -> Prepared:
    from salescoach.core.leads.stages import plan_walk_start
    from salescoach.store.leads import find_lead
    from salescoach.store.sessions import open_session, task_keys
    from salescoach.store.sync_state import require_own_lead

    lead = find_lead(conn, options.lead or "")
    require_own_lead(conn, lead.id)  # before any question: the walk could record nothing
    saved = None if options.new else open_session(conn, lead.id)
    resume_command = f"salescoach walk {shlex.quote(options.lead or str(lead.id))}"
    state = None
    if saved:
        if options.playbook and options.playbook != saved.playbook:
            raise UsageError(
                f"{lead.label}'s unfinished walk uses the playbook {saved.playbook!r}",
                hint="resume it without --playbook, or add --new to start over",
            )
        playbook = load_plain_playbook(saved.playbook).playbook
        state = WalkState.from_dict(saved.state)
        state.forget_unknown(playbook)
        # Stopped between two steps, nothing is lost by starting elsewhere or over.
        inside = state.mid_step(playbook)
        if first and inside:
            raise UsageError(
                f"{lead.label} has an unfinished walk, stopped inside {_where(saved)}",
                hint=f"resume it with `{resume_command}`, or add --new to start over at {first}",
            )
        if first or (inside and term.interactive and not _resume(term, options, lead, saved)):
            saved, state = None, None
    if state is None:
        name = options.playbook or lead.playbook
        playbook = load_plain_playbook(name).playbook
        start = first or (lead.step if lead.step in STEP_IDS else STEP_IDS[0])
        state = WalkState.start(name, lead.id, start, today.isoformat())
    closed_by_this_walk = saved is not None and (state.outcome or {}).get("outcome") == lead.status
    reopening = plan_walk_start(
        lead, reopen=options.reopen, closed_by_this_walk=closed_by_this_walk
    )
    walk = Walk(
        playbook=playbook,
        state=state,
        answerer=FileAnswerer(AnswersFile(), None, lead_answers={}),
        recorder=NullRecorder(),
        today=today,
        lead_label=lead.label,
        lead_answers=_known(lead),
        prior_outcome=_prior_outcome(conn, lead, playbook),
        existing_task_keys=task_keys(conn, lead.id),
    )
    return Prepared(
        walk,
        state.playbook,
        lead,
        saved.id if saved else None,
        saved is not None,
        resume_command,
        reopening,
    )


def practice(options: WalkOptions, today: date, first: str | None) -> Prepared:
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
        label, answers, name = f"{lead.label}, rehearsal", _known(lead), name or lead.playbook
    name = name or DEFAULT_PLAYBOOK
    playbook = load_plain_playbook(name).playbook
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


@contextmanager
def prompting(stream: Any) -> Iterator[None]:
    from salescoach.ui.prompts import prompts_on

    with prompts_on(stream):
        yield


def _resume(term: Terminal, options: WalkOptions, lead: Lead, saved: SessionRow) -> bool:
    from salescoach.ui.prompts import select

    stream = term.screen(data_on_stdout=options.as_json)[1]
    with prompting(stream):
        return select(
            f"{lead.label}: a walk stopped at {_where(saved)}.",
            [
                ("Resume it", True),
                (
                    f"Start over at {lead.step.replace('_', ' ')} (the answers given in that "
                    "step so far are dropped)",
                    False,
                ),
            ],
            default=True,
        )


def _where(saved: SessionRow) -> str:
    state = saved.state
    plan, position = state.get("plan") or ["?"], int(state.get("position", 0))
    step = plan[min(position, len(plan) - 1)]
    number = STEP_IDS.index(step) + 1 if step in STEP_IDS else "?"
    return f"{number}/7 {step.replace('_', ' ')}, on {saved.updated_at:%a %d %b %H:%M}"


def _known(lead: Lead) -> dict[str, Any]:
    """The lead's answers, with its columns that questions may record under as defaults."""
    columns = {"temperature": lead.temperature, "source": lead.source}
    return {**{k: v for k, v in columns.items() if k in LEAD_COLUMN_FIELDS and v}, **lead.answers}


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
