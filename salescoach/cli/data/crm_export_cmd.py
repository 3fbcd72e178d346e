"""`salescoach export activities|contacts`: what salescoach holds, for a CRM or a phone.

Reached through `export` (cli/data/data_cmd.py) when it is given a subject; written through
the same owner-only, whole-or-nothing output as every export.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUBJECTS = ("activities", "contacts")


@dataclass(frozen=True)
class ExportOptions:
    fmt: str | None  # --format, when given
    vendor: str | None
    since: str | None
    kind: str | None
    again: bool
    output: Path | None
    force: bool


def export_subject(subject: list[str], options: ExportOptions) -> None:
    from salescoach.errors import UsageError

    what, *rest = subject
    if what not in SUBJECTS:
        raise UsageError(
            f"export has no subject {what!r}",
            hint="export activities --for CRM, export contacts --format vcard, or export alone",
        )
    if what == "activities":
        if rest:
            raise UsageError(f"export activities takes no arguments ({' '.join(rest)})")
        export_activities(options)
        return
    if (options.fmt or "").strip().lower() != "vcard":
        raise UsageError("export contacts needs --format vcard")
    if options.vendor or options.since or options.kind or options.again:
        raise UsageError("--for, --since, --type and --again go with export activities")
    export_contacts(rest, options)


def export_contacts(refs: list[str], options: ExportOptions) -> None:
    """vCards of the leads named, or of every lead not archived."""
    from salescoach import __version__
    from salescoach.cli.common import terminal
    from salescoach.cli.data.export_output import export_output
    from salescoach.core.kernel.records import Lead
    from salescoach.core.leads.vcard import to_vcards
    from salescoach.store.access import opened_store
    from salescoach.store.leadlist import LeadQuery, list_leads
    from salescoach.store.leads import find_lead
    from salescoach.ui.plural import plural

    with opened_store() as conn:
        if refs:
            leads: list[Lead] = []
            for ref in refs:
                lead = find_lead(conn, ref)
                if all(lead.id != other.id for other in leads):
                    leads.append(lead)  # a lead named twice is one card
        else:
            leads, _total = list_leads(conn, LeadQuery(sort="id", limit=None))
    with export_output(options.output, options.force) as out:
        out.write(to_vcards(leads, version=__version__))
    where = f" to {options.output}" if options.output else ""
    terminal().say(f"exported {plural(len(leads), 'contact')} as vCards{where}")


def export_activities(options: ExportOptions) -> None:
    from salescoach import clock
    from salescoach.actions.crm_export import pending_activities, record_export
    from salescoach.cli.common import terminal
    from salescoach.cli.data.export_output import export_output
    from salescoach.core.kernel.dates import parse_date
    from salescoach.core.leads.activity_export import (
        ACTIVITY_TYPES,
        VENDORS,
        count_by_type,
        to_csv,
    )
    from salescoach.core.leads.crm_presets import PRESETS
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store
    from salescoach.ui.plural import plural

    vendor, kind, output = options.vendor, options.kind, options.output
    crm = (vendor or "").strip().lower()
    if crm not in VENDORS:
        raise UsageError(
            "export activities needs --for salesforce, hubspot or pipedrive"
            + (f" (not {vendor!r})" if vendor else "")
        )
    if kind is not None and kind.strip().lower() not in ACTIVITY_TYPES:
        raise UsageError(
            f"unknown activity type {kind!r}", hint="types: " + ", ".join(ACTIVITY_TYPES)
        )
    chosen = kind.strip().lower() if kind else None
    types = (chosen,) if chosen else ACTIVITY_TYPES
    day = parse_date(options.since, clock.today()) if options.since else None
    label = PRESETS[crm].label
    with opened_store() as conn:
        activities, marks = pending_activities(conn, crm, types, day, again=options.again)
        if crm == "hubspot" and chosen is None:
            counts = count_by_type(activities)
            waiting = ", ".join(plural(n, t) for t, n in counts.items()) or "nothing"
            raise UsageError(
                f"HubSpot imports one activity type per file; to export: {waiting}",
                hint="run once per --type call, email, meeting, note or task",
            )
        text, written = to_csv(crm, chosen, activities)
        with export_output(output, options.force) as out:
            out.write(text)
        if not options.again:
            record_export(conn, crm, marks)
    where = f" to {output}" if output else ""
    terminal().say(f"exported {plural(written, 'activity', 'activities')} for {label}{where}")
