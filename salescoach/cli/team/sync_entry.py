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
    import gc

    from salescoach.cli.guard import guarded
    from salescoach.cli.team.sync_run import run_sync

    # No cyclic garbage collection in this short process: loading the database driver makes
    # some 30,000 objects that live until the end (modules, classes, type adapters), which
    # each collection would walk again to find nothing to free, and a sync's own objects
    # hold no cycles. Frozen at the end, they are left out of the interpreter's last
    # collections too (the exit frees them anyway): together an eighth of an idle sync.
    collecting = gc.isenabled()
    gc.disable()
    try:
        guarded(lambda: run_sync(bool(args)), SystemExit)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return True
