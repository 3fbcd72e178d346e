"""Leads and the answers recorded on them."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any

from salescoach.core.kernel.records import MAX_ID, Lead
from salescoach.errors import AmbiguousError, NotFoundError
from salescoach.store import lead_search

_COLUMNS = (
    "name",
    "company",
    "email",
    "phone",
    "source",
    "temperature",
    "playbook",
    "owner",
    "step",
    "status",
    "status_reason",
    "sla_due",
    "first_contact_at",
    "last_interaction_at",
    "step_entered_at",
    "created_at",
    "updated_at",
    "mobile",
    "job_title",
    "crm_vendor",
    "crm_id",
    "origin",
)
EDITABLE = (
    "name", "company", "email", "phone", "mobile", "job_title", "source", "temperature",
    "playbook", "owner",
)  # fmt: skip


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def row_to_lead(row: sqlite3.Row, answers: dict[str, Any] | None = None) -> Lead:
    return Lead(
        id=row["id"],
        name=row["name"],
        company=row["company"],
        email=row["email"],
        phone=row["phone"],
        source=row["source"],
        temperature=row["temperature"],
        playbook=row["playbook"],
        owner=row["owner"],
        step=row["step"],
        status=row["status"],
        status_reason=row["status_reason"],
        sla_due=date.fromisoformat(row["sla_due"]) if row["sla_due"] else None,
        first_contact_at=_dt(row["first_contact_at"]),
        last_interaction_at=_dt(row["last_interaction_at"]),
        step_entered_at=datetime.fromisoformat(row["step_entered_at"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        answers=answers or {},
        mobile=row["mobile"],
        job_title=row["job_title"],
        crm_vendor=row["crm_vendor"],
        crm_id=row["crm_id"],
    )


def insert_lead(conn: sqlite3.Connection, fields: dict[str, Any], now: datetime) -> int:
    """Insert one lead (inside the caller's transaction); returns its id."""
    stamp = now.isoformat(timespec="seconds")
    values = {"step": "prospecting", "status": "open", **fields}
    values.update(created_at=stamp, updated_at=stamp, step_entered_at=stamp)
    if isinstance(values.get("sla_due"), date):
        values["sla_due"] = values["sla_due"].isoformat()
    names = [c for c in _COLUMNS if c in values]
    placeholders = ", ".join("?" for _ in names)
    cursor = conn.execute(
        f"INSERT INTO leads ({', '.join(names)}) VALUES ({placeholders})",
        [values[c] for c in names],
    )
    return int(cursor.lastrowid or 0)


def get_lead(conn: sqlite3.Connection, lead_id: int) -> Lead:
    row = conn.execute("SELECT * FROM leads WHERE id = ?", (lead_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no lead with id {lead_id}")
    return row_to_lead(row, get_answers(conn, lead_id))


def find_lead(conn: sqlite3.Connection, ref: str, *, include_archived: bool = True) -> Lead:
    """A lead from what a rep types: its id, or an unambiguous part of its name or company.

    Digits are an id first; when no lead has that id they are looked for in names and
    companies too (a lead may be called "3M" or "1871")."""
    text = ref.strip()
    if not text:
        raise NotFoundError("a lead is needed: give its id or part of its name or company")
    numeric = text.isascii() and text.isdigit()  # "²" is a digit to Python, not to int()
    if numeric and int(text) <= MAX_ID:
        try:
            return get_lead(conn, int(text))
        except NotFoundError:
            pass
    rows = matching_leads(conn, text.lower(), include_archived)
    exact = [r for r in rows if text.lower() in (r["name"].lower(), (r["company"] or "").lower())]
    if len(exact) == 1 or numeric:
        # A number that is no lead's id names a lead only exactly ("3M", "1871"): a mistyped
        # id must never act on whichever lead has those digits somewhere in its name.
        rows = exact
    if not rows:
        what = f"no lead has the id {text} or matches {ref!r}" if numeric else None
        raise NotFoundError(what or f"no lead matches {ref!r}", hint="see `salescoach lead list`")
    if len(rows) > 1:
        candidates = [
            f"{r['id']}: {r['name']}" + (f" ({r['company']})" if r["company"] else "")
            for r in rows[:20]
        ]
        raise AmbiguousError(
            f"{ref!r} matches several leads; use the id or more of the name:", candidates
        )
    return row_to_lead(rows[0], get_answers(conn, rows[0]["id"]))


def matching_leads(
    conn: sqlite3.Connection, lowered: str, include_archived: bool
) -> list[sqlite3.Row]:
    """The first 21 leads, by id, whose name or company holds `lowered` (LIKE's match: any
    ASCII case, other characters as they are)."""
    pattern = "%" + lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    archived = "" if include_archived else "AND l.status != 'archived'"
    # LIKE already ignores ASCII case (as SQLite's lower() does, no more); leaving lower()
    # out makes the scan of every lead three times cheaper.
    like = f"(l.name LIKE :like ESCAPE '\\' OR l.company LIKE :like ESCAPE '\\') {archived}"
    query = lead_search.phrase(lowered)
    if query is not None and lead_search.indexed(conn):
        # The trigram index hands over the candidates in id order; LIKE decides (see
        # store.lead_search), and LIMIT stops reading candidates at the 21st match.
        sql = (
            f"SELECT l.* FROM {lead_search.TABLE} s CROSS JOIN leads l ON l.id = s.rowid "
            f"WHERE s.{lead_search.TABLE} MATCH :query AND {like} ORDER BY s.rowid LIMIT 21"
        )
    else:
        sql = f"SELECT l.* FROM leads l WHERE {like} ORDER BY l.id LIMIT 21"
    return conn.execute(sql, {"like": pattern, "query": query}).fetchall()


def get_answers(conn: sqlite3.Connection, lead_id: int) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT field, value_json FROM answers WHERE lead_id = ? ORDER BY field", (lead_id,)
    )
    return {r["field"]: json.loads(r["value_json"]) for r in rows}


def set_answer(
    conn: sqlite3.Connection,
    lead_id: int,
    field: str,
    value: Any,
    *,
    step: str,
    question: str,
    now: datetime,
) -> None:
    """Record an answer on the lead (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO answers (lead_id, field, value_json, step, question, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (lead_id, field) DO UPDATE SET "
        "value_json = excluded.value_json, step = excluded.step, "
        "question = excluded.question, updated_at = excluded.updated_at",
        (
            lead_id,
            field,
            json.dumps(value, ensure_ascii=False, allow_nan=False),
            step,
            question,
            now.isoformat(timespec="seconds"),
        ),
    )


def update_lead(
    conn: sqlite3.Connection, lead_id: int, changes: dict[str, Any], now: datetime
) -> None:
    """Change lead columns (inside the caller's transaction). Moving step stamps step_entered_at."""
    if not changes:
        return
    values = dict(changes)
    values["updated_at"] = now.isoformat(timespec="seconds")
    if "step" in values:
        values["step_entered_at"] = values["updated_at"]
    if isinstance(values.get("sla_due"), date):
        values["sla_due"] = values["sla_due"].isoformat()
    unknown = set(values) - set(_COLUMNS)
    if unknown:
        raise ValueError(f"not lead columns: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in values)
    conn.execute(f"UPDATE leads SET {assignments} WHERE id = ?", [*values.values(), lead_id])


def touch_lead(conn: sqlite3.Connection, lead_id: int, at: datetime, *, contact: bool) -> None:
    """Keep the lead's stamps current (inside the caller's transaction), so the plan never
    scans the log: its last interaction and, for a contact with the buyer, its first contact,
    the earliest one whatever order they are recorded in. The only place either is stamped."""
    stamp = at.isoformat(timespec="seconds")
    conn.execute(
        "UPDATE leads SET "
        "first_contact_at = CASE WHEN :contact "
        "THEN coalesce(min(first_contact_at, :at), :at) ELSE first_contact_at END, "
        "last_interaction_at = max(coalesce(last_interaction_at, ''), :at) WHERE id = :id",
        {"contact": contact, "at": stamp, "id": lead_id},
    )


def find_duplicate(
    conn: sqlite3.Connection, name: str, company: str | None, email: str | None
) -> Lead | None:
    """An existing lead that is the same person: same e-mail, or same name and company
    (case-insensitive). The import uses the same rule (`core.leads.duplicates`)."""
    row = None
    if email:
        row = conn.execute(
            "SELECT * FROM leads WHERE lower(email) = ? ORDER BY id LIMIT 1", (email.lower(),)
        ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT * FROM leads WHERE lower(name) = ? AND lower(company) IS ? ORDER BY id LIMIT 1",
            (name.lower(), company.lower() if company else None),
        ).fetchone()
    return row_to_lead(row) if row is not None else None
