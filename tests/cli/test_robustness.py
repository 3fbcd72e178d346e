"""Faults found in review: a damaged store mid-command, an unusable data home, a backup aimed
at the live database, blank objections, leads named with digits, racing duplicate adds, the
archived-lead hint, and the helpers that were defined twice."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.errors import UsageError
from salescoach.store.db import connect, open_store, transaction
from salescoach.store.leads import find_lead, insert_lead
from tests.support.cli import run
from tests.support.leads import add, count, use_test_playbooks
from tests.support.paths import PACKAGE


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert not re.search(r"^\w+(\.\w+)*Error:", stderr, re.MULTILINE)


# 1. A store that opens but fails half-way through a query ----------------------------------


def _damage_interactions(database: Path) -> None:
    """Log a few hundred objections on lead 1, then overwrite the root page of the
    interactions table and of each of its indexes: the file opens, reading the log fails."""
    stamp = "2026-03-10T09:00:00"
    with closing(sqlite3.connect(database)) as conn:
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, step, kind, text, objection, result) "
            "VALUES (1, ?, 'prospecting', 'objection', ?, 'price', 'resolved')",
            [(stamp, f"too expensive {n} " + "x" * 200) for n in range(400)],
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [
            r[0]
            for r in conn.execute(
                "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'interactions' AND rootpage"
            )
        ]
    data = bytearray(database.read_bytes())
    for root in roots:
        start = (root - 1) * size
        data[start : start + size] = b"\x5a" * size
    database.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "args", [["objections", "stats"], ["report"], ["prep", "1"], ["report", "--json"]]
)
def test_a_store_damaged_mid_query_gives_a_message_and_exit_2(
    salescoach_home: Path, args: list[str]
) -> None:
    add("Ada", "--company", "ACME")
    database = salescoach_home / "salescoach.db"
    _damage_interactions(database)
    before = database.read_bytes()
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert f"salescoach: error: {database} is damaged" in result.stderr
    assert "salescoach restore BACKUP" in result.stderr
    _no_traceback(result.stderr)
    assert result.stdout == ""
    assert database.read_bytes() == before


def test_an_sqlite_error_outside_the_store_block_is_still_a_message(
    salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add("Ada")

    def failing(*_args: object) -> object:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("salescoach.core.objections.stats.tally", failing)
    result = run("objections", "stats")
    assert result.exit_code == 2
    assert "the database" in result.stderr and "failed: disk I/O error" in result.stderr
    assert "salescoach restore BACKUP" in result.stderr
    _no_traceback(result.stderr)


def test_no_command_opens_the_store_without_turning_its_errors_into_messages() -> None:
    bare = [
        f"{path.name}:{number}"
        for path in sorted((PACKAGE / "cli").glob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bopen_store\b", line)
    ]
    assert bare == []


# 2. An unusable data home --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["a-file", "under-a-file"])
def test_a_data_home_that_is_not_a_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("hi\n")
    home = blocker if where == "a-file" else blocker / "home"
    monkeypatch.setenv("SALESCOACH_HOME", str(home))
    result = run("lead", "list")
    assert result.exit_code == 2
    reason = "File exists" if where == "a-file" else "Not a directory"
    assert f"SALESCOACH_HOME={home} is not a usable folder ({reason})" in result.stderr
    _no_traceback(result.stderr)
    assert blocker.read_text() == "hi\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_the_objection_coach_still_answers_without_a_usable_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("hi\n")
    monkeypatch.setenv("SALESCOACH_HOME", str(blocker))
    result = run("objection", "-p", "objections", "--json", "too", "expensive")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["best"]["id"] == "price"


# 3. A backup aimed at the live database ------------------------------------------------------


@pytest.mark.parametrize("name", ["salescoach.db", "salescoach.db-wal", "salescoach.db-shm"])
def test_backup_refuses_the_live_database_even_with_force(salescoach_home: Path, name: str) -> None:
    add("Ada")
    target = salescoach_home / name
    result = run("backup", str(target), "--force")
    assert result.exit_code == 2
    assert "is the live database" in result.stderr
    _no_traceback(result.stderr)
    assert count(salescoach_home, "leads") == 1
    assert run("lead", "show", "Ada").exit_code == 0


def test_backup_refuses_the_live_database_by_another_name(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add("Ada")
    link = tmp_path / "link.db"
    link.symlink_to(salescoach_home / "salescoach.db")
    monkeypatch.chdir(salescoach_home)
    for target in (str(link), "salescoach.db", "./backups/../salescoach.db"):
        result = run("backup", target, "--force")
        assert result.exit_code == 2, target
        assert "is the live database" in result.stderr
    assert count(salescoach_home, "leads") == 1
    assert run("backup", str(tmp_path / "copy.db")).exit_code == 0


# 4. Blank objections -------------------------------------------------------------------------


@pytest.mark.parametrize("words", [[""], ["   "], ["", "\t"]])
def test_a_blank_objection_is_refused_and_nothing_is_logged(
    salescoach_home: Path, words: list[str]
) -> None:
    add("Ada", "--company", "ACME")
    result = run("objection", "-p", "objections", "--lead", "Ada", *words)
    assert result.exit_code == 2
    assert "salescoach: error: no objection given" in result.stderr
    assert "hint:" in result.stderr
    _no_traceback(result.stderr)
    assert count(salescoach_home, "interactions") == 0


def test_stdin_batch_skips_blank_lines_and_refuses_only_blanks() -> None:
    result = run("objection", "-p", "objections", "--json", input="\n  \ntoo expensive\n\t\n")
    assert result.exit_code == 0, result.stderr
    assert [a["query"] for a in json.loads(result.stdout)] == ["too expensive"]
    blank = run("objection", "-p", "objections", input="\n   \n\t\n")
    assert blank.exit_code == 2 and "no objection given" in blank.stderr


def test_a_family_picked_by_hand_needs_no_words() -> None:
    result = run("objection", "-p", "objections", "--as", "price", "--json", "")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["best"]["id"] == "price"


# 5. Leads whose name is a number -------------------------------------------------------------


def test_a_lead_named_with_digits_is_found_by_its_name(salescoach_home: Path) -> None:
    add("Ada")
    numbered = add("1871", "--company", "Chicago")
    shown = run("lead", "show", "1871", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["lead"]["id"] == numbered
    by_id = run("lead", "show", "1", "--json")
    assert json.loads(by_id.stdout)["lead"]["name"] == "Ada"  # an id still comes first
    missing = run("lead", "show", "99")
    assert missing.exit_code == 2
    assert "no lead has the id 99 or matches '99'" in missing.stderr


def test_find_lead_falls_back_from_id_to_name_and_company(salescoach_home: Path) -> None:
    add("Ada", "--company", "3000")
    with closing(open_store()) as conn:
        assert find_lead(conn, "3000").name == "Ada"
        assert find_lead(conn, " 1 ").name == "Ada"


def test_a_number_that_is_no_id_never_picks_a_lead_by_part_of_its_name(
    salescoach_home: Path,
) -> None:
    add("Grace", "--company", "Studio 1999")
    refused = run("lead", "stage", "999", "closing", "--won")
    assert refused.exit_code == 2
    assert "no lead has the id 999" in refused.stderr
    with closing(open_store()) as conn:
        assert find_lead(conn, "Studio 1999").name == "Grace"
        assert conn.execute("SELECT status FROM leads").fetchone()[0] == "open"


# 6. Duplicate leads, checked inside the write lock -------------------------------------------


def test_add_lead_refuses_a_duplicate_unless_allowed(salescoach_home: Path) -> None:
    now = clock.now()
    fields = {"name": "Ada", "company": "ACME", "playbook": "minimal"}
    with closing(open_store()) as conn:
        first = add_lead(conn, fields, now)
        with pytest.raises(UsageError, match=f"lead {first} is already Ada"):
            add_lead(conn, {**fields, "name": "ADA"}, now)
        add_lead(conn, {"name": "Bo", "email": "bo@x.io", "playbook": "minimal"}, now)
        with pytest.raises(UsageError, match=re.escape("<bo@x.io>")):
            add_lead(conn, {"name": "Someone", "email": "BO@x.io", "playbook": "minimal"}, now)
        add_lead(conn, fields, now, allow_duplicate=True)
    assert count(salescoach_home, "leads") == 3
    again = run("lead", "add", "Ada", "--company", "acme", "--playbook", "minimal")
    assert again.exit_code == 2 and "--allow-duplicate" in again.stderr
    assert count(salescoach_home, "leads") == 3


def test_a_duplicate_added_while_waiting_for_the_lock_is_refused(salescoach_home: Path) -> None:
    """Another writer holds the lock and adds Ada; our add waits for it, then must see her.
    (Checked before taking the lock, as `lead add` used to, both adds would pass.)"""
    database = salescoach_home / "salescoach.db"
    fields = {"name": "Ada", "company": "ACME", "playbook": "minimal"}
    now = clock.now()
    outcome: list[BaseException | int] = []

    def add_while_locked() -> None:
        try:
            with closing(connect(database)) as waiter:
                outcome.append(add_lead(waiter, fields, now))
        except BaseException as exc:  # handed to the test thread below
            outcome.append(exc)

    with closing(connect(database)) as holder:
        with transaction(holder):
            thread = threading.Thread(target=add_while_locked)
            thread.start()
            time.sleep(0.3)  # the other add is now queued on the busy timeout
            insert_lead(holder, fields, now)
        thread.join(timeout=20)
    assert len(outcome) == 1 and isinstance(outcome[0], UsageError), outcome
    assert count(salescoach_home, "leads") == 1


# 7. The hint for an archived lead names the real command -------------------------------------


def test_adding_a_task_to_an_archived_lead_points_at_reopen(salescoach_home: Path) -> None:
    lead = add("Ada")
    assert run("lead", "archive", "Ada").exit_code == 0
    refused = run("tasks", "add", "Ada", "Call back", "--due", "tomorrow")
    assert refused.exit_code == 2
    assert f"lead {lead} is archived; reopen it" in refused.stderr
    hint = f"salescoach lead stage {lead} STEP --reopen"
    assert hint in refused.stderr
    assert count(salescoach_home, "tasks") == 0
    assert run("lead", "stage", str(lead), "prospecting", "--reopen").exit_code == 0
    assert run("tasks", "add", "Ada", "Call back", "--due", "tomorrow").exit_code == 0


# 8. One definition of each helper ------------------------------------------------------------


def test_shared_helpers_are_defined_once() -> None:
    from salescoach.core.kernel import records
    from salescoach.core.walk import brief
    from salescoach.store import leadlist
    from salescoach.ui import console

    assert brief.OpenTask is records.OpenTask and leadlist.OpenTask is records.OpenTask
    definitions = [
        path.name
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^def _?isatty\b|^class OpenTask\b", path.read_text(), re.MULTILINE)
    ]
    assert sorted(definitions) == ["console.py", "records.py"]
    assert console.isatty(object()) is False


def test_prep_lists_open_tasks_with_their_priority(salescoach_home: Path) -> None:
    add("Ada")
    added = run(
        "tasks", "add", "Ada", "Send the proposal", "--due", "tomorrow", "--priority", "high"
    )
    assert added.exit_code == 0, added.stderr
    brief = run("prep", "Ada", "--json")
    assert brief.exit_code == 0, brief.stderr
    [task] = json.loads(brief.stdout)["tasks"]
    assert (task["title"], task["priority"], task["due"]) == (
        "Send the proposal",
        "high",
        "2026-03-12",
    )
