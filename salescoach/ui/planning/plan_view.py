"""The daily plan for people: a compact rich layout for the terminal, and markdown for e-mail.

Both show the sections in the same order: broken first-contact SLAs first and loudly, then the
follow-ups in urgency order with their one-line why, calls today (with the prep command),
stale deals, and goal progress.
"""

from __future__ import annotations

import re
from datetime import date

from salescoach.core.kernel.amounts import grouped
from salescoach.core.planning.plan import DailyPlan, idle_days, lead_of, prep_command
from salescoach.core.reporting.goals import GoalProgress
from salescoach.ui.console import Terminal
from salescoach.ui.plural import plural

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!])")
BAR_WIDTH = 10


def headline(plan: DailyPlan) -> str:
    c = plan.counts
    parts = [
        f"{c['overdue']} overdue",
        f"{c['due_today']} due today",
        f"{c['sla_broken']} SLA broken",
        f"{c['sla_due_today']} SLA due today",
        f"{c['stale']} stale",
        f"{plural(c['calls_today'], 'call')} today",
    ]
    return " · ".join(p for p in parts if not p.startswith("0 "))


def _day(day: date) -> str:
    return day.strftime("%a %-d %b")


def _goal_line(goal: GoalProgress) -> tuple[str, str]:
    period = "today" if goal.period == "day" else "this week"
    filled = min(BAR_WIDTH, int(BAR_WIDTH * goal.actual / goal.target)) if goal.target else 0
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    pace = (
        ""
        if goal.met or goal.period == "day"
        else (
            "  on pace"
            if goal.on_pace
            else f"  behind pace (expected {grouped(round(goal.expected, 1))} by today)"
        )
    )
    return (
        f"{goal.label} {period}" + (" (set by your manager)" if goal.by_manager else ""),
        f"{grouped(goal.actual)}/{grouped(goal.target)} {bar} {goal.percent}%{pace}",
    )


def render_text(term: Terminal, plan: DailyPlan) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = term.out
    title = f"[bold]Plan for {plan.date.strftime('%A %-d %B %Y')}[/]"
    out.print(f"{title}  {headline(plan)}" if not plan.is_empty else title)
    if plan.is_empty:
        out.print("Nothing due: no follow-ups, no first contacts due, no stale deals.")

    def grid() -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        table.add_column(style="dim", overflow="fold")
        return table

    if plan.sla.items:
        broken = plan.counts["sla_broken"]
        if broken:
            out.print(f"\n[bold red]!! {plural(broken, 'first-contact SLA')} broken: call now[/]")
        else:
            out.print("\n[bold]First contact due today[/]")
        table = grid()
        for row in plan.sla.items:
            late = (plan.date - row.sla_due).days
            state = f"[bold red]{late}d late[/]" if late > 0 else "[yellow]today[/]"
            table.add_row(
                state, escape(row.lead.label), f"{row.temperature} · {prep_command(row.lead.id)}"
            )
        out.print(table)
        _more(term, plan.sla.more, "salescoach plan --limit 0")
    if plan.tasks.items:
        out.print("\n[bold]Follow-ups[/] (most urgent first)")
        table = grid()
        for task in plan.tasks.items:  # two lines each: what to do, then why (dim)
            mark = f"[red]#{task.id}[/]" if task.days_late > 0 else f"#{task.id}"
            what = f"{escape(task.lead.label)}: [bold]{escape(task.title)}[/]"
            if task.channel:
                what += f" ({task.channel})"
            table.add_row(mark, what)
            table.add_row("", f"[dim]{escape(task.why)}[/]")
        out.print(table)
        _more(term, plan.tasks.more, "salescoach tasks --due today")
    if plan.calls.items:
        out.print("\n[bold]Calls today[/]")
        table = grid()
        for call in plan.calls.items:
            label = escape(lead_of(call).label)
            table.add_row(
                f"#{call.id}", f"{label}: {escape(call.title)}", prep_command(call.lead_id)
            )
        out.print(table)
        _more(term, plan.calls.more, "salescoach tasks --due today")
    if plan.stale.items:
        out.print("\n[bold]Stale deals[/] (no interaction for longer than the step allows)")
        table = grid()
        for deal in plan.stale.items:
            idle = idle_days(deal, plan.date)
            table.add_row(
                f"{idle}d", escape(deal.lead.label), f"{deal.step} · limit {deal.limit_days}d"
            )
        out.print(table)
        _more(term, plan.stale.more, "salescoach plan --limit 0")
    if plan.goals:
        out.print("\n[bold]Goals[/]")
        table = Table.grid(padding=(0, 2))
        for goal in plan.goals:
            table.add_row(*_goal_line(goal))
        out.print(table)


def _more(term: Terminal, more: int, command: str) -> None:
    if more:
        term.out.print(f"  [dim]… and {more} more: {command}[/]")


def md(text: str) -> str:
    """Text safe inside markdown: characters markdown would act on are escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(plan: DailyPlan) -> str:
    lines = [f"# Plan for {plan.date.strftime('%A %-d %B %Y')}", ""]
    lines.append(f"**{headline(plan)}**" if not plan.is_empty else "Nothing due today.")
    if plan.sla.items:
        broken = plan.counts["sla_broken"]
        lines += [
            "",
            f"## First contact due ({broken} SLA broken)"
            if broken
            else "## First contact due today",
            "",
        ]
        for row in plan.sla.items:
            late = (plan.date - row.sla_due).days
            state = f"**BROKEN, {plural(late, 'day')} late**" if late > 0 else "due today"
            lines.append(
                f"- {state}: {md(row.lead.label)}, {row.temperature} "
                f"(`{prep_command(row.lead.id)}`)"
            )
        _md_more(lines, plan.sla.more)
    if plan.tasks.items:
        lines += ["", "## Follow-ups, most urgent first", ""]
        for n, task in enumerate(plan.tasks.items, 1):
            channel = f" ({task.channel})" if task.channel else ""
            lines.append(
                f"{n}. **{md(task.title)}**{channel}: {md(task.lead.label)}. "
                f"{md(task.why)} (task {task.id})"
            )
        _md_more(lines, plan.tasks.more)
    if plan.calls.items:
        lines += ["", "## Calls today", ""]
        for call in plan.calls.items:
            lines.append(
                f"- {md(lead_of(call).label)}: {md(call.title)}. "
                f"Before the call: `{prep_command(call.lead_id)}`"
            )
        _md_more(lines, plan.calls.more)
    if plan.stale.items:
        lines += ["", "## Stale deals", ""]
        for deal in plan.stale.items:
            lines.append(
                f"- {md(deal.lead.label)}: {deal.step}, idle "
                f"{plural(idle_days(deal, plan.date), 'day')} (limit {deal.limit_days})"
            )
        _md_more(lines, plan.stale.more)
    if plan.goals:
        lines += ["", "## Goals", ""]
        for goal in plan.goals:
            name, progress = _goal_line(goal)
            lines.append(f"- {md(name)}: {progress}")
    return "\n".join(lines) + "\n"


def _md_more(lines: list[str], more: int) -> None:
    if more:
        lines.append(f"- … and {more} more")
