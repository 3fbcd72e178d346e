"""`salescoach walk LEAD` (the guided call) and `salescoach prep LEAD` (the pre-call brief)."""

from __future__ import annotations

import inspect
from typing import Any

import typer

from salescoach.cli.walk.walk_params import WALK_HELP, WALK_PARAMS, Param


def register(app: typer.Typer) -> None:
    app.command("walk")(walk)
    app.command("prep")(prep)


def walk(**values: Any) -> None:
    from salescoach.cli.walk.walk_run import run_walk
    from salescoach.cli.walk.walk_setup import WalkOptions

    run_walk(WalkOptions(**values))


def _typer_parameter(param: Param) -> inspect.Parameter:
    default: Any = (
        typer.Option(False if param.kind is bool else None, *param.decls, help=param.help)
        if param.decls
        else typer.Argument(None, help=param.help)
    )
    kind = param.kind if param.kind is bool else param.kind | None
    return inspect.Parameter(
        param.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
    )


# Typer reads a command's parameters from its signature: walk's come from WALK_PARAMS, which
# the light entry (walk_entry) parses too, so the two cannot drift apart.
_SIGNATURE = inspect.Signature([_typer_parameter(p) for p in WALK_PARAMS], return_annotation=None)
walk.__signature__ = _SIGNATURE  # type: ignore[attr-defined]
walk.__annotations__ = {p.name: p.annotation for p in _SIGNATURE.parameters.values()}
walk.__doc__ = WALK_HELP


def prep(
    lead: str = typer.Argument(..., help="The lead: its id, or part of its name or company."),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook to brief from (default: the lead's)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the brief as JSON."),
) -> None:
    """One screen to read before a call: who, where the deal stands, what to ask and expect."""
    from salescoach import clock
    from salescoach.cli.common import load_plain_playbook, terminal
    from salescoach.core.walk.brief import build_brief
    from salescoach.store.access import opened_store
    from salescoach.store.briefing import brief_inputs
    from salescoach.store.leads import find_lead

    term = terminal()
    with opened_store() as conn:
        found = find_lead(conn, lead)
        loaded = load_plain_playbook(playbook or found.playbook)
        inputs = brief_inputs(conn, found)
    brief = build_brief(loaded.playbook, loaded.name, inputs, today=clock.today())
    if as_json:
        term.json(brief)
        return
    from salescoach.ui.walk.brief_view import render_brief

    render_brief(term, brief)
