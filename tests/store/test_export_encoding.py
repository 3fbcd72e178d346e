"""The export's lines written by SQLite are byte for byte those of the Python encoder (the
way every line was written before), whatever the text and numbers the rows hold."""

from __future__ import annotations

import io
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.errors import StoreError
from salescoach.store.db import connect
from salescoach.store.exporter import (
    TABLES,
    export_jsonl,
)
from tests.support.export_runs import as_version_1, python_export

STAMP = "2026-03-11T09:00:00+00:00"
# Any text SQLite can hold (UTF-8: no lone surrogates).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# What an INTEGER column may hold in a store written by another tool: a REAL stays REAL.
durations = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)


def _fill(conn: sqlite3.Connection, text: str, duration: object, target: float) -> None:
    conn.execute(
        "INSERT INTO leads (name, company, playbook, step_entered_at, created_at, updated_at) "
        "VALUES (?, ?, 'minimal', ?, ?, ?)",
        (text or "x", text, STAMP, STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO interactions (lead_id, at, kind, text, duration_minutes, detail_json) "
        "VALUES (1, ?, 'note', ?, ?, '{\"a\": 1}')",
        (STAMP, text, duration),
    )
    conn.execute(
        "INSERT INTO goals (metric, target, period, created_at) VALUES ('calls', ?, 'day', ?)",
        (abs(target) or 1.0, STAMP),
    )
    conn.execute("INSERT INTO settings (key, value) VALUES ('note', ?)", (text,))


@settings(max_examples=80, deadline=None)
@given(
    text=texts,
    duration=durations,
    target=st.floats(min_value=1e-300, max_value=1e300),
)
def test_sqlite_writes_the_lines_the_python_encoder_writes(
    text: str, duration: object, target: float
) -> None:
    with tempfile.TemporaryDirectory() as folder, closing(connect(Path(folder) / "a.db")) as conn:
        _fill(conn, text, duration, target)
        for what in ("all", "interactions", "settings", "goals"):
            out = io.StringIO()
            export_jsonl(conn, out, what)
            written = out.getvalue()
            assert (as_version_1(written) if what == "all" else written) == python_export(
                conn, what
            )


_DATA_PREFIXES = {f'{{"table":"{table}",' for table in TABLES}


def test_more_rows_than_one_batch_keep_their_order(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(conn, "Ada", 5, 3.0)
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, kind, text, duration_minutes) "
            "VALUES (1, ?, 'note', ?, ?)",
            [(STAMP, f"note {n}", 0.5 if n % 997 == 0 else n) for n in range(5000)],
        )
        out = io.StringIO()
        written = export_jsonl(conn, out)
        lines = out.getvalue().splitlines()
        assert written == len(as_version_1(out.getvalue()).splitlines()) - 1  # every row
        data = [line for line in lines if line.split('"row"')[0] in _DATA_PREFIXES]
        assert len(data) == 5000 + 4  # the rows themselves, before their sync identity
        assert as_version_1(out.getvalue()) == python_export(conn, "all")


def test_a_blob_or_an_infinity_is_reported_as_before(tmp_path: Path) -> None:
    """Rows SQLite cannot write go through the Python encoder, which stops the export at the
    same row with the same message as ever, every line before it written."""
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(conn, "Ada", 5, 3.0)
        before = python_export(conn, "all").splitlines(keepends=True)
        conn.execute(
            "INSERT INTO interactions (lead_id, at, kind, duration_minutes) "
            "VALUES (1, ?, 'note', ?)",
            (STAMP, float("inf")),
        )
        out = io.StringIO()
        with pytest.raises(StoreError, match="the interactions row 2 holds a number"):
            export_jsonl(conn, out)
        last = max(n for n, line in enumerate(before) if '"table":"interactions"' in line)
        assert as_version_1(out.getvalue()) == "".join(before[: last + 1])
        conn.execute("UPDATE interactions SET duration_minutes = 1, text = ? WHERE id = 2", (b"x",))
        with pytest.raises(TypeError, match="bytes is not JSON serializable"):
            export_jsonl(conn, io.StringIO())


def test_a_file_gets_the_bytes_a_text_stream_gets(tmp_path: Path) -> None:
    """Batches go straight into a file's binary buffer (stdout, `-o FILE`), the header and
    the lines Python writes too, in order: the same bytes as text written to a string."""
    with closing(connect(tmp_path / "a.db")) as conn:
        _fill(conn, "Zoë \u2028 said \u0085 “yes”", 0.25, 3.0)
        conn.execute(
            "INSERT INTO interactions (lead_id, at, kind, text) VALUES (1, ?, 'note', 'plain')",
            (STAMP,),
        )
        text = io.StringIO()
        export_jsonl(conn, text)
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        stream.write("text written before\n")  # still in the wrapper: it must go first
        export_jsonl(conn, stream)
        stream.flush()
        assert raw.getvalue() == b"text written before\n" + text.getvalue().encode()
        assert as_version_1(text.getvalue()) == python_export(conn, "all")
