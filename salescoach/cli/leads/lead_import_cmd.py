"""`salescoach lead import FILE.csv`: leads handed over by marketing."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

import typer

if TYPE_CHECKING:
    from salescoach.core.leads.shapes import LeadImportJSON

T = TypeVar("T")
VCARD_SUFFIXES = (".vcf", ".vcard")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)


def import_(
    file: Path = typer.Argument(
        ..., help="A CSV file with a header row, a CRM's export, or a .vcf file.", dir_okay=False
    ),
    column_map: list[str] = typer.Option(
        [], "--map", metavar="COLUMN=FIELD", help="Feed COLUMN into FIELD (- ignores it)."
    ),
    value_map: list[str] = typer.Option(
        [],
        "--map-value",
        metavar="COLUMN:VALUE=TEMPERATURE",
        help="Read VALUE in COLUMN as this temperature (repeatable).",
    ),
    crm: str | None = typer.Option(
        None, "--from", help="salesforce, hubspot, pipedrive or generic (default: detected)."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="A temperature value no table knows is a bad row."
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
    encoding: str | None = typer.Option(
        None, "--encoding", help="Default: UTF-8 (BOM or not) or UTF-16 with a BOM."
    ),
    delimiter: str | None = typer.Option(
        None, "--delimiter", help="comma, semicolon or tab (default: detected)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen only."),
    no_log: bool = typer.Option(False, "--no-log", help="Keep descriptions out of the log."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import leads from CSV or a CRM's export (Salesforce, HubSpot, Pipedrive: recognised
    by their columns). Duplicates (same e-mail, or same name and company) are skipped, a
    CRM record imported before is updated; bad rows are reported by line and the rest
    imports, in one transaction.

    Exit codes: 0 all rows imported or skipped as duplicates; 1 some rows were bad (the
    others were imported); 2 the file could not be read (nothing was imported).
    """
    import io

    from salescoach import clock
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.lead_import import import_leads
    from salescoach.cli.leads.lead_support import check_playbook, default_playbook
    from salescoach.core.leads.crm_presets import FROM_CHOICES
    from salescoach.core.leads.import_rows import (
        ColumnPlan,
        ImportDefaults,
        assign_sla,
        check_overrides,
        check_temperature_default,
        leads_of,
        plan_columns,
        read_header,
    )
    from salescoach.core.leads.jsonview import import_report
    from salescoach.core.leads.textfile import (
        DELIMITERS,
        check_decodes,
        delimiter_of,
        detect_encoding,
        read_rows,
        shown_encoding,
    )
    from salescoach.core.leads.value_maps import parse_value_maps
    from salescoach.core.leads.vcard_read import (
        COLUMNS,
        VCardReading,
        leads_of_vcards,
        looks_like_vcard,
    )
    from salescoach.errors import EXIT_ALERT, ExitStatus, UsageError
    from salescoach.store.access import opened_store

    vcard_columns = {**COLUMNS, "TEL;TYPE=cell": "mobile"}

    overrides = check_overrides(column_map)
    value_maps = parse_value_maps(value_map)
    if crm is not None and crm.strip().lower() not in FROM_CHOICES:
        raise UsageError(
            f"--from {crm!r} is no CRM salescoach knows", hint="use " + "|".join(FROM_CHOICES)
        )
    vendor = crm.strip().lower() if crm else None
    defaults = ImportDefaults(
        temperature=check_temperature_default(temperature),
        # Checked now: an unknown --playbook is a bad option (exit 2), not a bad row each.
        playbook=check_playbook(playbook) if playbook else default_playbook(),
        source=source or f"import {file.name}",
        owner=owner,
        strict=strict,
    )
    head = _read(file, lambda f: f.read(65536))
    codec = detect_encoding(head, encoding)
    # A first pass checks the whole file decodes, so a bad byte on the last line imports
    # nothing and opens no store; the second reads and writes the rows.
    _read(
        file,
        lambda f: check_decodes(iter(lambda: f.read(1 << 20), b""), codec, encoding, str(file)),
    )
    today = clock.today()
    preview = head.decode(codec, errors="ignore")
    if file.suffix.lower() in VCARD_SUFFIXES or looks_like_vcard(preview):
        if not looks_like_vcard(preview):
            raise UsageError(f"{file} is not a vCard file (it does not start with BEGIN:VCARD)")
        if column_map or value_map or crm or delimiter:
            raise UsageError("--map, --map-value, --from and --delimiter go with CSV files only")
        reading = VCardReading()
        with _open(file) as raw, io.TextIOWrapper(raw, codec) as text:
            cards = leads_of_vcards(text, defaults, today, reading)
            items = assign_sla(cards, _sla_table, today, sla_days, _playbooks)
            with opened_store() as conn:
                log = interaction_log(conn, no_log=no_log)
                result = import_leads(conn, items, clock.now(), log=log, dry_run=dry_run)
        plan = ColumnPlan([], {}, (), "vcard", vcard_columns, sorted(reading.ignored))
        sep = None
    else:
        lines = preview.splitlines()[:1]
        sep = delimiter_of(lines[0] if lines else "", delimiter)
        with _open(file) as raw, io.TextIOWrapper(raw, codec, newline="") as text:
            rows = read_rows(text, sep)
            plan = plan_columns(read_header(rows), overrides, value_maps, vendor)
            items = assign_sla(
                leads_of(rows, plan, sep, defaults, today), _sla_table, today, sla_days, _playbooks
            )
            with opened_store() as conn:
                log = interaction_log(conn, no_log=no_log)
                result = import_leads(conn, items, clock.now(), log=log, dry_run=dry_run)
    report = import_report(
        str(file),
        plan,
        result,
        read_as=(shown_encoding(codec, encoding), DELIMITERS[sep] if sep else "none"),
        default_temperature=defaults.temperature,
        dry_run=dry_run,
    )
    _print_report(report, as_json)
    if result.problems:
        raise ExitStatus(EXIT_ALERT)


