"""How an objection answer and the objection statistics read in a terminal.

Both draw from the same plain data the `--json` output prints, so the two never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from salescoach.ui.console import Terminal
from salescoach.ui.objections.card import Clipped, compact_card

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import (
        ObjectionAnswerJSON,
        ObjectionPrompts,
        ObjectionStatsJSON,
    )
    from salescoach.core.playbook.shapes import BattlecardFields

SIDE_BY_SIDE_WIDTH = 110  # wide enough to put a battlecard beside the prompts


def render_answers(
    term: Terminal,
    playbook_title: str,
    reports: list[ObjectionAnswerJSON],
    families: list[str],
    *,
    full: bool = False,
) -> None:
    for number, report in enumerate(reports):
        if len(reports) > 1:
            if number:
                term.out.print()
            term.out.print(Rule(f"[bold]{escape(report['query'])}[/bold]", align="left"))
        render_answer(term, playbook_title, report, families, full=full)


def render_answer(
    term: Terminal,
    playbook_title: str,
    report: ObjectionAnswerJSON,
    families: list[str],
    *,
    full: bool = False,
) -> None:
    best = report["best"]
    matches = report["matches"]
    if best is None:
        _no_match(term, report, families)
        return
    score = matches[0]["score"] if matches and matches[0]["id"] == best["id"] else None
    if not full:
        _compact(term, report, best, score)
        return
    prompts = _prompts(best, score)
    cards = [_battlecard(card) for card in report["battlecards"]]
    if cards and term.out.width >= SIDE_BY_SIDE_WIDTH:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=3)
        grid.add_column(ratio=2)
        grid.add_row(prompts, Group(*cards))
        term.out.print(grid)
    else:
        term.out.print(prompts, *cards)
    runners = [m for m in matches if m["id"] != best["id"]]
    if runners:
        line = "  ·  ".join(f"{escape(m['title'])} ({m['id']}) {m['score']:.2f}" for m in runners)
        term.out.print(f"[dim]Runners-up:[/dim] {line}")
    term.out.print(f"[dim]Playbook: {escape(playbook_title)} ({report['playbook']})[/dim]")


def _compact(
    term: Terminal, report: ObjectionAnswerJSON, best: ObjectionPrompts, score: float | None
) -> None:
    """The card that fits an 80x24 terminal, then one line: runners-up and playbook."""
    wins = [(c["name"], c["how_we_win"][0]) for c in report["battlecards"] if c["how_we_win"]]
    term.out.print(compact_card(best, wins, score=score))
    others = [f"{m['id']} {m['score']:.2f}" for m in report["matches"] if m["id"] != best["id"]]
    also = f"Runners-up: {' · '.join(others)}  ·  " if others else ""
    term.out.print(Clipped(Text(f"{also}playbook {report['playbook']}", "dim"), 1))


def _prompts(best: ObjectionPrompts, score: float | None) -> Panel:
    parts: list[RenderableType] = [Text.assemble(("Concern: ", "bold"), best["concern"])]
    parts += [Text("\nAsk first", style="bold"), _list("?", best["probing_questions"])]
    for response in best["responses"]:
        stages = Table.grid(padding=(0, 2))
        stages.add_column(style="cyan", no_wrap=True)
        stages.add_column()
        for stage, line in response["stages"].items():
            stages.add_row(f"  {stage}", line)
        parts += [Text(f"\n{response['framework']}", style="bold"), stages]
    if best["avoid"]:
        parts += [Text("\nAvoid", style="bold"), _list("✗", best["avoid"])]
    shown = f" {score:.2f}" if score is not None else ""
    title = f"[bold]{escape(best['title'])}[/bold]  ({best['id']}{shown})"
    return Panel(Group(*parts), title=title, title_align="left", border_style="green")


def _list(mark: str, lines: list[str]) -> Table:
    """Lines under a mark, wrapped lines indented under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(f"  {mark}", line)
    return grid


def _battlecard(card: BattlecardFields) -> Panel:
    parts: list[RenderableType] = []
    for heading, lines in (
        ("Their strengths", card["strengths"]),
        ("Their weaknesses", card["weaknesses"]),
        ("How we win", card["how_we_win"]),
    ):
        parts += [Text(heading, style="bold"), _list("•", lines)]
    title = f"[bold]Battlecard: {escape(card['name'])}[/bold]"
    return Panel(Group(*parts), title=title, title_align="left", border_style="magenta")


def _no_match(term: Terminal, report: ObjectionAnswerJSON, families: list[str]) -> None:
    term.out.print(
        f"[bold yellow]No confident match[/bold yellow] for {escape(repr(report['query']))} "
        f"(best score below {report['threshold']:.2f})."
    )
    table = Table(title="Closest families", title_justify="left", show_edge=False)
    table.add_column("family")
    table.add_column("title")
    table.add_column("score", justify="right")
    for match in report["matches"]:
        table.add_row(match["id"], escape(match["title"]), f"{match['score']:.2f}")
    term.out.print(table)
    term.out.print(f"Pick one with --as ID; families: {', '.join(families)}")
    for card in report["battlecards"]:
        term.out.print(_battlecard(card))


NO_FAMILY = "(no family)"  # an objection logged without naming its family


def render_stats(term: Terminal, data: ObjectionStatsJSON) -> None:
    since = f" since {data['since']}" if data["since"] else ""
    if not data["objections"]:
        term.say(f"no objections logged{since}")
        return
    title = f"Objections logged{since}: {data['total']}"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("objection")
    for name in ("count", "share", "resolved", "partly", "not", "no result", "resolved %"):
        table.add_column(name, justify="right")
    table.add_column("at step", no_wrap=True)
    for row in data["objections"]:
        rate = row["resolution_rate"]
        table.add_row(
            escape(row["id"]) if row["id"] else NO_FAMILY,
            str(row["count"]),
            f"{row['share']:.0%}",
            str(row["resolved"]),
            str(row["partly"]),
            str(row["not_resolved"]),
            str(row["unrecorded"]),
            "-" if rate is None else f"{rate:.0%}",
            "\n".join(f"{step}: {n}" for step, n in row["by_step"].items()),
        )
    term.out.print(table)
    term.out.print(
        "[dim]not: not resolved; no result: logged without a result; "
        "resolved % counts only those with a result[/dim]"
    )
