"""The `salescoach` program: `walk` starts without Typer when it can (`cli.walk.walk_entry`);
every other command, and any walk the light parser leaves alone, runs through `cli.app`."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["walk"]:
        from salescoach.cli.walk.walk_entry import run

        if run(args[1:]):
            return
    from salescoach.cli.app import main as run_app

    run_app()
