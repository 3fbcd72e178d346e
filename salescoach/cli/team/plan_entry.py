"""`salescoach team plan` without Typer: importing Typer, click and pydantic and building the
team commands was a tenth of the plan on a 50-rep hub.

Only the argument lists it is sure of are read here: `team plan` with `--json` and `--all`,
each at most once, in either order; anything else (help, an unknown option) goes to the
Typer command, with its own help and errors.
"""

from __future__ import annotations

_FLAGS = ("--json", "--all")


def run(args: list[str]) -> bool:
    """Run the plan for `args` (after `team plan`) when they are among the flags it is sure
    of (exits with the plan's code); False when Typer should read them."""
    if len(set(args)) != len(args) or not set(args) <= set(_FLAGS):
        return False
    from salescoach.cli.short_process import run_uncollected

    # Loading psycopg is most of the plan: see `short_process`.
    run_uncollected(lambda: _plan(as_json="--json" in args, everything="--all" in args))
    return True


def _plan(*, as_json: bool, everything: bool) -> None:
    from salescoach.cli.guard import guarded
    from salescoach.cli.team.plan_run import run_plan

    guarded(lambda: run_plan(as_json, everything), SystemExit)
