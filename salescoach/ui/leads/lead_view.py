"""How leads and their timelines read in a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.markup import escape
from rich.table import Table

from salescoach.core.kernel.records import Interaction, Lead, OpenTask
from salescoach.core.kernel.safe_text import indented
from salescoach.core.walk.answers import humanize, show
from salescoach.core.walk.criteria import criteria_by_step
from salescoach.ui.console import Terminal
from salescoach.ui.leads.history_view import CONTINUED, describe_interaction, when
from salescoach.ui.plain_table import LONG, Column, render, stream
from salescoach.ui.plural import plural

_COLUMNS = ("id", "name", "company", "temp", "step", "status", "last interaction", "sla")
_PLAIN = tuple(Column(c, fold=True) for c in _COLUMNS)


def _cells(lead: Lead) -> tuple[str, ...]:
    return (
        str(lead.id),
        lead.name,
        lead.company or "",
        lead.temperature,
        lead.step,
        lead.status,
        when(lead.last_interaction_at) if lead.last_interaction_at else "-",
        when(lead.sla_due) if lead.sla_due and lead.first_contact_at is None else "",
    )


def stream_lead_table(term: Terminal, widths: list[int], leads: Iterable[Lead]) -> None:
    """The plain listing `render_lead_table` draws for a long list, written as the leads come,
    under the widths of the store's measure (`store.leadlist.lead_widths`)."""
    stream(term, _PLAIN, widths, ((_cells(lead), False) for lead in leads))


def render_lead_table(term: Terminal, leads: list[Lead]) -> None:
    if len(leads) > LONG:
        render(term, _PLAIN, [_cells(lead) for lead in leads])
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in _COLUMNS:
        table.add_column(column, overflow="fold")
    for lead in leads:
        table.add_row(*(escape(cell) for cell in _cells(lead)))
    term.out.print(table)


def render_lead(
    term: Terminal, lead: Lead, timeline: list[Interaction], tasks: list[OpenTask]
) -> None:
    out = term.out
    out.print(f"[bold]{escape(lead.label)}[/bold]  (lead {lead.id})")
    fields = [
        ("email", lead.email),
        ("phone", lead.phone),
        ("mobile", lead.mobile),
        ("job title", lead.job_title),
        ("source", lead.source),
        ("owner", lead.owner),
        ("playbook", lead.playbook),
        ("temperature", lead.temperature),
        ("step", f"{lead.step} since {when(lead.step_entered_at)}"),
        ("status", lead.status + (f": {lead.status_reason}" if lead.status_reason else "")),
        ("first contact due", when(lead.sla_due) if lead.sla_due else None),
        ("first contact", when(lead.first_contact_at) if lead.first_contact_at else None),
        ("last interaction", when(lead.last_interaction_at)),
        ("added", when(lead.created_at)),
        ("crm record", f"{lead.crm_vendor} {lead.crm_id}" if lead.crm_id else None),
    ]
    for label, value in fields:
        if value:
            out.print(f"  {label + ':':<19} {escape(str(value))}")
    out.print()
    out.print("[bold]Answers[/bold]" + ("" if lead.answers else "  (none recorded yet)"))
    for field, value in lead.answers.items():
        out.print(f"  {escape(humanize(field))}: {escape(_answer(value))}")
    steps = criteria_by_step(timeline)
    if steps:
        out.print()
        out.print("[bold]Exit criteria[/bold]")
        for record in steps:
            total = len(record.met) + len(record.missed)
            state = "skipped" if record.skipped else "met"
            out.print(
                f"  {record.step}: {len(record.met)}/{total} met"
                + (f" ({state}: {escape('; '.join(record.missed))})" if record.missed else "")
                + (
                    f"; {len(record.not_applicable)} not applicable"
                    if record.not_applicable
                    else ""
                )
            )
    out.print()
    out.print(f"[bold]Open tasks[/bold] ({len(tasks)})")
    for task in tasks:
        channel = f" [{task.channel}]" if task.channel else ""
        out.print(f"  {task.due.isoformat()}  #{task.id} {escape(task.title)}{channel}")
    out.print()
    out.print(f"[bold]Timeline[/bold] ({plural(len(timeline), 'interaction')}, oldest first)")
    for item in timeline:
        out.print(
            f"  {when(item.at)}  {escape(indented(describe_interaction(item), '  ' + CONTINUED))}"
        )


_CHOICE_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")  # a playbook choice such as in_house


def _answer(value: object) -> str:
    """A recorded answer in the words the timeline uses: yes/no, `in house`, `18,000`."""
    if isinstance(value, list):
        return ", ".join(_answer(item) for item in value) or "none"
    if isinstance(value, str) and _CHOICE_ID.fullmatch(value):
        return humanize(value)
    return show(value)
