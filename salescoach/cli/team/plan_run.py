"""The body of `salescoach team plan`, without Typer: the Typer command (`plan_cmd`) and the
light entry (`plan_entry`) both call `run_plan`."""

from __future__ import annotations


def run_plan(as_json: bool, everything: bool) -> None:
    """What needs the manager today, read from the hub: JSON, or text (without rich when the
    output takes no styles)."""
    from salescoach import clock
    from salescoach.actions.desk import team_plan
    from salescoach.cli.common import terminal
    from salescoach.ui.team import desk_plan_text
    from salescoach.ui.team.team_view import password_prompt

    term = terminal()
    # The screen shows the oldest few.
    shown = None if as_json or everything else desk_plan_text.SHOWN
    data, totals = team_plan(
        clock.today(), prompt=lambda role: password_prompt(term, role), shown=shown
    )
    if as_json:
        term.json(data)
        return
    text = None
    if term.styles_off():
        text = desk_plan_text.plain_team_plan(data, totals, everything=everything, width=term.width)
    if text is not None:
        term.write(text)
        return
    from salescoach.ui.team.desk_plan_view import render_team_plan

    render_team_plan(term.out, data, totals, everything=everything)
