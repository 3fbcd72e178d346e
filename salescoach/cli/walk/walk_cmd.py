"""`salescoach walk LEAD` (the guided call) and `salescoach prep LEAD` (the pre-call brief)."""

from __future__ import annotations

from pathlib import Path

import typer

from salescoach.core.kernel.records import CHANNELS, WALK_CHANNEL

_NAMED = (f"{c} (default)" if c == WALK_CHANNEL else c for c in CHANNELS)
CHANNEL_HELP = f"How you talk to the buyer: {', '.join(_NAMED)}."


def register(app: typer.Typer) -> None:
    app.command("walk")(walk)
    app.command("prep")(prep)


def walk(
    lead: str | None = typer.Argument(
        None, help="The lead: its id, or part of its name or company."
    ),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook to walk with (default: the lead's)."
    ),
    step: str | None = typer.Option(
        None, "--step", "-s", help="Start at this step (id or 1-7) instead of the lead's."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Stop after this step; the walk stays open to resume."
    ),
    new: bool = typer.Option(
        False, "--new", help="Abandon the lead's unfinished walk, start anew."
    ),
    answers: Path | None = typer.Option(
        None, "--answers", "-a", help="YAML answers keyed by step id, then question id."
    ),
    channel: str | None = typer.Option(
        None,
        "--channel",
        help=CHANNEL_HELP,
    ),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt (as with no terminal)."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the walk's record as JSON at the end."
    ),
    practice: bool = typer.Option(
        False, "--practice", help="Walk a throw-away lead; nothing is written to the store."
    ),
    no_log: bool = typer.Option(
        False, "--no-log", help="Write no interactions (answers, tasks and the step still are)."
    ),
    reopen: bool = typer.Option(
        False, "--reopen", help="Walk a won, lost or archived lead: reopen it first."
    ),
) -> None:
    """Coach a call through the playbook's steps, recording everything as you go.

    Starts at the lead's current step, or resumes its unfinished walk. Ctrl-C stops safely:
    every answer is saved and `salescoach walk LEAD` goes on from there. Exit codes: 0 done or
    stopped; 2 bad input, answers missing with no terminal, or a closed lead without --reopen;
    130 interrupted.
    """
    from salescoach.cli.walk.walk_run import run_walk
    from salescoach.cli.walk.walk_setup import WalkOptions

    run_walk(
        WalkOptions(
            lead=lead,
            playbook=playbook,
            step=step,
            until=until,
            new=new,
            answers=answers,
            channel=channel,
            no_input=no_input,
            as_json=as_json,
            practice=practice,
            no_log=no_log,
            reopen=reopen,
        )
    )


def prep(
    lead: str = typer.Argument(..., help="The lead: its id, or part of its name or company."),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook to brief from (default: the lead's)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the brief as JSON."),
) -> None:
    """One screen to read before a call: who, where the deal stands, what to ask and expect."""
    from salescoach import clock
    from salescoach.cli.common import load_playbook, terminal
    from salescoach.core.walk.brief import build_brief
    from salescoach.store.access import opened_store
    from salescoach.store.briefing import brief_inputs
    from salescoach.store.leads import find_lead

    term = terminal()
    with opened_store() as conn:
        found = find_lead(conn, lead)
        loaded = load_playbook(playbook or found.playbook)
        inputs = brief_inputs(conn, found)
    brief = build_brief(loaded.playbook, loaded.name, inputs, today=clock.today())
    if as_json:
        term.json(brief)
        return
    from salescoach.ui.walk.brief_view import render_brief

    render_brief(term, brief)
