"""backup while others write, restore in place of a store (damaged or not)."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from salescoach.store.db import connect, transaction
from tests.support.cli import run
from tests.support.leads import add, count, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def test_backup_is_owner_only_and_refuses_to_overwrite(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    default = run("backup")
    assert default.exit_code == 0
    made = Path(default.stdout.strip())
    assert made.parent == salescoach_home / "backups"
    assert made.stat().st_mode & 0o777 == 0o600
    target = tmp_path / "copy.db"
    assert run("backup", str(target)).exit_code == 0
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("SELECT name FROM leads").fetchall() == [("Ada",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    again = run("backup", str(target))
    assert again.exit_code == 2 and "exists" in again.stderr
    assert run("backup", str(tmp_path)).exit_code == 2


def test_backup_is_consistent_while_another_connection_writes(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    stop = threading.Event()

    def write_pairs() -> None:
        # Each transaction adds one interaction and bumps a counter: a torn copy would
        # show the two out of step.
        with closing(connect(salescoach_home / "salescoach.db")) as conn:
            conn.execute("INSERT INTO settings VALUES ('n', '0')")
            while not stop.is_set():
                with transaction(conn):
                    conn.execute(
                        "INSERT INTO interactions (lead_id, at, kind, text) "
                        "VALUES (1, '2026-03-11T09:00:00', 'note', ?)",
                        ("x" * 500,),
                    )
                    conn.execute("UPDATE settings SET value = value + 1 WHERE key = 'n'")

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        copies = []
        for number in range(5):
            target = tmp_path / f"b{number}.db"
            assert run("backup", str(target)).exit_code == 0
            copies.append(target)
    finally:
        stop.set()
        writer.join()
    for target in copies:
        with closing(sqlite3.connect(target)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            logged = copy.execute("SELECT count(*) FROM interactions").fetchone()[0]
            counter = copy.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()
            assert int(counter[0] if counter else 0) == logged


def test_restore_replaces_the_store_and_keeps_the_old_one(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    backup = tmp_path / "ada.db"
    run("backup", str(backup))
    add("Bob")
    refused = run("restore", str(backup))
    assert refused.exit_code == 2 and "holds 2 leads" in refused.stderr
    assert count(salescoach_home, "leads") == 2
    done = run("restore", str(backup), "--force")
    assert done.exit_code == 0, done.stderr
    assert count(salescoach_home, "leads") == 1
    [kept] = salescoach_home.glob("salescoach.db.replaced-*")
    with closing(sqlite3.connect(kept)) as old:
        assert old.execute("SELECT count(*) FROM leads").fetchone()[0] == 2
    assert (salescoach_home / "salescoach.db").stat().st_mode & 0o777 == 0o600
    assert run("log", "Ada", "-c", "call").exit_code == 0


def test_restore_over_a_damaged_store_needs_no_force(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada")
    backup = tmp_path / "ada.db"
    run("backup", str(backup))
    database = salescoach_home / "salescoach.db"
    database.write_bytes(b"garbage" * 1000)
    assert run("restore", str(backup)).exit_code == 0
    assert count(salescoach_home, "leads") == 1
    [kept] = salescoach_home.glob("salescoach.db.replaced-*")
    assert kept.read_bytes() == b"garbage" * 1000


def test_restore_refuses_what_is_not_a_backup(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada")
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite")
    result = run("restore", str(junk), "--force")
    assert result.exit_code == 2 and "is not a salescoach backup" in result.stderr
    assert run("restore", str(tmp_path / "missing.db")).exit_code == 2
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert "not a usable salescoach backup" in run("restore", str(other), "--force").stderr
    assert count(salescoach_home, "leads") == 1
