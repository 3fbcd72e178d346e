"""Reading leads in bulk: the filtered, sorted `lead list`, and a lead's open tasks.

Listings are paged (`limit`) and ordered by indexed columns where possible, so that a store
with tens of thousands of leads answers as fast as an empty one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from salescoach.core.kernel.records import Lead, OpenTask
from salescoach.store.leads import row_to_lead

SORTS = {
    "name": "lower(name), lower(company), id",
    "company": "lower(coalesce(company, '')), lower(name), id",
    "created": "created_at DESC, id DESC",
    "updated": "updated_at DESC, id DESC",
    "last": "last_interaction_at IS NULL, last_interaction_at DESC, id DESC",
    "sla": "sla_due IS NULL, sla_due, id",
    "step": "{step_order}, lower(name), id",
    "id": "id",
}
STATUS_CHOICES = ("open", "won", "lost", "archived", "active", "all")


@dataclass(frozen=True)
class LeadQuery:
    """Filters for `lead list`. `status` "active" means every lead that is not archived."""

    step: str | None = None
    temperature: str | None = None
    playbook: str | None = None
    owner: str | None = None
    text: str | None = None
    status: str = "active"
    sort: str = "name"
    limit: int | None = 50


def _step_order() -> str:
    # Imported here: the playbook model costs start-up time the other sorts need not pay.
    from salescoach.core.kernel.steps import STEP_IDS

    return "CASE step " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STEP_IDS)) + " END"


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_leads(conn: sqlite3.Connection, query: LeadQuery) -> tuple[list[Lead], int]:
    """Leads matching `query` (without their answers), and how many match in all."""
    clause, params = _where(query)
    total = conn.execute(f"SELECT count(*) FROM leads{clause}", params).fetchone()[0]
    return list(each_lead(conn, query)), int(total)


def each_lead(conn: sqlite3.Connection, query: LeadQuery) -> Iterator[Lead]:
    """The leads `list_leads` lists, one at a time (a listing of all holds none for long)."""
    clause, params = _where(query)
    sql = f"SELECT * FROM leads{clause} ORDER BY {SORTS[query.sort]}"
    if query.sort == "step":
        sql = sql.replace("{step_order}", _step_order())
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)}"
    return map(row_to_lead, conn.execute(sql, params))


def lead_widths(
    conn: sqlite3.Connection, query: LeadQuery, cells: Callable[[str], int]
) -> tuple[int, list[int]]:
    """How many leads `query` lists and the widest cell of each column of the plain listing
    (`ui.leads.lead_view`), in terminal cells of the text as shown, in one pass: printable
    ASCII measured by SQLite, anything else by `cells`; stamps as the listing writes them
    (`YYYY-MM-DD HH:MM`, or "-"; an SLA date only while the lead is not contacted)."""
    clause, params = _where(query)
    conn.create_function("cells", 1, cells, deterministic=True)
    texts = ", ".join(_widest(c) for c in ("name", "coalesce(company, '')", "temperature", "step"))
    row = conn.execute(
        f"SELECT count(*), coalesce(max(length(id)), 0), {texts}, "
        "coalesce(max(length(status)), 0), "
        "CASE WHEN max(nullif(last_interaction_at, '')) IS NULL THEN 1 ELSE 16 END, "
        "CASE WHEN max(coalesce(sla_due, '') != '' AND coalesce(first_contact_at, '') = '') "
        f"THEN 10 ELSE 0 END FROM leads{clause}",
        params,
    ).fetchone()
    return int(row[0]), [int(width) for width in row[1:]]


def _widest(expr: str) -> str:
    measured = f"CASE WHEN {expr} GLOB '*[^ -~]*' THEN cells({expr}) ELSE length({expr}) END"
    return f"coalesce(max({measured}), 0)"


def _where(query: LeadQuery) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if query.status == "active":
        where.append("status != 'archived'")
    elif query.status != "all":
        where.append("status = ?")
        params.append(query.status)
    for column in ("step", "temperature", "playbook"):
        value = getattr(query, column)
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if query.owner is not None:
        where.append("lower(coalesce(owner, '')) = ?")
        params.append(query.owner.lower())
    if query.text:
        columns = ("name", "company", "email")  # LIKE ignores ASCII case by itself
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([_like(query.text)] * len(columns))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def open_tasks(conn: sqlite3.Connection, lead_id: int) -> list[OpenTask]:
    """A lead's open follow-up tasks, soonest first."""
    rows = conn.execute(
        "SELECT id, title, due, channel, priority, cadence, note FROM tasks "
        # `+due`: sort the lead's few tasks rather than walk every open task in due order
        "WHERE lead_id = ? AND status = 'open' ORDER BY +due, id",
        (lead_id,),
    )
    return [
        OpenTask(
            id=r["id"],
            title=r["title"],
            due=date.fromisoformat(r["due"]),
            channel=r["channel"],
            priority=r["priority"],
            cadence=r["cadence"],
            note=r["note"],
        )
        for r in rows
    ]
