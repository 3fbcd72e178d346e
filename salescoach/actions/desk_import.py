"""`team import`: marketing's file into the hub, each lead routed to a rep.

The rows come from the same reader, presets and SLA deadlines as `lead import`. Leads the
hub already has (the same e-mail, or the same name and company) and repeats within the file
are skipped. Every new lead is one `leads` change pushed by the manager's session in one
transaction, owned by its rep (unassigned rows stay the manager's); reps receive theirs on
their next sync. A row's description becomes the lead's first note (an `interactions` event
of the lead, in its rep's name), as `lead import` makes it. `dry_run` routes the rows
against the hub as it is and writes nothing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from salescoach.actions.desk import desk_connection
from salescoach.actions.desk_assign import push_all
from salescoach.actions.team import Prompt
from salescoach.core.leads.duplicates import Duplicate
from salescoach.core.leads.import_rows import LeadRow, RowProblem
from salescoach.core.sync.gids import RANDOM_BYTES, time_ordered_gid

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamImportJSON

ORIGIN = "hub"
HUB = "a lead on the hub"


@dataclass(frozen=True, slots=True)
class Routed:
    line: int
    label: str
    owner: str | None  # None: unassigned (the manager's)


@dataclass
class TeamImport:
    routed: Counter[str] = field(default_factory=Counter)  # rep -> leads
    unassigned: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)  # same_as: HUB or "line N"
    notes: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    leads: list[Routed] = field(default_factory=list)


def import_to_hub(
    items: Iterable[LeadRow | RowProblem],
    method: str,
    now: datetime,
    wall_ms: int,
    *,
    unassigned_ok: bool,
    prompt: Prompt,
    dry_run: bool = False,
) -> TeamImport:
    from salescoach.core.team.routing import route
    from salescoach.hub.desk_import_queries import existing_keys, open_leads_per_owner
    from salescoach.hub.desk_queries import current_reps

    result = TeamImport()
    rows: list[LeadRow] = []
    for item in items:
        if isinstance(item, RowProblem):
            result.problems.append(item)
        else:
            rows.append(item)
    with desk_connection("import", prompt) as connection:
        row_keys = [_keys(row.fields) for row in rows]
        seen = dict.fromkeys(existing_keys(connection, set().union(*row_keys)), HUB)
        fresh = []
        for row, keys in zip(rows, row_keys, strict=True):
            known = sorted(keys & seen.keys())  # "e:" sorts first: the e-mail is the stronger
            if known:
                why = "e-mail" if known[0].startswith("e:") else "name and company"
                result.duplicates.append(Duplicate(row.line, row.label, seen[known[0]], why))
                continue
            seen.update(dict.fromkeys(keys, f"line {row.line}"))
            fresh.append(row)
        reps = current_reps(connection)
        # Only by-capacity weighs the reps' loads; counting them reads every lead.
        load = open_leads_per_owner(connection) if method == "by-capacity" else {}
        owners = route(
            method, [r.fields.get("owner") for r in fresh], reps, load, unassigned_ok=unassigned_ok
        )
        manager = connection.execute("SELECT current_user").fetchone()[0]
        changes = []
        for i, (row, owner) in enumerate(zip(fresh, owners, strict=True)):
            lead = _change(row, owner or manager, now, wall_ms, 2 * i)
            changes.append(lead)
            if row.description:
                changes.append(_first_note(row, lead, now, wall_ms, 2 * i + 1))
                result.notes += 1
        if not dry_run:
            push_all(connection, changes)
    for row, owner in zip(fresh, owners, strict=True):
        result.leads.append(Routed(row.line, row.label, owner))
        if owner is None:
            result.unassigned += 1
        else:
            result.routed[owner] += 1
    return result


def _keys(fields: dict[str, Any]) -> set[str]:
    keys = {f"n:{str(fields['name']).lower()}|{str(fields.get('company') or '').lower()}"}
    if fields.get("email"):
        keys.add(f"e:{str(fields['email']).lower()}")
    return keys


def _change(row: LeadRow, owner: str, now: datetime, wall_ms: int, counter: int) -> Any:
    from salescoach.core.sync.changes import RowChange
    from salescoach.core.sync.clock import Stamp

    stamp = now.isoformat(timespec="seconds")
    fields = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.fields.items()}
    fields.update(
        owner=owner, step="prospecting", status="open",
        created_at=stamp, updated_at=stamp, step_entered_at=stamp,
    )  # fmt: skip
    gid = time_ordered_gid(wall_ms, os.urandom(RANDOM_BYTES))
    hlc = Stamp(wall_ms, counter, ORIGIN).text()
    return RowChange("leads", gid, gid, owner, ORIGIN, hlc, fields)


def _first_note(row: LeadRow, lead: Any, now: datetime, wall_ms: int, counter: int) -> Any:
    import json

    from salescoach.core.sync.changes import RowChange
    from salescoach.core.sync.clock import Stamp

    detail = {"imported_from": row.fields.get("crm_vendor") or "file"}
    fields = {
        "at": now.isoformat(timespec="seconds"), "step": "prospecting", "kind": "note",
        "text": row.description, "detail_json": json.dumps(detail),
    }  # fmt: skip
    hlc = Stamp(wall_ms, counter, ORIGIN).text()
    gid = time_ordered_gid(wall_ms, os.urandom(RANDOM_BYTES))
    return RowChange("interactions", gid, lead.gid, lead.owner, ORIGIN, hlc, fields)


def import_json(file: str, method: str, result: TeamImport, *, dry_run: bool) -> TeamImportJSON:
    return {
        "schema": "team-import", "version": 1, "file": file, "dry_run": dry_run,
        "method": method, "routed": dict(sorted(result.routed.items())),
        "unassigned": result.unassigned, "duplicates": len(result.duplicates),
        "duplicate_rows": [
            {"line": d.line, "label": d.label, "same_as": d.same_as, "why": d.why}
            for d in result.duplicates
        ],
        "notes": result.notes,
        "leads": [{"line": r.line, "label": r.label, "owner": r.owner} for r in result.leads],
        "problems": [{"line": p.line, "message": p.message} for p in result.problems],
    }  # fmt: skip
