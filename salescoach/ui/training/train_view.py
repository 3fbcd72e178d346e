"""How drills, their feedback and the training history read in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from salescoach.core.playbook.model import Response, Scenario
from salescoach.core.text.normalise import fold
from salescoach.core.training.drills import ObjectionItem, RubricScore
from salescoach.core.training.leitner import ReviewState
from salescoach.core.training.practice import Session
from salescoach.core.training.quiz import LETTERS, QuizQuestion, QuizResult
from salescoach.core.training.scenario import ScenarioRun, TurnResult
from salescoach.ui.bars import bar, percent
from salescoach.ui.plural import plural

if TYPE_CHECKING:
    from salescoach.core.training.shapes import TrainHistoryJSON


def objection_round(console: Console, number: int, total: int, item: ObjectionItem) -> None:
    console.print(f"\n[bold]Round {number}/{total}[/bold] · {escape(item.title)}")
    console.print(f"[bold]Buyer:[/bold] “{escape(item.buyer_says)}”")


def scripted_answer(console: Console, text: str) -> None:
    console.print(f"[dim]Answer:[/dim] {escape(text)}")


MISSING_SHOWN = 5


def _some(cues: list[str]) -> str:
    """The first few missing cues; the JSON record keeps them all."""
    shown = ", ".join(f"“{c}”" for c in cues[:MISSING_SHOWN])
    more = len(cues) - MISSING_SHOWN
    return escape(shown + (f" (+{more} more)" if more > 0 else ""))


def objection_feedback(console: Console, score: RubricScore, model: Response) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Stage")
    table.add_column("Points", justify="right")
    table.add_column("Found")
    table.add_column("Missing")
    for stage in score.stages:
        mark = "✓" if stage.points else ("–" if not stage.checkable else "✗")
        table.add_row(
            f"{mark} {escape(stage.stage)}",
            f"{stage.points}/{stage.max_points}",
            escape(", ".join(_found(c.cue, c.matched) for c in stage.cues if c.matched)) or "–",
            _some(stage.missing) if not stage.points else "",
        )
    console.print(table)
    console.print(f"Score: [bold]{score.score}/{score.max_score}[/bold] {bar(score.share, 10)}")
    if score.hollow:
        quoted = ", ".join(f"“{escape(text)}”" for text in score.hollow)
        console.print(f"  [yellow]Not counted[/yellow] (says nothing of its own): {quoted}")
    for stage in score.stages:
        if stage.checkable and not stage.points:
            console.print(
                f"  [yellow]To {escape(stage.stage)}:[/yellow] {escape(stage.description)}"
            )
    console.print(f"[bold]Model response[/bold] ({escape(model.framework)}):")
    for name, line in model.stages.items():
        console.print(f"  [cyan]{escape(name)}:[/cyan] {escape(line)}")


def _found(cue: str, matched: str) -> str:
    """What the rep wrote; the cue it counted for is named when the two differ in form."""
    if fold(matched) == fold(cue):
        return f"“{matched}”"
    return f"“{matched}” (cue: {cue})"


def quiz_question(
    console: Console, number: int, total: int, question: QuizQuestion, *, list_choices: bool
) -> None:
    """The question; its choices too when a terminal menu does not show them whole."""
    console.print(f"\n[bold]Question {number}/{total}[/bold] {escape(question.prompt)}")
    if not list_choices:
        return
    for i, choice in enumerate(question.choices):
        label = LETTERS[i] if question.kind == "order" else str(i + 1)
        console.print(f"  {label}. {escape(choice)}")


def quiz_feedback(console: Console, result: QuizResult) -> None:
    right = result.score == result.max_score
    verdict = "[green]Right.[/green]" if right else "[red]Not quite.[/red]"
    console.print(
        f"{verdict} {result.score}/{result.max_score}. {escape(result.question.explanation)}"
    )


def scenario_start(console: Console, scenario: Scenario, persona: str | None) -> None:
    console.print(f"\n[bold]{escape(scenario.title)}[/bold]")
    if persona:
        console.print(f"Buyer: {escape(persona)}")
    console.print(escape(scenario.context))


def scenario_turn(console: Console, run: ScenarioRun, *, list_replies: bool) -> None:
    """The buyer's line; the replies too when a terminal menu does not show them whole."""
    assert run.current is not None
    console.print(f"\n[bold]Buyer:[/bold] “{escape(run.current.buyer)}”")
    if not list_replies:
        return
    replies = Table.grid(padding=(0, 1))  # a long reply wraps under its own text
    replies.add_column(justify="right")
    replies.add_column()
    for i, reply in enumerate(run.shown, 1):
        replies.add_row(f"  {i}.", escape(reply.text))
    console.print(replies)


