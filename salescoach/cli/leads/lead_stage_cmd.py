"""`salescoach lead stage|archive`: move a lead through the steps, close or archive it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from salescoach.cli.leads.lead_support import LEAD_HELP

if TYPE_CHECKING:
    from salescoach.core.kernel.records import Lead
    from salescoach.core.planning.cadence import PlannedTask

NO_LOG_HELP = "Change the lead but write nothing to the interaction log."


def register(app: typer.Typer) -> None:
    app.command()(stage)
    app.command()(archive)


def stage(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    step: str = typer.Argument(..., help="The step: its id, a number 1-7, or e.g. close."),
    won: bool = typer.Option(False, "--won", help="The deal is won (closing or follow_up)."),
    lost: str | None = typer.Option(None, "--lost", metavar="REASON", help="Lost, and why."),
    reason: str | None = typer.Option(None, "--reason", help="A note on why (with --won)."),
    value: float | None = typer.Option(
        None, "--value", min=0, help="With --won: the deal's value (counts toward revenue_won)."
    ),
    reopen: bool = typer.Option(False, "--reopen", help="Reopen a won, lost or archived lead."),
    no_log: bool = typer.Option(False, "--no-log", help=NO_LOG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the lead as JSON."),
) -> None:
    """Move a lead to a step; at closing record it --won or --lost REASON.

    A won, lost or archived lead has its open cadence follow-ups cancelled; won and lost log
    the deal's outcome (counted by goals and reports) and schedule the playbook's won or lost
    follow-ups, as the walk's closing step does.
    """
    from salescoach.cli.common import resolve_step
    from salescoach.errors import UsageError

    if won and lost is not None:
        raise UsageError("a deal is either --won or --lost, not both")
    if lost is not None and reason is not None:
        raise UsageError("give the reason once, as --lost REASON")
    if value is not None and not won:
        raise UsageError("--value is the value of a won deal", hint="add --won")
    outcome = "won" if won else ("lost" if lost is not None else None)
    _change(
        lead,
        resolve_step(step),
        outcome=outcome,
        reason=lost if lost is not None else reason,
        reopen=reopen,
        no_log=no_log,
        as_json=as_json,
        value=value,
    )


def archive(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    reason: str | None = typer.Option(None, "--reason", help="Why (e.g. not a fit)."),
    no_log: bool = typer.Option(False, "--no-log", help=NO_LOG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the lead as JSON."),
) -> None:
    """Archive a lead: hidden from lists and plans, its cadence follow-ups cancelled.

    `lead stage LEAD STEP --reopen` brings it back.
    """
    _change(
        lead, None, outcome="archived", reason=reason, reopen=False, no_log=no_log, as_json=as_json
    )


def _change(
    lead_ref: str,
    step: str | None,
    *,
    outcome: str | None,
    reason: str | None,
    reopen: bool,
    no_log: bool,
    as_json: bool,
    value: float | None = None,
) -> None:
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import no_log_note
    from salescoach.core.kernel.jsonview import jsonable
    from salescoach.core.leads.stages import plan_stage_change
    from salescoach.core.planning.followup import stage_outcome
    from salescoach.store.access import opened_store
    from salescoach.store.leads import find_lead
    from salescoach.store.stages import apply_stage_change
    from salescoach.ui.plural import plural

    with opened_store() as conn:
        lead = find_lead(conn, lead_ref)
        change = plan_stage_change(lead, step, outcome=outcome, reason=reason, reopen=reopen)
        now = clock.now()
        deal = stage_outcome(change.changes.get("status"), reason, value, now.date())
        tasks, problem = _closing_tasks(lead, deal, now.date()) if deal else ([], None)
        result = apply_stage_change(
            conn, lead.id, change, now, log=not no_log, outcome=deal, tasks=tasks
        )
    term = terminal()
    if as_json:
        term.json(jsonable(result.lead))
    term.say(f"lead {lead.id} {lead.label}: {change.summary}")
    if result.cancelled_tasks:
        term.say(f"cancelled {plural(result.cancelled_tasks, 'open cadence follow-up')}")
    if problem:
        term.say(problem)
    if result.added_tasks:
        term.say(f"scheduled {plural(result.added_tasks, 'follow-up')} from the playbook's cadence")
    if note := no_log_note(result.interaction_id is not None, no_log):
        term.say(note)


def _closing_tasks(
    lead: Lead, deal: dict[str, Any], today: date
) -> tuple[list[PlannedTask], str | None]:
    """The playbook's won/lost cadence, proposed as the walk's follow-up step does; with the
    lead's playbook unreadable, none and why (the deal still closes)."""
    from salescoach.cli.common import load_playbook
    from salescoach.core.planning.followup import propose_tasks
    from salescoach.errors import SalescoachError

    try:
        playbook = load_playbook(lead.playbook).playbook
    except SalescoachError as error:
        return [], f"no follow-ups scheduled: playbook {lead.playbook!r}: {error.message}"
    return propose_tasks(playbook, deal, lead.label, today), None
