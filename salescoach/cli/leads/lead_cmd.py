"""`salescoach lead add|list|show|edit`: the leads a rep works on.

`lead stage` and `lead archive` live in lead_stage_cmd.py, `lead import` in lead_import_cmd.py;
all three register on the `app` defined here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from salescoach.cli.leads.lead_support import LEAD_HELP
from salescoach.core.kernel.records import MAX_LIMIT, Lead

if TYPE_CHECKING:
    import sqlite3

    from salescoach.store.leadlist import LeadQuery
    from salescoach.ui.console import Terminal

app = typer.Typer(
    help="Add, list, show, edit, move, archive and import leads.", no_args_is_help=True
)


@app.command()
def add(
    name: str = typer.Argument(..., help="The person's name."),
    company: str | None = typer.Option(None, "--company", "-c", help="Their company."),
    email: str | None = typer.Option(None, "--email", "-e", help="E-mail address."),
    phone: str | None = typer.Option(None, "--phone", help="Phone number."),
    mobile: str | None = typer.Option(None, "--mobile", help="Mobile number."),
    job_title: str | None = typer.Option(None, "--title", help="Job title."),
    source: str | None = typer.Option(None, "--source", help="Where the lead came from."),
    temperature: str = typer.Option("cold", "--temperature", "-t", help="cold, warm, qualified."),
    playbook: str | None = typer.Option(None, "--playbook", "-p", help="Playbook name or file."),
    owner: str | None = typer.Option(None, "--owner", help="The rep who owns the lead."),
    sla: str | None = typer.Option(
        None, "--sla", help="First contact due by (a date; default: the playbook's SLA)."
    ),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Add even if the same e-mail or name+company exists."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the new lead as JSON."),
) -> None:
    """Add a lead; prints its id (on a terminal, the message alone says it)."""
    from salescoach import clock
    from salescoach.actions.leads import add_lead
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import (
        check_playbook,
        checked_sla,
        default_playbook,
        default_sla,
    )
    from salescoach.core.kernel.jsonview import lead_json
    from salescoach.core.kernel.leadfields import clean_lead_fields
    from salescoach.store.access import opened_store
    from salescoach.store.leads import get_lead
    from salescoach.ui.console import isatty

    raw = {"name": name, "company": company, "email": email, "phone": phone}
    raw.update(source=source, temperature=temperature, owner=owner)
    raw.update(mobile=mobile, job_title=job_title)
    cleaned = clean_lead_fields(raw, new=True)
    fields: dict[str, object] = dict(cleaned)
    fields["playbook"] = check_playbook(playbook or default_playbook())
    if sla is not None:
        fields["sla_due"] = checked_sla(sla, clock.today())
    term = terminal()
    with opened_store() as conn:  # first: a store it refuses leaves the home as it was
        if sla is None:  # the playbook's first-contact SLA for the temperature, as import gives
            fields["sla_due"] = default_sla(str(fields["playbook"]), str(cleaned["temperature"]))
        lead_id = add_lead(conn, fields, clock.now(), allow_duplicate=allow_duplicate)
        lead = get_lead(conn, lead_id)
    if as_json:
        term.json(lead_json(lead))
    elif not isatty(term.stdout):  # the id for a script; on a terminal the message says it
        term.line(str(lead_id))
    term.say(f"added lead {lead_id}: {lead.label}")


@app.command("list")
def list_(
    step: str | None = typer.Option(None, "--stage", "--step", "-s", help="Only this step."),
    temperature: str | None = typer.Option(None, "--temperature", "-t", help="Only this one."),
    playbook: str | None = typer.Option(None, "--playbook", "-p", help="Only this playbook."),
    owner: str | None = typer.Option(None, "--owner", help="Only this owner's leads."),
    text: str | None = typer.Option(None, "--text", "-q", help="Part of name, company, e-mail."),
    status: str = typer.Option(
        "active", "--status", help="open, won, lost, archived, active (not archived) or all."
    ),
    sort: str = typer.Option(
        "name", "--sort", help="name, company, created, updated, last, sla, step or id."
    ),
    limit: int = typer.Option(
        50, "--limit", "-n", min=0, max=MAX_LIMIT, help="At most this many (0: all)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (an array of leads)."),
) -> None:
    """List leads (50 by default; a note on stderr says when more match)."""
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import step_id
    from salescoach.core.kernel.jsonview import lead_summary
    from salescoach.core.kernel.leadfields import clean_temperature
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.store.leadlist import SORTS, STATUS_CHOICES, LeadQuery, each_lead, list_leads
    from salescoach.ui.plural import plural

    if status not in STATUS_CHOICES:
        raise UsageError(f"unknown status {status!r}", hint="use " + ", ".join(STATUS_CHOICES))
    if sort not in SORTS:
        raise UsageError(f"cannot sort by {sort!r}", hint="use " + ", ".join(SORTS))
    query = LeadQuery(
        step=step_id(step),
        temperature=clean_temperature(temperature),
        playbook=playbook,
        owner=owner,
        text=text,
        status=status,
        sort=sort,
        limit=limit or None,
    )
    term = terminal()
    with opened_store() as conn:
        if as_json and query.limit is None:  # every lead, written as it is read
            total = shown = term.json_items(map(lead_summary, each_lead(conn, query)))
        elif query.limit is None and (streamed := _stream_leads(term, conn, query)):
            total = shown = streamed
        else:
            leads, total = list_leads(conn, query)
            shown = len(leads)
            _show_leads(term, leads, as_json)
    if total > shown:
        term.say(f"showing {shown} of {plural(total, 'lead')}; use --limit 0 for all")
    elif not shown:
        filtered = any((step, temperature, playbook, owner, text)) or status != "active"
        term.say("no leads match" if filtered else "no leads yet: add one with `lead add NAME`")


def _stream_leads(term: Terminal, conn: sqlite3.Connection, query: LeadQuery) -> int:
    """Every lead `query` lists, written as it is read, when they are too many for a rich
    table: how many (0: they are not, nothing was written)."""
    from salescoach.store.leadlist import each_lead, lead_widths
    from salescoach.ui.leads.lead_view import stream_lead_table
    from salescoach.ui.plain_table import LONG, shown_width

    count, widths = lead_widths(conn, query, shown_width)
    if count <= LONG:
        return 0
    stream_lead_table(term, widths, each_lead(conn, query))
    return count


def _show_leads(term: Terminal, leads: list[Lead], as_json: bool) -> None:
    from salescoach.core.kernel.jsonview import lead_summary

    if as_json:
        term.json_items(map(lead_summary, leads))
    elif leads:
        from salescoach.ui.leads.lead_view import render_lead_table

        render_lead_table(term, leads)


@app.command()
def show(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """A lead's fields, recorded answers, open tasks and full interaction timeline."""
    from salescoach.cli.common import terminal
    from salescoach.store.access import opened_store
    from salescoach.store.interactions import lead_history
    from salescoach.store.leadlist import open_tasks
    from salescoach.store.leads import find_lead

    with opened_store() as conn:
        found = find_lead(conn, lead)
        timeline = list(reversed(lead_history(conn, found.id)))
        tasks = open_tasks(conn, found.id)
    term = terminal()
    if as_json:
        from salescoach.core.leads.jsonview import lead_detail
        from salescoach.core.walk.criteria import criteria_by_step

        term.json(lead_detail(found, criteria_by_step(timeline), tasks, timeline))
        return
    from salescoach.ui.leads.lead_view import render_lead

    render_lead(term, found, timeline, tasks)