def _read(file: Path, use: Callable[[BinaryIO], T]) -> T:
    from salescoach.errors import UsageError

    try:
        with _open(file) as handle:
            return use(handle)
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror}") from None


def _open(file: Path) -> BinaryIO:
    """`file` open for reading: a regular file of at most MAX_CSV_BYTES; UsageError else."""
    from salescoach.core.kernel.bounded_read import MAX_CSV_BYTES, Unreadable, open_limited
    from salescoach.errors import UsageError

    try:
        return open_limited(file, MAX_CSV_BYTES)
    except Unreadable as exc:
        raise UsageError(f"cannot read {file}: {exc.reason}") from None


@functools.cache
def _sla_table(name: str) -> dict[str, int] | None:
    """A playbook's SLA (business days by temperature); None when there is no such playbook."""
    from salescoach.cli.common import load_playbook
    from salescoach.errors import NotFoundError

    try:
        sla = load_playbook(name).playbook.sla
    except NotFoundError:
        return None
    return {"qualified": sla.qualified, "warm": sla.warm, "cold": sla.cold}


def _playbooks() -> list[str]:
    from salescoach.core.playbook.catalog import list_playbooks
    from salescoach.paths import playbook_dirs

    return [source.name for source in list_playbooks(playbook_dirs())]


def _print_report(report: LeadImportJSON, as_json: bool) -> None:
    from salescoach.cli.common import terminal
    from salescoach.core.leads.crm_presets import PRESETS
    from salescoach.ui.plural import plural

    preset_labels = {name: preset.label for name, preset in PRESETS.items()}
    term = terminal()
    for warning in report["warnings"]:
        term.say("warning: " + warning["message"])
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
    if report["source"] in preset_labels:
        term.say(f"read as a {preset_labels[report['source']]} export")
    if report["ignored_columns"]:
        term.say("columns not imported: " + ", ".join(report["ignored_columns"]))
    dry = " (dry run: nothing written)" if report["dry_run"] else ""
    found = ""
    if report["updated"] or report["unchanged"]:
        changed = "would update" if report["dry_run"] else "updated"
        found = f"{changed} {plural(report['updated'], 'lead')}; {report['unchanged']} unchanged; "
    term.say(
        f"{verb} {plural(report['added'], 'lead')}; {found}"
        f"{plural(len(report['duplicates']), 'duplicate')} skipped; "
        f"{plural(len(report['problems']), 'bad row')}{dry}"
    )
