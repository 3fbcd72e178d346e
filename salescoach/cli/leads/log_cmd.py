"""`salescoach log` (record an interaction quickly) and `salescoach history` (read the log)."""

from __future__ import annotations

from collections.abc import Iterable

import typer

from salescoach.cli.leads.lead_support import LEAD_HELP
from salescoach.core.kernel.records import CHANNELS, MAX_LIMIT, LoggedInteraction, NewInteraction


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("history")(history)


def log(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    step: str | None = typer.Option(None, "--step", "-s", help="Step (default: the lead's)."),
    channel: str | None = typer.Option(
        None, "--channel", "-c", help=", ".join(CHANNELS) + " (none: a note)."
    ),
    outcome: str | None = typer.Option(None, "--outcome", "-o", help="How it went."),
    reply: bool = typer.Option(
        False,
        "--reply",
        help="The lead replied: records outcome 'replied' and stops cadences that stop on reply.",
    ),
    note: str | None = typer.Option(None, "--note", "-m", help="Free text."),
    objection: str | None = typer.Option(None, "--objection", help="An objection raised (id)."),
    result: str | None = typer.Option(
        None, "--result", help="With --objection: resolved, partly or not_resolved."
    ),
    duration: int | None = typer.Option(None, "--duration", "-d", min=0, max=1440, help="Minutes."),
    at: str | None = typer.Option(None, "--at", help="When: e.g. yesterday 14:30 (default now)."),
    no_log: bool = typer.Option(False, "--no-log", help="Check the input, write nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the interaction as JSON."),
) -> None:
    """Log one interaction with a lead, without prompts; prints its id when piped."""
    from salescoach import clock
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.interactions import log_interaction
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import no_log_note, step_id
    from salescoach.core.kernel.jsonview import interaction_json
    from salescoach.core.leads.interaction_input import build_interaction, reply_outcome
    from salescoach.store.access import opened_store
    from salescoach.store.leads import find_lead
    from salescoach.ui.console import isatty

    if reply:
        outcome = reply_outcome(outcome)
    term = terminal()
    with opened_store() as conn:
        found = find_lead(conn, lead)
        item = build_interaction(
            found,
            now=clock.now(),
            step=step_id(step),
            channel=channel,
            outcome=outcome,
            note=note,
            objection=objection,
            result=result,
            duration=duration,
            at=at,
        )
        log = interaction_log(conn, no_log=no_log)
        logged = log_interaction(conn, log, item)
    if logged.id is None:
        term.say(no_log_note(log) or "not logged")
        return
    if as_json:
        from salescoach.core.kernel.records import Interaction

        shown = Interaction(**{**item.as_fields(), "id": logged.id})
        term.json(interaction_json(shown, logged.cancelled))
    elif not isatty(term.stdout):  # the id for a script; a person reads the message
        term.line(str(logged.id))
    term.say(f"logged {_what(item)} for lead {found.id} {found.label} at {item.at:%Y-%m-%d %H:%M}")
    from salescoach.ui.planning.cancelled_view import cancelled_lines

    for line in cancelled_lines(logged.cancelled):
        term.say(line)


def _what(item: NewInteraction) -> str:
    """What was logged, as the rep would say it: the reply, the outcome, the objection."""
    from salescoach.core.planning.tasks import REPLY_RESULT

    by = f" ({item.channel})" if item.channel else ""
    if item.kind == "objection":
        return f"objection {item.objection}" + (f", {item.result}" if item.result else "") + by
    if item.kind == "outcome":
        said = "the lead's reply" if item.result == REPLY_RESULT else f"outcome {item.result!r}"
        return said + by
    return item.channel or "note to self"


def history(
    lead: str | None = typer.Argument(None, help=LEAD_HELP + " None: every lead."),
    since: str | None = typer.Option(None, "--since", help="From this date (e.g. -7d, monday)."),
    step: str | None = typer.Option(None, "--step", "-s", help="Only this step."),
    limit: int = typer.Option(
        200,
        "--limit",
        "-n",
        min=0,
        max=MAX_LIMIT,
        help="The newest this many (0: all); printed oldest first.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (an array)."),
) -> None:
    """The interaction log, oldest first: one lead's, or everyone's."""
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import read_date, step_id
    from salescoach.core.kernel.jsonview import history_entry
    from salescoach.store.access import opened_store
    from salescoach.store.interactions import each_logged
    from salescoach.store.interactions import history as read_history
    from salescoach.store.leads import find_lead

    since_day = read_date(since, clock.today())
    step_only = step_id(step)
    term = terminal()
    with opened_store() as conn:
        lead_id = find_lead(conn, lead).id if lead is not None else None
        entries: Iterable[LoggedInteraction] = ()
        if limit:
            entries, more = read_history(
                conn, lead_id=lead_id, since=since_day, step=step_only, limit=limit
            )
        else:  # everything, written as it is read
            entries = each_logged(conn, lead_id=lead_id, since=since_day, step=step_only)
            more = False
        if as_json:
            shown = term.json_items(history_entry(e.interaction, e.lead_label) for e in entries)
        else:
            from salescoach.ui.leads.history_view import render_history

            shown = render_history(term, entries, one_lead=lead_id is not None)
    if more:
        term.say(f"showing the newest {shown}; use --limit 0 or --since for more")
    elif not shown:
        term.say("nothing logged" + (" that matches" if since or step else " yet"))