@app.command()
def edit(
    lead: str = typer.Argument(..., help=LEAD_HELP),
    name: str | None = typer.Option(None, "--name", help="New name."),
    company: str | None = typer.Option(None, "--company", "-c", help='New company ("" clears).'),
    email: str | None = typer.Option(None, "--email", "-e", help='New e-mail ("" clears).'),
    phone: str | None = typer.Option(None, "--phone", help='New phone ("" clears).'),
    mobile: str | None = typer.Option(None, "--mobile", help='New mobile ("" clears).'),
    job_title: str | None = typer.Option(None, "--title", help='New job title ("" clears).'),
    source: str | None = typer.Option(None, "--source", help='New source ("" clears).'),
    temperature: str | None = typer.Option(None, "--temperature", "-t", help="New temperature."),
    playbook: str | None = typer.Option(None, "--playbook", "-p", help="New playbook."),
    owner: str | None = typer.Option(None, "--owner", help='New owner ("" clears).'),
    sla: str | None = typer.Option(None, "--sla", help='First contact due by ("" clears).'),
    as_json: bool = typer.Option(False, "--json", help="Print the lead as JSON."),
) -> None:
    """Change a lead's fields; only the options given change."""
    from salescoach import clock
    from salescoach.actions.leads import edit_lead
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_support import check_playbook, checked_sla
    from salescoach.core.kernel.jsonview import lead_json
    from salescoach.core.kernel.leadfields import clean_lead_fields
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.store.leads import find_lead

    given = {"name": name, "company": company, "email": email, "phone": phone}
    given.update(source=source, temperature=temperature, owner=owner)
    given.update(mobile=mobile, job_title=job_title)
    raw = {k: v for k, v in given.items() if v is not None}
    changes: dict[str, object] = dict(clean_lead_fields(raw, new=False))
    if "name" in raw and not changes["name"]:
        raise UsageError("the lead's name cannot be emptied")
    if "temperature" in raw and not changes["temperature"]:
        raise UsageError("the temperature cannot be emptied", hint="cold, warm or qualified")
    if playbook is not None:
        changes["playbook"] = check_playbook(playbook)
    if sla is not None:
        changes["sla_due"] = checked_sla(sla, clock.today()) if sla.strip() else None
    if not changes:
        raise UsageError("nothing to change", hint="give at least one option, e.g. --email")
    with opened_store() as conn:
        updated = edit_lead(conn, find_lead(conn, lead).id, changes, clock.now())
    term = terminal()
    if as_json:
        term.json(lead_json(updated))
    term.say(f"updated lead {updated.id}: {', '.join(changes)}")


def register(parent: typer.Typer) -> None:
    from salescoach.cli.leads import lead_import_cmd, lead_stage_cmd

    lead_stage_cmd.register(app)
    lead_import_cmd.register(app)
    parent.add_typer(app, name="lead")
