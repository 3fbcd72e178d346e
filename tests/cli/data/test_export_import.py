"""export (JSONL, CSV), import of a JSONL export, and the CSV formula guard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.kernel.csvsafe import FORMULA_STARTS, neutralise, write_csv
from salescoach.store.migrations import SCHEMA_VERSION
from tests.support.cli import run
from tests.support.export_runs import as_version_1
from tests.support.leads import add, count, execute, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


STAMP = "2026-03-11T09:00:00+00:00"


def fill_every_table(home: Path) -> None:
    """A store with a row (or more) in every table, awkward text included."""
    ada = add("Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io", "-t", "qualified")
    bob = add("مريم 🌟", "--company", '=HYPERLINK("x")')
    run("log", "ACME", "-c", "call", "-m", 'said "yes",\nthen "no"', "--duration", "5")
    run("log", str(bob), "-c", "email", "--objection", "price", "--result", "partly")
    run("lead", "stage", "ACME", "closing", "--won", "--reason", "-10% discount")
    execute(
        home,
        "INSERT INTO answers VALUES (?, 'persona', '\"cfo\"', 'preparation', 'Who?', ?)",
        ada,
        STAMP,
    )
    execute(
        home,
        "INSERT INTO sessions (lead_id, playbook, state_json, started_at, updated_at) "
        "VALUES (?, 'minimal', '{\"step\": 2}', ?, ?)",
        bob,
        STAMP,
        STAMP,
    )
    execute(
        home,
        "INSERT INTO tasks (lead_id, title, due, cadence, dedupe_key, session_id, created_at, "
        "updated_at) VALUES (?, '@call back', '2026-03-12', 'after_call', 'k1', 1, ?, ?)",
        bob,
        STAMP,
        STAMP,
    )
    execute(
        home,
        "INSERT INTO goals (metric, target, period, created_at) VALUES ('calls', 2.5, 'day', ?)",
        STAMP,
    )
    execute(
        home,
        "INSERT INTO training (at, drill, item, score, max_score) "
        "VALUES (?, 'objections', 'price', 3, 5)",
        STAMP,
    )
    execute(
        home,
        "INSERT INTO review_items (item, drill, due) VALUES ('price', 'objections', '2026-03-12')",
    )
    run("logs", "off")


def test_round_trip_export_import_export_is_identical(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_every_table(salescoach_home)
    first = run("export", "--format", "jsonl")
    assert first.exit_code == 0
    header, *records = first.stdout.splitlines()
    assert json.loads(header) == {
        "format": "salescoach-export", "version": 2, "schema": SCHEMA_VERSION
    }  # fmt: skip
    assert {json.loads(r).get("table") for r in records} >= {None}  # the sync ids as runs
    _, *expanded = as_version_1(first.stdout).splitlines()
    assert {json.loads(r)["table"] for r in expanded} == {
        "leads", "sessions", "answers", "interactions", "tasks", "goals", "training",
        "review_items", "settings", "sync_ids", "sync_outbox", "sync_state",
    }  # fmt: skip
    dump = tmp_path / "all.jsonl"
    dump.write_text(first.stdout, encoding="utf-8")
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "elsewhere"))
    restored = run("import", "--format", "jsonl", str(dump), "--json")
    assert restored.exit_code == 0, restored.stderr
    assert json.loads(restored.stdout)["leads"] == 2
    assert run("export", "--format", "jsonl").stdout == first.stdout
    for table in ("leads", "interactions", "tasks"):
        again = run("export", "--format", "csv", "--what", table).stdout
        monkeypatch.setenv("SALESCOACH_HOME", str(salescoach_home))
        assert run("export", "--format", "csv", "--what", table).stdout == again
        monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "elsewhere"))
    assert run("logs", "status").stdout == "off\n"


def test_single_table_jsonl_is_plain_rows() -> None:
    add("Ada")
    lines = run("export", "--what", "leads").stdout.splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["Ada"]


def test_csv_quotes_every_field_and_neutralises_formulas(salescoach_home: Path) -> None:
    fill_every_table(salescoach_home)
    text = run("export", "--format", "csv").stdout
    lines = text.splitlines()
    assert lines[0].startswith('"id","name","company"')
    assert all(line.startswith('"') for line in lines)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[1]["company"] == '\'=HYPERLINK("x")'
    assert parsed[0]["status_reason"] == "'-10% discount"
    tasks = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "-w", "tasks").stdout)))
    assert tasks[0]["title"] == "'@call back"
    interactions = run("export", "-f", "csv", "-w", "interactions").stdout
    notes = [r["text"] for r in csv.DictReader(io.StringIO(interactions))]
    assert 'said "yes",\nthen "no"' in notes


def test_export_to_a_file_is_owner_only_and_not_overwritten(tmp_path: Path) -> None:
    add("Ada")
    target = tmp_path / "out.csv"
    assert run("export", "-f", "csv", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o600
    before = target.read_bytes()
    again = run("export", "-f", "jsonl", "-o", str(target))
    assert again.exit_code == 2 and "exists" in again.stderr
    assert target.read_bytes() == before
    assert run("export", "-f", "jsonl", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith('{"format":"salescoach-export"')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "unknown format 'xml'"),
        (["--format", "csv", "--what", "all"], "--what all does not go with csv"),
        (["--what", "secrets"], "--what secrets does not go with jsonl"),
    ],
)
def test_bad_export_options(args: list[str], message: str) -> None:
    result = run("export", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_import_refuses_a_store_with_data(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada")
    dump = tmp_path / "all.jsonl"
    dump.write_text(run("export").stdout)
    result = run("import", str(dump))
    assert result.exit_code == 2 and "empty store only" in result.stderr
    assert count(salescoach_home, "leads") == 1


HEADER = '{"format":"salescoach-export","version":1,"schema":1}\n'
LEAD = (
    '{"table":"leads","row":{"id":1,"name":"Ada","playbook":"minimal",'
    '"step_entered_at":"2026-03-11T09:00:00","created_at":"2026-03-11T09:00:00",'
    '"updated_at":"2026-03-11T09:00:00"}}\n'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is not a salescoach export"),
        ('{"name": "Ada"}\n', "is not a salescoach export"),
        (HEADER.replace('"schema":1', '"schema":99'), "comes from a newer salescoach"),
        (HEADER + LEAD + "{oops\n", ":3: not JSON"),
        (HEADER + '{"table":"secrets","row":{"a":1}}\n', ':2: expected {"table"'),
        (HEADER + LEAD.replace('"name"', '"nom"'), ":2: leads has no column 'nom'"),
        (HEADER + LEAD + LEAD, ":3: leads row refused (UNIQUE constraint failed"),
        (
            HEADER + LEAD.replace('"created_at":"2026-03-11T09:00:00"', '"created_at":"soon"'),
            "leads row 1 has a value salescoach cannot read",
        ),
        (
            HEADER + '{"table":"answers","row":{"lead_id":7,"field":"f","value_json":"1",'
            '"step":"s","question":"q","updated_at":"u"}}\n',
            "a answers row refers to a missing leads row",
        ),
    ],
)
def test_bad_import_files_import_nothing(
    salescoach_home: Path, tmp_path: Path, content: str, message: str
) -> None:
    dump = tmp_path / "bad.jsonl"
    dump.write_text(content)
    result = run("import", str(dump))
    assert result.exit_code == 2
    assert message in result.stderr
    assert count(salescoach_home, "leads") == 0


def test_import_reads_stdin(salescoach_home: Path) -> None:
    result = run("import", "-", input=HEADER + LEAD)
    assert result.exit_code == 0 and count(salescoach_home, "leads") == 1


@given(st.text(max_size=50))
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe == text or safe == "'" + text
    assert (safe != text) == text.startswith(FORMULA_STARTS)


@given(st.lists(st.tuples(st.text(max_size=20), st.integers(), st.none()), max_size=10))
def test_written_csv_reads_back_cell_for_cell(rows: list[tuple[str, int, None]]) -> None:
    out = io.StringIO(newline="")
    assert write_csv(out, ["text", "number", "nothing"], rows) == len(rows)
    back = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert back[0] == ["text", "number", "nothing"]
    assert back[1:] == [[neutralise(t), str(n), ""] for t, n, _ in rows]
    assert out.getvalue().startswith('"text","number","nothing"\r\n')


def test_a_reader_that_stops_early_is_not_an_error(salescoach_home: Path) -> None:
    import subprocess
    import sys

    from salescoach import clock
    from salescoach.store.db import open_store, transaction
    from salescoach.store.leads import insert_lead

    conn = open_store()
    with transaction(conn):  # more than a pipe buffer holds, so the writer meets a closed pipe
        for number in range(2000):
            insert_lead(conn, {"name": f"Lead {number}", "playbook": "b2b-saas"}, clock.now())
    conn.close()
    command = f"{sys.executable} -m salescoach export --format csv | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('"id","name"')
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize("to_file", [False, True])
def test_a_large_export_cut_between_two_processes_is_the_same_export(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to_file: bool
) -> None:
    """What a store of 100,000 rows and more does (`store.export_tail`), on a small store."""
    from salescoach.store import export_tail

    fill_every_table(salescoach_home)
    started: list[list[str]] = []
    command = export_tail.second_process

    def recorded(path: str, fd: int, cut: export_tail.Cut) -> list[str]:
        started.append([path, cut[0]])
        return command(path, fd, cut)

    monkeypatch.setattr(export_tail, "second_process", recorded)
    copied: list[int | None] = []
    copy_to = export_tail.Tail.copy_to

    def counted(self: export_tail.Tail, write: export_tail.Write) -> int | None:
        copied.append(copy_to(self, write))
        return copied[-1]

    monkeypatch.setattr(export_tail.Tail, "copy_to", counted)
    results = []
    for least in (10**18, 0):
        monkeypatch.setattr(export_tail, "MIN_ROWS", least)
        target = tmp_path / "export.jsonl"
        args = ["-o", str(target), "--force"] if to_file else []
        result = run("export", "--format", "jsonl", *args)
        assert result.exit_code == 0, result.stderr
        results.append((target.read_text() if to_file else result.stdout, result.stderr))
    assert results[0] == results[1] and results[0][0].count("\n") > 20
    assert len(started) == 1 and started[0][0].endswith("salescoach.db")
    assert len(copied) == 1 and isinstance(copied[0], int) and copied[0] > 0  # its rows
