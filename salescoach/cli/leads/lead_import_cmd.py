"""`salescoach lead import FILE.csv`: leads handed over by marketing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def register(app: typer.Typer) -> None:
    app.command("import")(import_)


def import_(
    file: Path = typer.Argument(..., help="A CSV file with a header row.", dir_okay=False),
    column_map: list[str] = typer.Option(
        [], "--map", metavar="COLUMN=FIELD", help="Feed COLUMN into FIELD (- ignores it)."
    ),
    temperature: str = typer.Option(
        "cold", "--temperature", "-t", help="For rows without one: cold, warm, qualified."
    ),
    playbook: str | None = typer.Option(None, "--playbook", "-p", help="For rows without one."),
    source: str | None = typer.Option(None, "--source", help="For rows without one."),
    owner: str | None = typer.Option(None, "--owner", help="For rows without one."),
    sla_days: int | None = typer.Option(
        None, "--sla-days", min=0, max=365, help="First contact within N business days."
    ),
    encoding: str | None = typer.Option(None, "--encoding", help="Default: UTF-8 (BOM or not)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen only."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import leads from CSV. Duplicates (same e-mail, or same name and company) are
    skipped; bad rows are reported by line and the rest imports, in one transaction.

    Exit codes: 0 all rows imported or skipped as duplicates; 1 some rows were bad (the
    others were imported); 2 the file could not be read (nothing was imported).
    """
    from salescoach import clock
    from salescoach.actions.lead_import import import_leads
    from salescoach.cli.leads.lead_support import check_playbook, default_playbook
    from salescoach.core.kernel.bounded_read import MAX_CSV_BYTES, Unreadable, read_limited
    from salescoach.core.leads.import_rows import (
        ImportDefaults,
        assign_sla,
        check_overrides,
        check_temperature_default,
        decode,
        parse_leads,
    )
    from salescoach.errors import EXIT_ALERT, UsageError
    from salescoach.store.access import opened_store

    overrides = check_overrides(column_map)
    defaults = ImportDefaults(
        temperature=check_temperature_default(temperature),
        # Checked now: an unknown --playbook is a bad option (exit 2), not a bad row each.
        playbook=check_playbook(playbook) if playbook else default_playbook(),
        source=source or f"import {file.name}",
        owner=owner,
    )
    try:
        data = read_limited(file, MAX_CSV_BYTES)
    except Unreadable as exc:
        raise UsageError(f"cannot read {file}: {exc.reason}") from None
    today = clock.today()
    parsed = parse_leads(decode(data, encoding, str(file)), overrides, defaults, today)
    assign_sla(parsed, _sla_tables({r.fields["playbook"] for r in parsed.rows}), today, sla_days)
    with opened_store() as conn:
        result = import_leads(conn, parsed.rows, clock.now(), dry_run=dry_run)
    report = {
        "file": str(file),
        "dry_run": dry_run,
        "added": result.added,
        "duplicates": [vars(d) for d in result.duplicates],
        "problems": [vars(p) for p in parsed.problems],
        "columns": parsed.columns,
        "ignored_columns": parsed.ignored,
    }
    _print_report(report, as_json)
    if parsed.problems:
        raise typer.Exit(EXIT_ALERT)


def _sla_tables(names: set[str]) -> dict[str, dict[str, int]]:
    """Each named playbook's SLA (business days by temperature); unknown names left out."""
    from salescoach.cli.common import load_playbook
    from salescoach.errors import NotFoundError

    tables = {}
    for name in names:
        try:
            sla = load_playbook(name).playbook.sla
        except NotFoundError:
            continue
        tables[name] = {"qualified": sla.qualified, "warm": sla.warm, "cold": sla.cold}
    return tables


def _print_report(report: dict[str, Any], as_json: bool) -> None:
    from salescoach.ui.console import Terminal
    from salescoach.ui.plural import plural

    term = Terminal()
    if as_json:
        term.json(report)
        return
    verb = "would add" if report["dry_run"] else "added"
    lines = [(p["line"], f"skipped: {p['message']}") for p in report["problems"]]
    lines += [
        (d["line"], f"duplicate of {d['same_as']} (same {d['why']}): {d['label']}")
        for d in report["duplicates"]
    ]
    for number, text in sorted(lines):
        term.line(f"line {number}: {text}")
    if report["ignored_columns"]:
        term.say("columns not imported: " + ", ".join(report["ignored_columns"]))
    dry = " (dry run: nothing written)" if report["dry_run"] else ""
    term.say(
        f"{verb} {plural(report['added'], 'lead')}; "
        f"{plural(len(report['duplicates']), 'duplicate')} skipped; "
        f"{plural(len(report['problems']), 'bad row')}{dry}"
    )
