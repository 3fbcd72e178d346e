"""`salescoach export|import|backup|restore` (your data, portable) and `salescoach logs`
(the privacy switch for the interaction log)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from salescoach.core.kernel.shapes import LogsStatusJSON

logs_app = typer.Typer(
    help="Turn the interaction log off (practice, sensitive calls) and on again.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(logs_app, name="logs")
    register_data(app)


def _set_logging(enabled: bool) -> None:
    from salescoach.actions.interaction_log import switch_logging
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        switch_logging(conn, enabled)


@logs_app.command("off")
def logs_off() -> None:
    """Stop logging interactions until `salescoach logs on` (leads and tasks still change)."""
    from salescoach.cli.common import terminal

    _set_logging(False)
    terminal().say("interaction logging is off; `salescoach logs on` turns it back on")


@logs_app.command("on")
def logs_on() -> None:
    """Log interactions again (the default)."""
    from salescoach.cli.common import terminal

    _set_logging(True)
    terminal().say("interaction logging is on")


@logs_app.command("status")
def logs_status(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print `on` or `off`."""
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.cli.common import terminal
    from salescoach.store.access import opened_store

    with opened_store() as conn:
        enabled = interaction_log(conn).enabled
    term = terminal()
    if as_json:
        status: LogsStatusJSON = {"schema": "logs-status", "version": 1, "logging": enabled}
        term.json(status)
    else:
        term.line("on" if enabled else "off")


def register_data(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
    app.command("backup")(backup)
    app.command("restore")(restore)


def export(
    subject: list[str] | None = typer.Argument(
        None,
        metavar="[activities | contacts [LEAD...]]",
        help="What for another tool: activities for a CRM, contacts as vCards.",
    ),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv (vcard: contacts)."),
    what: str | None = typer.Option(
        None,
        "--what",
        "-w",
        help="all (JSONL only; the default there), leads (CSV default), answers, "
        "interactions or tasks.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="A file (default stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file."),
    vendor: str | None = typer.Option(
        None, "--for", help="activities: salesforce, hubspot or pipedrive."
    ),
    since: str | None = typer.Option(
        None, "--since", help="activities: only what happened on or after this date."
    ),
    kind: str | None = typer.Option(
        None, "--type", help="activities: call, email, meeting, note or task only."
    ),
    again: bool = typer.Option(
        False, "--again", help="activities: include what was exported before."
    ),
) -> None:
    """Export the store: JSONL (all of it, restorable with `import`) or CSV (one table).

    CSV quotes every field and neutralises cells a spreadsheet would run as formulas.
    `export activities --for CRM` writes what was logged here as that CRM's activity import,
    each activity once; `export contacts --format vcard [LEAD...]` writes vCards.
    """
    if subject:
        from salescoach.cli.data.crm_export_cmd import ExportOptions, export_subject

        given = None if fmt == "jsonl" else fmt
        export_subject(subject, ExportOptions(given, vendor, since, kind, again, output, force))
        return
    from salescoach.cli.common import terminal
    from salescoach.cli.data.export_output import export_output
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.store.exporter import SINGLE_TABLES, export_csv, export_jsonl

    if fmt not in ("jsonl", "csv"):
        raise UsageError(f"unknown format {fmt!r}", hint="use jsonl or csv")
    table = what or ("all" if fmt == "jsonl" else "leads")
    choices = ("all", *SINGLE_TABLES) if fmt == "jsonl" else SINGLE_TABLES
    if table not in choices:
        raise UsageError(f"--what {table} does not go with {fmt}", hint="use " + ", ".join(choices))
    write = export_jsonl if fmt == "jsonl" else export_csv
    with opened_store() as conn, export_output(output, force) as out:
        count = write(conn, out, table)
    where = f" to {output}" if output else ""
    terminal().say(f"exported {count} row(s){where}")


def import_(
    file: Path = typer.Argument(..., help="A JSONL export (- reads stdin).", allow_dash=True),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (what `export` writes)."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Restore a full JSONL export into an empty store, all of it or nothing.

    For marketing's CSV files use `salescoach lead import`.
    """
    import sys

    from salescoach.actions.data import import_export
    from salescoach.cli.common import terminal
    from salescoach.core.kernel.bounded_read import (
        MAX_EXPORT_BYTES,
        Unreadable,
        read_limited,
        read_stream,
    )
    from salescoach.core.kernel.jsonlines import split_lines
    from salescoach.core.kernel.jsonview import restore_report
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store

    if fmt != "jsonl":
        raise UsageError(f"import reads jsonl, not {fmt!r}", hint="CSV leads: `lead import`")
    try:
        if str(file) == "-":
            data = read_stream(sys.stdin.buffer, MAX_EXPORT_BYTES)
        else:
            data = read_limited(file, MAX_EXPORT_BYTES)
        lines = split_lines(data.decode("utf-8"))
    except Unreadable as exc:
        raise UsageError(f"cannot read {file}: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {file}: {exc}") from None
    with opened_store() as conn:
        counts = import_export(conn, lines, str(file))
    term = terminal()
    if as_json:
        term.json(restore_report(counts))
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    term.say(f"imported {summary or 'nothing'}")


def backup(
    path: Path | None = typer.Argument(None, help="Where (default: the data home's backups/)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Copy the store consistently, even while other sessions write; prints the path."""
    from salescoach import clock
    from salescoach.cli.common import terminal
    from salescoach.paths import data_home
    from salescoach.store.access import opened_store
    from salescoach.store.backup import backup as make_backup
    from salescoach.store.backup import default_backup_path

    target = path or default_backup_path(data_home(), clock.now())
    with opened_store() as conn:
        made = make_backup(conn, target, force=force, default=path is None)
    term = terminal()
    term.line(str(made))
    term.say("backup made (owner-only); restore it with `salescoach restore PATH`")


def restore(
    path: Path = typer.Argument(..., help="A file made by `salescoach backup`."),
    force: bool = typer.Option(False, "--force", help="Replace a store that holds leads."),
) -> None:
    """Put a backup in place of the store; the replaced file is kept beside it.

    Close other salescoach sessions first: they would keep writing to the old file.
    """
    from salescoach import clock
    from salescoach.actions.data import restore_backup
    from salescoach.cli.common import terminal
    from salescoach.paths import database_path, ensure_home

    ensure_home()
    kept = restore_backup(path, database_path(), clock.now(), force=force)
    term = terminal()
    term.say(f"restored {path} into {database_path()}")
    if kept is not None:
        term.say(f"the previous store is kept as {kept}")
