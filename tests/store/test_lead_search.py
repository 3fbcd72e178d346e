"""Finding a lead by part of its name through the trigram index (store.lead_search) finds what
the scan of every lead found: the same leads in the same order, the same ambiguity and the
same errors, whatever the case, script, wildcard characters or length of what was typed; the
triggers keep the index whoever writes; a store without FTS5 keeps the scan."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.errors import AmbiguousError, NotFoundError
from salescoach.store import lead_search
from salescoach.store.db import connect
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from salescoach.store.leads import find_lead, matching_leads
from tests.support.store import build_v10, fresh_store

STAMP = "2026-03-01T10:00:00+00:00"
# Case pairs inside and outside ASCII, letters whose case folds to more than one letter or to
# ASCII (ß, İ, ı, the Kelvin sign), LIKE's wildcards and escape, a quote (FTS5's), digits.
ALPHABET = "aAbBkKéÉßẞİıiIK%_\\\"' 0127-."
STATUSES = ("open", "won", "lost", "archived")

# The lookup as it was before the index: a scan of every lead.
SCAN = (
    "SELECT * FROM leads WHERE (name LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\') "
    "{archived} ORDER BY id LIMIT 21"
)


def _insert(conn: sqlite3.Connection, lead_id: int, name: str, company: str | None,
            status: str = "open") -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO leads (id, name, company, status, playbook, step_entered_at, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, 'b2b-saas', ?, ?, ?)",
        (lead_id, name, company, status, STAMP, STAMP, STAMP),
    )


def _scanned(conn: sqlite3.Connection, text: str, include_archived: bool) -> list[int]:
    lowered = text.strip().lower()
    pattern = "%" + lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = SCAN.format(archived="" if include_archived else "AND status != 'archived'")
    return [row["id"] for row in conn.execute(sql, (pattern, pattern))]


def _outcome(conn: sqlite3.Connection, ref: str, include_archived: bool) -> object:
    try:
        return find_lead(conn, ref, include_archived=include_archived).id
    except AmbiguousError as exc:
        return ("ambiguous", str(exc), exc.candidates)
    except NotFoundError as exc:
        return ("not found", str(exc))


def _candidates(conn: sqlite3.Connection, text: str, include_archived: bool) -> list[int]:
    """The leads the lookup matches through the index (before its exact-name rules)."""
    assert lead_search.phrase(text.strip().lower()) is not None
    return [r["id"] for r in matching_leads(conn, text.strip().lower(), include_archived)]


texts = st.text(ALPHABET, min_size=0, max_size=8)
leads = st.lists(
    st.tuples(texts, st.none() | texts, st.sampled_from(STATUSES)), min_size=1, max_size=30
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=leads,
    refs=st.lists(texts | st.text(ALPHABET + "\x00é²", max_size=4), min_size=1, max_size=6),
    include_archived=st.booleans(),
)
def test_the_index_finds_what_the_scan_found(
    rows: list[tuple[str, str | None, str]], refs: list[str], include_archived: bool
) -> None:
    with fresh_store() as conn:
        assert lead_search.indexed(conn)
        for lead_id, (name, company, status) in enumerate(rows, 1):
            _insert(conn, lead_id, name or "x", company, status)
        # A sample of what people type: whole names and companies, pieces of them, random text.
        typed = [*refs, *(n[1:] for n, _, _ in rows), *(c.upper() for _, c, _ in rows if c)]
        for ref in typed:
            expected = _scanned(conn, ref, include_archived)
            if lead_search.phrase(ref.strip().lower()) is not None:
                assert _candidates(conn, ref, include_archived) == expected, ref
            with mock.patch.object(lead_search, "indexed", return_value=False):
                scanned = _outcome(conn, ref, include_archived)
            assert _outcome(conn, ref, include_archived) == scanned, ref


def test_more_than_twenty_matches_are_cut_at_21_in_id_order_as_before() -> None:
    with fresh_store() as conn:
        for lead_id in range(1, 41):
            _insert(conn, lead_id, f"Ann Lee {lead_id}", "ACME" if lead_id % 2 else None)
        assert _candidates(conn, "ann lee", True) == list(range(1, 22))
        assert _candidates(conn, "acm", True) == list(range(1, 41, 2))
        with pytest.raises(AmbiguousError) as raised:
            find_lead(conn, "Ann Lee")
        assert raised.value.candidates[0] == "1: Ann Lee 1 (ACME)"
        assert len(raised.value.candidates) == 20


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(connect(tmp_path / "salescoach.db")) as opened:
        yield opened


def test_the_triggers_keep_the_index_through_adds_renames_and_deletes(
    conn: sqlite3.Connection,
) -> None:
    _insert(conn, 1, "Grace Hopper", "Navy Labs")
    _insert(conn, 2, "Ada Lovelace", None)
    assert find_lead(conn, "hopper").id == 1
    conn.execute("UPDATE leads SET name = 'Grace Murray', company = NULL WHERE id = 1")
    conn.execute("UPDATE leads SET company = 'Analytical Engines' WHERE id = 2")
    assert _candidates(conn, "hopper", True) == _candidates(conn, "navy", True) == []
    assert find_lead(conn, "murray").id == 1
    assert find_lead(conn, "engines").id == 2
    conn.execute("UPDATE leads SET id = 9 WHERE id = 2")
    assert find_lead(conn, "lovelace").id == 9
    conn.execute("DELETE FROM leads WHERE id = 9")
    with pytest.raises(NotFoundError):
        find_lead(conn, "lovelace")
    table = lead_search.TABLE
    conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_the_migration_indexes_the_leads_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    build_v10(path)
    with closing(sqlite3.connect(path)) as old:
        assert not old.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (lead_search.TABLE,)
        ).fetchone()
    with closing(connect(path)) as conn:
        assert lead_search.indexed(conn)
        assert _candidates(conn, "grace", True) == [3]
        assert _candidates(conn, "navy", True) == [3]
        assert _candidates(conn, "مريم", True) == [2]
        assert _candidates(conn, "katherine", True) == [6]


def test_the_index_is_not_exported_and_a_restore_rebuilds_it(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _insert(conn, 1, "Grace Hopper", "Navy Labs")
        out = io.StringIO()
        export_jsonl(conn, out)
    assert lead_search.TABLE not in out.getvalue()
    with closing(connect(tmp_path / "b.db")) as restored:
        import_jsonl(restored, out.getvalue().splitlines(keepends=True), "export.jsonl")
        assert _candidates(restored, "navy", True) == [1]


def test_without_fts5_the_store_has_no_index_and_lookups_scan(tmp_path: Path) -> None:
    with mock.patch.object(lead_search.sqlite3, "connect", side_effect=sqlite3.Error):
        assert not lead_search.available()
    with (
        mock.patch.object(lead_search, "available", return_value=False),
        closing(connect(tmp_path / "salescoach.db")) as conn,
    ):
        assert not lead_search.indexed(conn)
        _insert(conn, 1, "Grace Hopper", "Navy Labs")
        _insert(conn, 2, "Ada Lovelace", "Navy Labs")
        assert find_lead(conn, "hopper").id == 1
        with pytest.raises(AmbiguousError):
            find_lead(conn, "navy")
        conn.execute("UPDATE leads SET name = 'Grace Murray' WHERE id = 1")
        assert find_lead(conn, "murray").id == 1


def test_this_sqlite_has_the_trigram_tokenizer() -> None:
    # The machines salescoach is tested and benchmarked on (SQLite 3.40): the index is used.
    assert lead_search.available()
