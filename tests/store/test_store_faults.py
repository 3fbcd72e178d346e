"""The store under faults: migrations from every version, damaged and foreign files,
a newer schema, SIGKILL during a large import, and eight writers at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.store import lead_search
from salescoach.store.db import connect
from salescoach.store.leads import find_lead
from salescoach.store.migrations import SCHEMA_VERSION
from tests.support.cli import run
from tests.support.leads import add, count, use_test_playbooks
from tests.support.paths import FIXTURES, TESTS
from tests.support.store import BUILDERS, table_contents


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def test_every_version_has_a_fixture() -> None:
    assert set(BUILDERS) == set(range(SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", sorted(BUILDERS))
def test_migrating_from_each_version_keeps_every_row(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    BUILDERS[version](path)
    before = table_contents(path)
    with closing(connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    after = table_contents(path)
    for table, old_rows in before.items():
        width = len(old_rows[0]) if old_rows else 0
        assert [row[:width] for row in after[table]] == old_rows, table
    assert "leads" in after


def test_migrated_store_works_through_the_cli(
    salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    salescoach_home.mkdir(parents=True)
    BUILDERS[1](salescoach_home / "salescoach.db")
    shown = run("lead", "show", "ACME")
    assert shown.exit_code == 0 and "persona: cfo" in shown.stdout
    listed = run("lead", "list", "--status", "all")
    assert listed.exit_code == 0 and "مريم 🌟" in listed.stdout


def _corrupt_leads_root_page(path: Path) -> None:
    """Overwrite the root page of the leads table: the file still opens, reads fail."""
    with closing(sqlite3.connect(path)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'leads'").fetchone()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * size
    data[start : start + size] = b"\x5a" * size
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["text", "zeros-and-noise", "damaged-page"])
def test_a_foreign_or_damaged_file_is_named_and_left_untouched(
    salescoach_home: Path, kind: str
) -> None:
    database = salescoach_home / "salescoach.db"
    if kind == "damaged-page":
        add("Ada")
        with closing(sqlite3.connect(database)) as conn:
            conn.executemany(
                "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
                "VALUES (?, 'minimal', '2026-03-11T09:00:00', '2026-03-11T09:00:00', "
                "'2026-03-11T09:00:00')",
                [(f"lead {n} " + "x" * 200,) for n in range(2000)],
            )
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _corrupt_leads_root_page(database)
    else:
        salescoach_home.mkdir(parents=True)
        content = b"name,email\nAda,ada@x.io\n" if kind == "text" else bytes(range(256)) * 64
        database.write_bytes(content)
    before = database.read_bytes()
    result = run("lead", "list", "--limit", "0")
    assert result.exit_code == 2
    assert str(database) in result.stderr
    assert "salescoach restore BACKUP" in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == before
    if kind != "damaged-page":
        assert sorted(p.name for p in salescoach_home.iterdir()) == ["salescoach.db"]


def test_a_newer_schema_is_refused_untouched(salescoach_home: Path) -> None:
    add("Ada")
    database = salescoach_home / "salescoach.db"
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = database.read_bytes()
    result = run("lead", "list")
    assert result.exit_code == 2
    assert "written by a newer salescoach (schema 99" in result.stderr
    assert database.read_bytes() == before


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SALESCOACH_HOME": str(home),
        "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES / "playbooks"),
    }


@pytest.mark.slow
def test_sigkill_during_a_large_import_leaves_all_or_nothing(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Existing lead")
    database = salescoach_home / "salescoach.db"
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = 40_000
    big = tmp_path / "big.csv"
    with big.open("w") as out:
        out.write("name,company,email\n")
        for n in range(rows):
            out.write(f"Person {n},Company {n % 997},person{n}@example.com\n")
    wal = Path(f"{database}-wal")
    command = [sys.executable, "-m", "salescoach", "lead", "import", str(big), "-p", "minimal"]
    process = subprocess.Popen(
        command, env=_env(salescoach_home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    # The import writes in one transaction: once the WAL holds megabytes, it is mid-way.
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        leads = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        # Killed inside its bulk insert: the index's triggers it had dropped are there again.
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert leads in (1, 1 + rows)
    assert set(lead_search.TRIGGERS_ON_INSERT) <= triggers or not lead_search.available()
    again = run("lead", "import", str(big), "-p", "minimal")
    assert again.exit_code == 0
    assert count(salescoach_home, "leads") == 1 + rows
    with closing(connect(database)) as conn:
        if lead_search.available():
            check = f"INSERT INTO {lead_search.TABLE} ({lead_search.TABLE}) VALUES (?)"
            conn.execute(check, ("integrity-check",))
        assert find_lead(conn, f"Person {rows - 1}").email == f"person{rows - 1}@example.com"


@pytest.mark.slow
def test_eight_processes_logging_at_once_lose_nothing(salescoach_home: Path) -> None:
    add("Ada")
    workers, each = 8, 200
    database = salescoach_home / "salescoach.db"
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(TESTS / "support" / "log_worker.py"),
                str(database),
                str(n),
                str(each),
            ],
            env=_env(salescoach_home),
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(workers)
    ]
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * workers, errors
    assert count(salescoach_home, "interactions") == workers * each
    with closing(sqlite3.connect(database)) as conn:
        per_worker = dict(conn.execute("SELECT text, count(*) FROM interactions GROUP BY text"))
        assert per_worker == {f"worker {n}": each for n in range(workers)}
        last = conn.execute("SELECT last_interaction_at FROM leads").fetchone()[0]
        assert last == conn.execute("SELECT max(at) FROM interactions").fetchone()[0]
