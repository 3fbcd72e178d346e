"""The `salescoach` command: one Typer app, with command groups from the modules beside this one.

Every error leaves through `_Group.invoke`: a `SalescoachError` becomes one message on stderr
and its exit code (2 for bad input), Ctrl-C becomes one line and exit 130. Nothing else exits.
Modules here import only typer at the top; domain code is imported inside each command so that
`--help` and the commands used mid-call stay fast.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from salescoach import __version__
from salescoach.errors import EXIT_INTERRUPTED, SalescoachError


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SalescoachError as error:
            sys.stderr.write(f"salescoach: error: {error.message}\n")
            if error.hint:
                sys.stderr.write(f"  hint: {error.hint}\n")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nsalescoach: interrupted; nothing unfinished was saved.\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    cls=_Group,
    name="salescoach",
    help="A sales process coach for the terminal: playbooks, guided calls, objections, follow-ups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich help formatting costs ~100 ms per --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"salescoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Exit codes: 0 done; 1 an alert asked for (plan --fail-on) or a playbook has problems;
    2 bad input (nothing was changed); 130 interrupted."""


def _register() -> None:
    # Imported here, in one list, so the set of commands is plain to see.
    from salescoach.cli import (
        data_cmd,
        goal_cmd,
        lead_cmd,
        lead_import_cmd,
        lead_stage_cmd,
        log_cmd,
        objection_cmd,
        paths_cmd,
        plan_cmd,
        playbook_cmd,
        report_cmd,
        tasks_cmd,
        train_cmd,
        walk_cmd,
    )

    app.add_typer(playbook_cmd.app, name="playbook")
    app.add_typer(train_cmd.app, name="train")
    app.add_typer(goal_cmd.app, name="goal")
    report_cmd.register(app)
    paths_cmd.register(app)
    lead_stage_cmd.register(lead_cmd.app)
    lead_import_cmd.register(lead_cmd.app)
    app.add_typer(lead_cmd.app, name="lead")
    log_cmd.register(app)
    data_cmd.register(app)
    tasks_cmd.register(app)
    plan_cmd.register(app)
    walk_cmd.register(app)
    objection_cmd.register(app)


_register()


def main() -> None:
    app(prog_name="salescoach")