def turn_feedback(console: Console, result: TurnResult) -> None:
    colour = "green" if result.reply.points >= result.best.points else "yellow"
    if result.reply.points < 0:
        colour = "red"
    console.print(f"[{colour}]{result.reply.points:+d}[/{colour}] {escape(result.reply.feedback)}")


def debrief(console: Console, run: ScenarioRun) -> None:
    console.print(
        f"\n[bold]Debrief[/bold]: {run.score}/{run.max_score} {bar(run.share, 10)} "
        f"{percent(run.share)}"
    )
    for result in run.results:
        if result.reply is not result.best:
            console.print(
                f"  At “{escape(_short(result.buyer))}” the strongest reply was: "
                f"“{escape(result.best.text)}” ({result.best.points:+d})"
            )
    console.print(escape(run.scenario.debrief))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def session_summary(console: Console, session: Session, states: list[ReviewState]) -> None:
    if not session.results:
        console.print("Nothing was practised, so nothing was saved.")
        return
    share = session.score / session.max_score if session.max_score else 0.0
    console.print(
        f"\n[bold]Session[/bold]: {session.score:g}/{session.max_score:g} {bar(share, 20)} "
        f"{percent(share)} · {plural(len(session.results), 'item')} saved to your training history"
    )
    for state in sorted(states, key=lambda s: (s.due, s.item)):
        console.print(f"  {escape(state.item)}: box {state.box}, due again {state.due.isoformat()}")
    if session.skipped:
        console.print("Skipped (not in this playbook): " + ", ".join(session.skipped))


def history(console: Console, data: TrainHistoryJSON) -> None:
    if not data["drills"]:
        console.print("No training yet. Start with `salescoach train objections`.")
        return
    table = Table(title="Training by drill", header_style="bold")
    for column in ("Drill", "Runs", "Items", "Average", "", "First run", "Last run"):
        table.add_column(column, justify="left" if column in ("Drill", "") else "right")
    for d in data["drills"]:
        table.add_row(
            d["drill"],
            str(d["runs"]),
            str(d["items"]),
            percent(d["average_share"]),
            bar(d["average_share"], 15),
            percent(d["first_run_share"]),
            percent(d["last_run_share"]),
        )
    console.print(table)
    days = Table(title="Scores over time", header_style="bold")
    for column in ("Day", "Drill", "Items", "Score", ""):
        days.add_column(column)
    for row in data["by_day"]:
        days.add_row(
            row["day"],
            row["drill"],
            str(row["items"]),
            percent(row["share"]),
            bar(row["share"], 20),
        )
    console.print(days)
    if data["families"]:
        families = Table(title="Objection families", header_style="bold")
        for column in ("Family", "Attempts", "Average", "", "Last"):
            families.add_column(column)
        for f in data["families"]:
            families.add_row(
                f["family"],
                str(f["attempts"]),
                percent(f["average_share"]),
                bar(f["average_share"], 15),
                percent(f["last_share"]),
            )
        console.print(families)
    weakest = data["weakest_families"]
    if weakest:
        console.print(
            "[bold]Weakest families:[/bold] "
            + ", ".join(weakest)
            + f" (practise with `salescoach train objections --family {weakest[0]}`)"
        )
    review = data["review"]
    boxes = " ".join(f"{b}:{n}" for b, n in review["boxes"].items())
    console.print(f"Due for review today: {review['due_today']} · items per box {boxes}")
