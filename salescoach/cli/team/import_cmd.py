"""`salescoach team import FILE.csv --assign ...`: marketing's leads into the hub, routed."""

from __future__ import annotations

from pathlib import Path

import typer


def register(team: typer.Typer) -> None:
    team.command("import")(import_)


def import_(
    file: Path = typer.Argument(..., help="The CSV file (or a CRM's export)."),
    assign: str = typer.Option(..., "--assign", help="round-robin, by-owner or by-capacity."),
    unassigned_ok: bool = typer.Option(
        False, "--unassigned-ok", help="by-owner: rows whose owner is no rep stay unassigned."
    ),
    crm: str | None = typer.Option(None, "--from", help="salesforce, hubspot, pipedrive, generic."),
    temperature: str = typer.Option("cold", "--temperature", "-t", help="For rows without one."),
    playbook: str | None = typer.Option(None, "--playbook", "-p", help="For rows without one."),
    sla_days: int | None = typer.Option(
        None, "--sla-days", min=0, max=365, help="First contact within N business days."
    ),
    column_map: list[str] = typer.Option(
        [], "--map", metavar="COLUMN=FIELD", help="Feed COLUMN into FIELD (- ignores it)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the routing; write nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the routing as JSON."),
) -> None:
    """Import marketing's leads into the hub (the same reader, presets and SLA deadlines as
    `lead import`) and route each to a rep; reps receive them on their next sync. Exit 1
    when some rows were bad (the others were imported)."""
    import io

    from salescoach import clock
    from salescoach.actions.desk_import import import_json, import_to_hub
    from salescoach.cli.common import terminal
    from salescoach.cli.leads.lead_import_cmd import _open, _playbooks, _read, _sla_table
    from salescoach.cli.leads.lead_support import default_playbook
    from salescoach.core.leads.crm_presets import FROM_CHOICES
    from salescoach.core.leads.import_rows import (
        ImportDefaults,
        assign_sla,
        check_overrides,
        check_temperature_default,
        leads_of,
        plan_columns,
        read_header,
    )
    from salescoach.core.leads.textfile import delimiter_of, detect_encoding, read_rows
    from salescoach.core.team.routing import check_method
    from salescoach.errors import EXIT_ALERT, ExitStatus, UsageError
    from salescoach.ui.team.desk_view import imported_line, row_lines
    from salescoach.ui.team.team_view import password_prompt

    method = check_method(assign)
    overrides = check_overrides(column_map)
    if crm is not None and crm.strip().lower() not in FROM_CHOICES:
        raise UsageError(f"--from {crm!r} is no CRM salescoach knows")
    defaults = ImportDefaults(
        temperature=check_temperature_default(temperature),
        playbook=playbook or default_playbook(),
        source=f"import {file.name}",
    )
    head = _read(file, lambda f: f.read(65536))
    codec = detect_encoding(head, None)
    today, term = clock.today(), terminal()
    lines = head.decode(codec, errors="ignore").splitlines()[:1]
    sep = delimiter_of(lines[0] if lines else "", None)
    with _open(file) as raw, io.TextIOWrapper(raw, codec, newline="") as text:
        rows = read_rows(text, sep)
        vendor = crm.strip().lower() if crm else None
        plan = plan_columns(read_header(rows), overrides, None, vendor)
        items = assign_sla(
            leads_of(rows, plan, sep, defaults, today), _sla_table, today, sla_days, _playbooks
        )
        result = import_to_hub(
            items,
            method,
            clock.now(),
            clock.wall_ms(),
            unassigned_ok=unassigned_ok,
            prompt=lambda role: password_prompt(term, role),
            dry_run=dry_run,
        )
    if as_json:
        term.json(import_json(str(file), method, result, dry_run=dry_run))
    else:
        routed = [(r.line, r.label, r.owner) for r in result.leads] if dry_run else []
        for line in row_lines(result.problems, result.duplicates, routed):
            term.line(line)
        term.say(
            imported_line(dict(result.routed), result.unassigned, len(result.duplicates),
                          notes=result.notes, dry_run=dry_run)
        )  # fmt: skip
    if result.problems:
        raise ExitStatus(EXIT_ALERT)
