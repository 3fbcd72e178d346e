"""The pre-call brief on one screen: the deal on top, then the step to run, what is on record
and what to expect. `prep --json` carries everything; this screen is the glance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from salescoach.core.kernel.safe_text import indented
from salescoach.core.walk.answers import show
from salescoach.ui.console import Terminal
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.walk.shapes import BriefAnswer, BriefJSON, BriefSla

MAX_ANSWERS = 10
MAX_GUIDANCE = 3
MAX_POINTS = 3  # persona talking points
MAX_WIN_LINES = 2  # a battlecard's "how we win"
MAX_TASKS = 3
MAX_RECENT = 5
LABEL_WIDTH = 15
SLA_STYLES = {"met": "green", "late": "yellow", "broken": "bold red", "due": "yellow"}


def render_brief(term: Terminal, brief: BriefJSON) -> None:
    """The deal on top, then one labelled row per section. Lists that are read as a whole
    (checklist, questions, likely objections) flow as one wrapped paragraph; lists read item
    by item keep one line per item, cut with an ellipsis. The full text is a `playbook show`,
    `lead show` or `prep --json` away."""
    today = date.fromisoformat(brief["today"])
    out = term.out
    out.print(_header(brief, today))
    body = Table.grid(padding=(0, 1), expand=True)
    body.add_column(width=LABEL_WIDTH, no_wrap=True, overflow="ellipsis", style="bold")
    body.add_column(ratio=1)
    for label, content in [*_step(brief), *_record(brief, today), *_expect(brief)]:
        body.add_row(label, content)
    out.print(body)


def _header(brief: BriefJSON, today: date) -> Panel:
    lead = brief["lead"]
    body = Text()
    contact = [v for v in (lead["email"], lead["phone"]) if v]
    extra = [
        f"source {lead['source']}" if lead["source"] else "",
        f"owner {lead['owner']}" if lead["owner"] else "",
    ]
    body.append(" · ".join([*contact, *[e for e in extra if e]]) or "no contact details")
    body.append("\n")
    body.append_text(_sla(brief["sla"], today))
    if lead["last_interaction"]:
        when = datetime.fromisoformat(str(lead["last_interaction"])).date()
        body.append(f"   last activity {_ago(when, today)}", style="red" if lead["stale"] else "")
        if lead["stale"]:
            body.append(" (stale for this step)", style="red")
    else:
        body.append("   never contacted")
    if brief["open_walk"]:
        step = str(brief["open_walk"]["step"]).replace("_", " ")
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


def _sla(sla: BriefSla, today: date) -> Text:
    state, due = sla["state"], sla["due"]
    style = SLA_STYLES.get(state, "dim")
    if state == "none":
        return Text("no SLA", style="dim")
    days, contacted = sla["business_days"] or 0, sla["first_contact"]  # None only with no SLA
    if state == "met":
        words = f"SLA met: first contact {_day(contacted)}, due {_day(due)}"
    elif state == "late":
        words = f"SLA missed by {plural(days, 'business day')}: contacted {_day(contacted)}"
    elif state == "broken":
        words = (
            f"SLA BROKEN: first contact was due {_day(due)} ({plural(-days, 'business day')} ago)"
        )
    else:
        words = f"SLA: first contact due {'TODAY' if due == today.isoformat() else _day(due)}"
    return Text(words, style=style)


Row = tuple[RenderableType, RenderableType]


def _step(brief: BriefJSON) -> list[Row]:
    step = brief["step"]
    rows: list[Row] = [
        (
            Text("Next", style="bold cyan"),
            Text.assemble(
                (f"{step['number']}/7 {step['title']}", "bold cyan"), f"  {step['goal']}"
            ),
        )
    ]
    guidance = step["guidance"]
    if guidance:
        lines = [_line(f"• {g}") for g in guidance[:MAX_GUIDANCE]]
        if len(guidance) > MAX_GUIDANCE:
            lines[-1].append(f" (+{len(guidance) - MAX_GUIDANCE})", style="dim")
        rows.append(("Guidance", Group(*lines)))
    if step["checklist"]:
        rows.append(("Checklist", _flow(Text(item) for item in step["checklist"])))
    questions = []
    for question in step["questions"]:
        text = Text(question["text"])
        if question["answer"] is not None:
            text.append(f" [{show(question['answer'])}]", style="dim")
        elif question["required"]:
            text.append(" (required)", style="yellow")
        questions.append(text)
    if questions:
        rows.append(("Questions", _flow(questions)))
    return rows


def _expect(brief: BriefJSON) -> list[Row]:
    rows: list[Row] = []
    if brief["persona"]:
        persona = brief["persona"]
        label = Text("Talking pts\n", style="bold")
        label.append(f"({persona['id'].replace('_', ' ')})", style="dim")
        points = persona["talking_points"][:MAX_POINTS]
        rows.append((label, Group(*[_line(f"▸ {p}") for p in points])))
    for card in brief["battlecards"]:
        wins = card["how_we_win"][:MAX_WIN_LINES]
        first = _line(f"({card['why']}) ", "dim")
        first.append(f"▸ {wins[0]}" if wins else "", style="default")
        lines = [first, *[_line(f"▸ {w}") for w in wins[1:]]]
        # A name like "Tallybird (low-cost self-serve tool)" keeps its short form as the label.
        rows.append((f"vs {card['name'].split(' (')[0]}", Group(*lines)))
    if brief["likely_objections"]:
        titles = []
        for item in brief["likely_objections"]:
            text = Text(item["title"], style="magenta")
            if item["raised_before"]:
                text.append(f" (before: {_result(item['last_result'])})", style="yellow")
            titles.append(text)
        rows.append(("Likely", _flow(titles)))
    return rows


def _record(brief: BriefJSON, today: date) -> list[Row]:
    rows: list[Row] = []
    if brief["answers"]:
        rows.append(("Recorded", _answers(brief["answers"])))
    families = brief["objections"]["families"]
    if families:
        so_far = []
        for family in families:
            last = _result(family["last_result"])
            how = last if family["times"] == 1 else f"{family['resolved']} resolved, last {last}"
            so_far.append(Text(f"{family['title']} ×{family['times']} ({how})"))
        rows.append(("Objections", _flow(so_far)))
    if brief["tasks"]:
        lines = []
        for task in brief["tasks"][:MAX_TASKS]:
            style = "red" if task["overdue"] else "yellow" if task["due_today"] else ""
            due = date.fromisoformat(str(task["due"]))
            lines.append(_line(f"☐ {_day(due)} {task['title']}", style))
        if len(brief["tasks"]) > MAX_TASKS:
            lines[-1].append(f" (+{len(brief['tasks']) - MAX_TASKS})", style="dim")
        rows.append(("Open tasks", Group(*lines)))
    if brief["recent"]:
        lines = []
        for event in brief["recent"][:MAX_RECENT]:
            when = datetime.fromisoformat(str(event["at"])).date()
            what = event["text"] or event["result"] or ""
            label = event["objection"] or event["kind"]
            lines.append(_line(indented(f"{_day(when)} {label}: {what}", "  ")))
        rows.append(("Recent", Group(*lines)))
    return rows


def _answers(answers: list[BriefAnswer]) -> RenderableType:
    """The recorded answers two to a row, filled row by row."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    shown = answers[:MAX_ANSWERS]
    cells = [
        _line("").append_text(Text.assemble(f"{row['field']}: ", (row["shown"], "bold")))
        for row in shown
    ]
    for i in range(0, len(cells), 2):
        grid.add_row(*cells[i : i + 2])
    if len(answers) > MAX_ANSWERS:
        grid.add_row(Text(f"… {len(answers) - MAX_ANSWERS} more (lead show)", "dim"), "")
    return grid


def _flow(items: Iterable[Text]) -> Text:
    """Items one after another, wrapping as a paragraph: a list read as a whole."""
    return Text(" · ", style="dim").join(items)


def _line(text: str, style: str = "") -> Text:
    """One line that never wraps: the brief must stay on one screen."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def _result(result: str | None) -> str:
    """How an objection went; one logged without saying reads "no result", as in the stats."""
    return (result or "no result").replace("_", " ")


def _day(day: Any) -> str:
    value = day if isinstance(day, date) else date.fromisoformat(str(day))
    return f"{value:%a} {value.day} {value:%b}"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
