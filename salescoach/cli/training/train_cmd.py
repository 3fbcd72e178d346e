"""`salescoach train ...`: objection drills, the step quiz, scenario role-plays, review, history.

Every drill runs from a terminal or from `--answers FILE` (format in
salescoach.ui.training.train_prompts); `--seed N` makes the draw and the order of choices
repeatable. A run is saved (training history and review boxes, never the interaction log) when
it ends; on Ctrl-C the items already finished are saved. Without a terminal, a missing answer
stops the run with exit 2 and nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import random

    from salescoach.core.playbook.model import Playbook
    from salescoach.core.training.practice import Coach, Session

app = typer.Typer(
    help="Practise: objection drills, a step quiz, role-play scenarios and spaced review.",
    invoke_without_command=True,
)

PLAYBOOK = typer.Option(None, "--playbook", "-p", help="Playbook name or file (default b2b-saas).")
SEED = typer.Option(None, "--seed", help="Seed for a repeatable draw (printed after each run).")
ANSWERS = typer.Option(None, "--answers", help="YAML file of answers (see README: training).")
AS_JSON = typer.Option(False, "--json", help="Print the run's results as JSON on stdout.")
NO_INPUT = typer.Option(False, "--no-input", help="Never prompt; missing answers exit 2.")

Body = Callable[["Playbook", "random.Random", "Coach", "Session"], None]
Prepare = Callable[["Playbook", "random.Random"], Body]


def _practise(
    playbook_name: str | None,
    seed: int | None,
    answers: Path | None,
    as_json: bool,
    no_input: bool,
    drill: str | None,
    prepare: Prepare,
    needs: tuple[str, ...] = (),
) -> None:
    """Load, draw (validating everything first), run with a coach, then save and summarise."""
    import random

    from salescoach import clock
    from salescoach.actions.training import my_rep, record_run
    from salescoach.cli.common import load_playbook, terminal
    from salescoach.core.kernel.script import Script
    from salescoach.core.training.jsonview import train_run
    from salescoach.core.training.practice import Session
    from salescoach.store.access import opened_store
    from salescoach.ui.plural import plural
    from salescoach.ui.training.assigned_view import assignment_line
    from salescoach.ui.training.train_prompts import (
        ANSWERS_FLAG,
        TrainingCoach,
        read_answers_file,
    )
    from salescoach.ui.training.train_view import session_summary

    term = terminal(no_input=no_input)
    playbook = load_playbook(playbook_name).playbook
    script = Script(
        read_answers_file(answers, drill) if answers else {},
        flag=ANSWERS_FLAG,
        can_ask=term.interactive,
    )
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    rng = random.Random(seed)
    body = prepare(playbook, rng)
    if not script.can_ask and script.is_empty():
        script.lacks(f"{drill or ', '.join(needs)}: the answers for this run")
    session = Session(seed=seed)
    coach = TrainingCoach(term, playbook, script, to_stderr=as_json)
    rep = my_rep()
    try:
        body(playbook, rng, coach, session)
    except KeyboardInterrupt:
        if session.results:
            with opened_store() as conn:
                record_run(conn, session, clock.now(), clock.today(), rep)
            term.say(f"saved the {plural(len(session.results), 'finished item')} of this run")
        raise
    with opened_store() as conn:
        states, done = record_run(conn, session, clock.now(), clock.today(), rep)
    for assignment in done:
        term.say(f"done: {assignment_line(assignment)} (assigned by your manager)")
    if as_json:
        term.json(train_run(session.to_dict(), states))
    else:
        session_summary(term.out, session, states)
        term.say(f"seed {seed} (repeat this draw with --seed {seed})")


def _objection_rounds(rounds: int, families: list[str]) -> Prepare:
    def prepare(book: Playbook, rng: random.Random) -> Body:
        from salescoach.core.training.drills import draw_objection_items
        from salescoach.core.training.practice import run_objections

        items = draw_objection_items(book, rng, rounds, families)
        return lambda pb, r, coach, session: run_objections(pb, items, coach, session)

    return prepare


def _quiz(rounds: int) -> Prepare:
    def prepare(book: Playbook, rng: random.Random) -> Body:
        from salescoach.core.training.practice import run_quiz
        from salescoach.core.training.quiz import build_quiz

        questions = build_quiz(book, rng, rounds)
        return lambda pb, r, coach, session: run_quiz(pb, questions, coach, session)

    return prepare


def _role_play(name: str | None) -> Prepare:
    def prepare(book: Playbook, rng: random.Random) -> Body:
        from salescoach.core.training.practice import run_scenario
        from salescoach.core.training.scenario import find_scenario
        from salescoach.errors import UsageError

        if not book.scenarios:
            raise UsageError("this playbook has no scenarios")
        chosen = find_scenario(book, name) if name else rng.choice(book.scenarios)

        def body(pb: Playbook, r: random.Random, coach: Coach, session: Session) -> None:
            run_scenario(pb, chosen, r, coach, session)

        return body

    return prepare


@app.callback()
def review(
    ctx: typer.Context,
    playbook: str | None = PLAYBOOK,
    seed: int | None = SEED,
    answers: Path | None = ANSWERS,
    limit: int = typer.Option(10, "--limit", help="At most this many due items."),
    as_json: bool = AS_JSON,
    no_input: bool = NO_INPUT,
) -> None:
    """With no drill named: practise today's due review items (what you got wrong comes back
    sooner); when nothing is due, offer the drills."""
    if ctx.invoked_subcommand is not None:
        return
    from salescoach import clock
    from salescoach.actions.training import my_rep
    from salescoach.cli.common import terminal
    from salescoach.core.training.drills import check_rounds
    from salescoach.core.training.history import call_words
    from salescoach.store.access import opened_store
    from salescoach.store.assignments import open_assignments
    from salescoach.store.training import due_states, latest_attempts
    from salescoach.ui.training.assigned_view import show_assigned

    check_rounds(limit, "--limit")
    with opened_store() as conn:
        assigned = open_assignments(conn, my_rep())
        due = due_states(conn, clock.today(), limit)
        said = call_words(
            latest_attempts(conn, [state.item for state in due])
        )  # from reviewed calls
    term = terminal(no_input=no_input)
    show_assigned(term, assigned, clock.today())
    if not due:
        if not term.interactive:
            term.say(
                "nothing is due for review today; run `salescoach train objections`, "
                "`train steps` or `train scenario`"
            )
            if as_json:
                from salescoach.core.training.jsonview import train_run
                from salescoach.core.training.practice import Session

                term.json(train_run(Session(seed=seed).to_dict(), []))
            return
        from salescoach.core.training.assignments import in_plan_order
        from salescoach.ui.training.train_prompts import choose_drill

        picked = choose_drill(term, in_plan_order(assigned, clock.today()))
        if isinstance(picked, str):
            drills = {
                "objections": _objection_rounds(5, []),
                "steps": _quiz(6),
                "scenario": _role_play(None),
            }
            _practise(playbook, seed, answers, as_json, no_input, picked, drills[picked])
            return
        # The manager's drill, in the playbook it was assigned from unless one is named.
        prepare = (
            _objection_rounds(5, [picked.target])
            if picked.drill == "objections"
            else _role_play(picked.target)
        )
        book = playbook or picked.playbook
        _practise(book, seed, answers, as_json, no_input, picked.drill, prepare)
        return

    def review_due(book: Playbook, rng: random.Random) -> Body:
        from salescoach.core.training.practice import plan_review, run_review

        plan = plan_review(book, due, rng, said)
        return lambda pb, r, coach, session: run_review(pb, plan, r, coach, session)

    needs = tuple(sorted({state.drill for state in due}))
    _practise(playbook, seed, answers, as_json, no_input, None, review_due, needs)


@app.command()
def objections(
    rounds: int = typer.Option(5, "--rounds", "-n", help="How many objections to answer."),
    family: list[str] = typer.Option([], "--family", "-f", help="Only this family (repeatable)."),
    playbook: str | None = PLAYBOOK,
    seed: int | None = SEED,
    answers: Path | None = ANSWERS,
    as_json: bool = AS_JSON,
    no_input: bool = NO_INPUT,
) -> None:
    """The buyer objects; you answer; the rubric scores each stage and shows a model answer."""
    _practise(
        playbook, seed, answers, as_json, no_input, "objections", _objection_rounds(rounds, family)
    )


@app.command()
def steps(
    rounds: int = typer.Option(6, "--rounds", "-n", help="How many questions."),
    playbook: str | None = PLAYBOOK,
    seed: int | None = SEED,
    answers: Path | None = ANSWERS,
    as_json: bool = AS_JSON,
    no_input: bool = NO_INPUT,
) -> None:
    """A quiz on the seven steps: their order, where a situation belongs, exit criteria."""
    _practise(playbook, seed, answers, as_json, no_input, "steps", _quiz(rounds))


@app.command()
def scenario(
    name: str | None = typer.Argument(None, help="Scenario id (default: one picked at random)."),
    playbook: str | None = PLAYBOOK,
    seed: int | None = SEED,
    answers: Path | None = ANSWERS,
    as_json: bool = AS_JSON,
    no_input: bool = NO_INPUT,
) -> None:
    """A role-play call: pick a reply at each turn; points, feedback and a debrief."""
    _practise(playbook, seed, answers, as_json, no_input, "scenario", _role_play(name))


@app.command()
def history(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Scores over time per drill and per objection family, with the weakest families named."""
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.core.training.history import training_history
    from salescoach.store.access import opened_store
    from salescoach.store.training import training_log

    term = terminal()
    with opened_store() as conn:
        data = training_history(training_log(conn, clock.today()))
    if as_json:
        term.json(data)
        return
    from salescoach.ui.training.train_view import history as render

    render(term.out, data)


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="train")
