"""The `salescoach` program: `walk`, `sync` and `team plan` start without Typer when they
can (`cli.walk.walk_entry`, `cli.team.sync_entry`, `cli.team.plan_entry`); every other
command, and any argument list the light parsers leave alone, runs through `cli.app`."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["walk"]:
        from salescoach.cli.walk.walk_entry import run

        if run(args[1:]):
            return
    if args[:1] == ["sync"]:
        from salescoach.cli.team.sync_entry import run as run_sync

        if run_sync(args[1:]):
            return
    if args[:2] == ["team", "plan"]:
        from salescoach.cli.team.plan_entry import run as run_plan

        if run_plan(args[2:]):
            return
    from salescoach.cli.app import main as run_app

    run_app()
