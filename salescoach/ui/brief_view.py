"""The pre-call brief on one screen: the deal on top, then the step to run and what to expect."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from salescoach.core.answers import show
from salescoach.core.brief import Brief
from salescoach.ui.console import Terminal

MAX_ANSWERS = 10
MAX_POINTS = 4
SLA_STYLES = {"met": "green", "late": "yellow", "broken": "bold red", "due": "yellow"}


def render_brief(term: Terminal, brief: Brief) -> None:
    """Every item is one line (cut with an ellipsis): the brief is a glance, and the full text
    is a `playbook show` or `objection` away. Wide terminals get two columns."""
    today = date.fromisoformat(brief.today)
    out = term.out
    out.print(_header(brief, today))
    left = Group(*_step(brief))
    right = Group(*_record(brief, today))
    if out.width >= 110:
        grid = Table.grid(padding=(0, 3), expand=True)
        grid.add_column(ratio=3)
        grid.add_column(ratio=2)
        grid.add_row(left, right)
        out.print(grid)
    else:
        out.print(left)
        out.print(right)
    out.print(Group(*_expect(brief)))


def _header(brief: Brief, today: date) -> Panel:
    lead = brief.lead
    body = Text()
    contact = [v for v in (lead["email"], lead["phone"]) if v]
    extra = [
        f"source {lead['source']}" if lead["source"] else "",
        f"owner {lead['owner']}" if lead["owner"] else "",
    ]
    body.append(" · ".join([*contact, *[e for e in extra if e]]) or "no contact details")
    body.append("\n")
    body.append_text(_sla(brief.sla, today))
    if lead["last_interaction"]:
        when = datetime.fromisoformat(str(lead["last_interaction"])).date()
        body.append(f"   last activity {_ago(when, today)}", style="red" if lead["stale"] else "")
        if lead["stale"]:
            body.append(" (stale for this step)", style="red")
    else:
        body.append("   never contacted")
    if brief.open_walk:
        step = str(brief.open_walk["step"]).replace("_", " ")
        body.append(f"\nan unfinished walk waits at {step}: ", style="yellow")
        body.append(f"salescoach walk {lead['id']}", style="bold yellow")
        body.append(" resumes it", style="yellow")
    status = "" if lead["status"] == "open" else f" · {lead['status'].upper()}"
    title = f"[bold]{escape(lead['name'])}[/bold]" + (
        f" · {escape(lead['company'])}" if lead["company"] else ""
    )
    subtitle = (
        f"{lead['temperature']} · {lead['step_number']}/7 {escape(lead['step_title'])}"
        f" ({lead['days_in_step']}d){status}"
    )
    return Panel(body, title=title, title_align="left", subtitle=subtitle, subtitle_align="right")


def _sla(sla: dict[str, Any], today: date) -> Text:
    state, due = sla["state"], sla["due"]
    style = SLA_STYLES.get(state, "dim")
    if state == "none":
        return Text("no SLA", style="dim")
    days, contacted = sla["business_days"], sla["first_contact"]
    if state == "met":
        words = f"SLA met: first contact {_day(contacted)}, due {_day(due)}"
    elif state == "late":
        words = f"SLA missed by {days} business day(s): contacted {_day(contacted)}"
    elif state == "broken":
        words = f"SLA BROKEN: first contact was due {_day(due)} ({-days} business day(s) ago)"
    else:
        words = f"SLA: first contact due {'TODAY' if due == today else _day(due)}"
    return Text(words, style=style)


def _step(brief: Brief) -> list[RenderableType]:
    step = brief.step
    parts: list[RenderableType] = [
        Text.assemble(
            ("Next: ", "bold"),
            (f"{step['number']}/7 {step['title']}", "bold cyan"),
            f"  {step['goal']}",
        )
    ]
    parts += [_line(f"  • {line}") for line in step["guidance"]]
    parts += [_line(f"  ☐ {line}") for line in step["checklist"]]
    for question in step["questions"]:
        line = _line(f"  ? {question['text']}")
        if question["answer"] is not None:
            line.append(f"  [{show(question['answer'])}]", style="dim")
        elif question["required"]:
            line.append("  (required)", style="yellow")
        parts.append(line)
    return parts


def _expect(brief: Brief) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if brief.persona:
        persona = brief.persona
        parts.append(_line(f"\nTalking points ({persona['id'].replace('_', ' ')})", "bold"))
        parts += [_line(f"  ▸ {p}") for p in persona["talking_points"][:MAX_POINTS]]
    for card in brief.battlecards:
        parts.append(_line(f"\nvs {card['name']} ({card['why']})", "bold"))
        parts += [_line(f"  ▸ {p}") for p in card["how_we_win"][:MAX_POINTS]]
    if brief.likely_objections:
        parts.append(Text("\nLikely objections now", style="bold"))
        for item in brief.likely_objections:
            line = _line(f"  {item['title']}: ", "magenta")
            if item["raised_before"]:
                line.append(f"(before: {item['last_result'].replace('_', ' ')}) ", style="yellow")
            line.append(f"ask \u201c{item['ask']}\u201d", style="default")
            parts.append(line)
    return parts


def _record(brief: Brief, today: date) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if brief.answers:
        parts.append(Text("Recorded", style="bold"))
        for row in brief.answers[:MAX_ANSWERS]:
            line = Text.assemble(f"  {row['field']}: ", (row["shown"], "bold"))
            line.no_wrap, line.overflow = True, "ellipsis"
            parts.append(line)
        if len(brief.answers) > MAX_ANSWERS:
            parts.append(Text(f"  … {len(brief.answers) - MAX_ANSWERS} more (lead show)", "dim"))
    families = brief.objections["families"]
    if families:
        parts.append(Text("\nObjections so far", style="bold"))
        for family in families:
            last = family["last_result"].replace("_", " ")
            how = last if family["times"] == 1 else f"{family['resolved']} resolved, last {last}"
            parts.append(_line(f"  {family['title']} ×{family['times']} ({how})"))
    if brief.tasks:
        parts.append(Text("\nOpen tasks", style="bold"))
        for task in brief.tasks:
            style = "red" if task["overdue"] else "yellow" if task["due_today"] else ""
            due = date.fromisoformat(str(task["due"]))
            parts.append(_line(f"  ☐ {_day(due)} {task['title']}", style))
    if brief.recent:
        parts.append(Text("\nRecent", style="bold"))
        for event in brief.recent:
            when = datetime.fromisoformat(str(event["at"])).date()
            what = event["text"] or event["result"] or ""
            label = event["objection"] or event["kind"]
            parts.append(_line(f"  {_day(when)} {label}: {what}"))
    return parts


def _line(text: str, style: str = "") -> Text:
    """One line that never wraps: the brief must stay on one screen."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def _day(day: Any) -> str:
    value = day if isinstance(day, date) else date.fromisoformat(str(day))
    return f"{value:%a} {value.day} {value:%b}"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
