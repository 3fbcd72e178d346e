"""`salescoach sync` without Typer: cron runs it every few minutes, and importing Typer, click
and pydantic was a fifth of an idle sync (which has nothing to do but ask the hub).

Only the two argument lists it is sure of are read here, `sync` and `sync --json`; anything
else (help, an unknown option) goes to the Typer command, with its own help and errors.
"""

from __future__ import annotations

LIGHT_ARGS = ((), ("--json",))


def run(args: list[str]) -> bool:
    """Run the sync for `args` (after `sync`) when they are one of `LIGHT_ARGS` (exits with
    the sync's code); False when Typer should read them."""
    if tuple(args) not in LIGHT_ARGS:
        return False
    from salescoach.cli.short_process import run_uncollected

    run_uncollected(lambda: _sync(as_json=bool(args)))
    return True


def _sync(*, as_json: bool) -> None:
    from salescoach.cli.guard import guarded
    from salescoach.cli.team.sync_run import run_sync

    guarded(lambda: run_sync(as_json), SystemExit)
