"""`lead import` leaves the leads' trigram index out of its per-row inserts after its first
BULK_FROM new leads and indexes the rest in one statement at the end (actions.lead_import):
the store it leaves is the one the per-row triggers leave, the index holding the same terms
at the same places, so finding a lead gives the same answers; a dry run and a failure keep
nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.actions import lead_import
from salescoach.actions.interaction_log import InteractionLog
from salescoach.core.leads.import_rows import LeadRow
from salescoach.errors import AmbiguousError, NotFoundError
from salescoach.store import lead_search
from salescoach.store.db import transaction
from salescoach.store.leads import find_lead, insert_lead
from tests.support.store import comparable_contents, fresh_store

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
WORDS = ["Ada", "ada", "Lovelace", "Émile", "émile", "Zoë", "Acme", "ACME Ltd", "Ring%", "O'Neil"]

names = st.builds(lambda *w: " ".join(w), st.sampled_from(WORDS), st.sampled_from(WORDS))
people = st.tuples(
    names,
    st.none() | st.sampled_from(WORDS),
    st.none() | st.sampled_from(["a@x.example", "A@X.example", "b@x.example"]),
    st.none() | st.sampled_from(["001", "002"]),  # a CRM record id (salesforce)
    st.none() | st.just("met at the fair"),
)


def _one_lead_per_record(there: list[tuple]) -> list[tuple]:
    """The leads already there, a CRM record id on one of them at most (a unique index)."""
    held: set[str] = set()
    kept = []
    for *person, crm_id, note in there:
        kept.append((*person, None if crm_id in held else crm_id, note))
        held.add(crm_id)
    return kept


def _row(line: int, person: tuple) -> LeadRow:
    name, company, email, crm_id, description = person
    fields = {"name": name, "company": company, "email": email, "playbook": "b2b-saas"}
    if crm_id is not None:
        fields.update(crm_vendor="salesforce", crm_id=crm_id)
    return LeadRow(line, {k: v for k, v in fields.items() if v is not None}, description)


def _imported(
    bulk_from: int, there: list[tuple], rows: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict, list[object], lead_import.ImportResult]:
    monkeypatch.setattr(lead_import, "BULK_FROM", bulk_from)
    with fresh_store() as conn:
        with transaction(conn):
            for person in _one_lead_per_record(there):
                insert_lead(conn, _row(0, person).fields, NOW)
        result = lead_import.import_leads(
            conn, [_row(n + 2, p) for n, p in enumerate(rows)], NOW, log=InteractionLog()
        )
        contents = comparable_contents(conn)
        found = [_found(conn, ref) for ref in [*WORDS, "Ada Love", "me L", "ile"]]
        return contents, found, result


def _found(conn: sqlite3.Connection, ref: str) -> object:
    try:
        return find_lead(conn, ref).id
    except AmbiguousError as exc:
        return ("ambiguous", exc.candidates)
    except NotFoundError as exc:
        return ("not found", str(exc))


@pytest.mark.skipif(not lead_search.available(), reason="this SQLite has no FTS5 trigram")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    there=st.lists(people, max_size=6),
    rows=st.lists(people, max_size=14),
    bulk_from=st.sampled_from([0, 1, 3]),
)
def test_a_bulk_import_leaves_the_index_the_per_row_triggers_leave(
    there: list[tuple], rows: list[tuple], bulk_from: int
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        bulk = _imported(bulk_from, there, rows, monkeypatch)
        per_row = _imported(10**9, there, rows, monkeypatch)
    assert bulk == per_row


@pytest.mark.skipif(not lead_search.available(), reason="this SQLite has no FTS5 trigram")
def test_a_bulk_dry_run_or_failure_keeps_nothing_and_puts_the_triggers_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lead_import, "BULK_FROM", 1)
    rows = [_row(n + 2, (f"Ada {n}", "Acme", None, None, None)) for n in range(5)]

    def failing() -> object:
        yield from rows
        raise RuntimeError("killed after the bulk insert")

    with fresh_store() as conn:
        before = comparable_contents(conn)
        dry = lead_import.import_leads(conn, rows, NOW, log=InteractionLog(), dry_run=True)
        assert dry.added == 5
        assert comparable_contents(conn) == before
        with pytest.raises(RuntimeError):
            lead_import.import_leads(conn, failing(), NOW, log=InteractionLog())  # type: ignore[arg-type]
        assert comparable_contents(conn) == before
        lead_import.import_leads(conn, rows, NOW, log=InteractionLog())
        assert find_lead(conn, "Ada 3").name == "Ada 3"
