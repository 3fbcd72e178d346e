"""`salescoach export|import|backup|restore` (your data, portable) and `salescoach logs`
(the privacy switch for the interaction log)."""

from __future__ import annotations

import typer

logs_app = typer.Typer(
    help="Turn the interaction log off (practice, sensitive calls) and on again.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(logs_app, name="logs")


def _set_logging(enabled: bool) -> None:
    from salescoach.store.access import opened_store
    from salescoach.store.interactions import set_logging

    with opened_store() as conn:
        set_logging(conn, enabled)


@logs_app.command("off")
def logs_off() -> None:
    """Stop logging interactions until `salescoach logs on` (leads and tasks still change)."""
    _set_logging(False)
    typer.echo("interaction logging is off; `salescoach logs on` turns it back on", err=True)


@logs_app.command("on")
def logs_on() -> None:
    """Log interactions again (the default)."""
    _set_logging(True)
    typer.echo("interaction logging is on", err=True)


@logs_app.command("status")
def logs_status(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print `on` or `off`."""
    from salescoach.store.access import opened_store
    from salescoach.store.interactions import logging_enabled
    from salescoach.ui.console import Terminal

    with opened_store() as conn:
        enabled = logging_enabled(conn)
    term = Terminal()
    if as_json:
        term.json({"logging": enabled})
    else:
        term.line("on" if enabled else "off")
