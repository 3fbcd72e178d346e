"""`salescoach lead stage|archive`: move a lead through the steps, close or archive it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from salescoach.cli.leads.lead_support import LEAD_HELP

if TYPE_CHECKING:
    from salescoach.core.kernel.records import ClosedStatus

NO_LOG_HELP = "Change the lead but write nothing to the interaction log."


def register(app: typer.Typer) -> None:
    app.command()(stage)
    app.command()(archive)


MAX_DEAL_VALUE = 1e12


def stage(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    step: str = typer.Argument(..., help="The step: its id, a number 1-7, or e.g. close."),
    won: bool = typer.Option(False, "--won", help="The deal is won (closing or follow_up)."),
    lost: str | None = typer.Option(None, "--lost", metavar="REASON", help="Lost, and why."),
    reason: str | None = typer.Option(None, "--reason", help="A note on why (with --won)."),
    amount: str | None = typer.Option(
        None,
        "--value",
        metavar="AMOUNT",
        help="With --won: the deal's value, e.g. 18000 or $18,000 (counts toward revenue_won).",
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
    if amount is not None and not won:
        raise UsageError("--value is the value of a won deal", hint="add --won")
    value = _deal_value(amount) if amount is not None else None
    outcome: ClosedStatus | None = "won" if won else ("lost" if lost is not None else None)
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


def _deal_value(amount: str) -> float:
    from salescoach.core.kernel.amounts import parse_amount
    from salescoach.errors import UsageError

    try:
        value = float(parse_amount(amount))
    except ValueError:
        value = -1.0
    if not 0 <= value <= MAX_DEAL_VALUE:
        raise UsageError(
            f"--value must be a number from 0 to {MAX_DEAL_VALUE:,.0f}, not {amount!r}",
            hint="e.g. 18000, 18,000 or $18,000",
        )
    return value


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
    outcome: ClosedStatus | None,
    reason: str | None,
    reopen: bool,
    no_log: bool,
    as_json: bool,
    value: float | None = None,
) -> None:
    from salescoach import clock
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.stages import change_stage
    from salescoach.cli.common import load_playbook, terminal
    from salescoach.cli.leads.lead_support import no_log_note
    from salescoach.core.kernel.jsonview import lead_json
    from salescoach.core.leads.stages import transition
    from salescoach.store.access import opened_store
    from salescoach.store.leads import find_lead
    from salescoach.ui.planning.cancelled_view import cancelled_lines
    from salescoach.ui.plural import plural

    with opened_store() as conn:
        lead = find_lead(conn, lead_ref)
        asked = transition(step, outcome=outcome, reason=reason, reopen=reopen)
        log = interaction_log(conn, no_log=no_log)
        result = change_stage(
            conn,
            log,
            lead,
            asked,
            clock.now(),
            load_playbook=lambda name: load_playbook(name).playbook,
            value=value,
        )
    term = terminal()
    if as_json:
        term.json(lead_json(result.lead, result.cancelled))
    term.say(f"lead {lead.id} {lead.label}: {result.change.summary}")
    for line in cancelled_lines(result.cancelled, "open cadence follow-up"):
        term.say(line)
    if result.unscheduled:
        term.say(f"no follow-ups scheduled: playbook {lead.playbook!r}: {result.unscheduled}")
    if result.added_tasks:
        term.say(f"scheduled {plural(result.added_tasks, 'follow-up')} from the playbook's cadence")
    if note := no_log_note(log):
        term.say(note)
