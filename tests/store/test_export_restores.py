"""Every export restores: lines that survive any text, rows checked by the writers' rules,
standard JSON only, and export -> import -> export byte-identical over all of Unicode."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel import jsonlines
from salescoach.core.kernel.safe_text import first_unsafe, neutralise
from salescoach.core.walk.answers import lead_column_value
from salescoach.store.db import connect, transaction
from salescoach.store.exporter import export_jsonl
from salescoach.store.jsonl_import import import_jsonl
from tests.support.cli import run
from tests.support.leads import add, count, execute, use_test_playbooks

SEPARATORS = "\u0085\u2028\u2029"
TYPED_SEPARATORS = "\u2028\u2029"  # the line separators a rep may type (U+0085 is C1)
STAMP = "2026-03-11T09:00:00+00:00"
HEADER = '{"format":"salescoach-export","version":1,"schema":1}\n'


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _lead_line(**changes: object) -> str:
    row: dict[str, object] = {
        "id": 1,
        "name": "Ada",
        "playbook": "minimal",
        "step_entered_at": STAMP,
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    row.update(changes)
    return json.dumps({"table": "leads", "row": row}, ensure_ascii=False) + "\n"


def _task_line(task_id: int, **changes: object) -> str:
    row: dict[str, object] = {
        "id": task_id,
        "lead_id": 1,
        "title": "Call back",
        "due": "2026-03-12",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    row.update(changes)
    return json.dumps({"table": "tasks", "row": row}) + "\n"


def test_line_separators_in_any_text_survive_export_and_import(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add("Ada\u2028Lovelace", "--company", "ACME\u2029Labs")
    # U+0085 is a C1 control: refused as typed, so only an old store's export can hold one.
    assert run("log", "Ada", "-m", "first\u0085second").exit_code == 2
    run("log", "Ada", "-c", "call", "-m", f"first{TYPED_SEPARATORS}second")
    first = run("export")
    assert first.exit_code == 0
    assert not any(char in first.stdout for char in SEPARATORS)  # escaped, never raw
    assert first.stdout.splitlines() == first.stdout.split("\n")[:-1]  # any reader splits alike
    dump = tmp_path / "all.jsonl"
    dump.write_bytes(first.stdout_bytes)
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "elsewhere"))
    restored = run("import", str(dump))
    assert restored.exit_code == 0, restored.stderr
    assert run("export").stdout == first.stdout
    notes = json.loads(run("history", "--json").stdout)
    assert notes[0]["text"] == f"first{TYPED_SEPARATORS}second"


def test_a_raw_separator_written_by_another_tool_still_imports(salescoach_home: Path) -> None:
    result = run("import", "-", input=HEADER + _lead_line(name="Ada\u2028Lovelace"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(run("lead", "list", "--json").stdout)[0]["name"] == "Ada\u2028Lovelace"


def test_a_bad_file_is_refused_whole_with_every_problem_and_its_line(
    salescoach_home: Path,
) -> None:
    content = (
        HEADER
        + _lead_line(email="not-an-address")
        + _task_line(1, due="not-a-date")
        + _task_line(2, channel="pigeon", lead_id=9)
        + _task_line(1)
        + '{"table":"goals","row":{"id":1,"metric":"calls","target":1e999,"period":"day",'
        + f'"created_at":"{STAMP}"}}\n'
        + '{"table":"goals","row":{"id":2,"metric":"calls","target":Infinity,"period":"week",'
        + f'"created_at":"{STAMP}"}}\n'
        + '{"table":"interactions","row":{"id":1,"lead_id":1,"at":"2026-03-11T25:00:00",'
        + '"kind":"note","duration_minutes":99999999999999999999999}}\n'
    )
    result = run("import", "-", input=content)
    assert result.exit_code == 2
    err = result.stderr
    assert "-:2: leads row 1 has a value salescoach cannot read: email" in err
    assert "-:3: tasks row 1 has a value salescoach cannot read: due 'not-a-date'" in err
    assert "-:4: tasks row 2 has a value salescoach cannot read: channel 'pigeon'" in err
    assert "-:4: a tasks row refers to a missing leads row (lead_id 9)" in err
    assert "-:5: tasks row refused (UNIQUE constraint failed: tasks.id; line 3" in err
    assert "-:6: not JSON (1e999 is too large for a number)" in err
    assert "-:7: not JSON (Infinity is not a JSON number)" in err
    assert "-:8: interactions row 1 has a value salescoach cannot read: at" in err
    assert "-:8: interactions row 1 has a value salescoach cannot read: duration_minutes" in err
    assert "Traceback" not in err
    assert count(salescoach_home, "leads") == 0 and count(salescoach_home, "tasks") == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (_lead_line(created_at="9999-12-31T00:00:00"), "outside the years 1900-2999"),
        (_lead_line(sla_due="20260311"), "is not written as YYYY-MM-DD"),
        (_lead_line(id=0), "0 is not an id"),
        (_lead_line(id=2**63), "is too large"),
        (_lead_line(name="Ada\x1b[2J"), "invisible control character"),
        (_lead_line(step="nowhere"), "'nowhere' is not one of"),
        (_lead_line(name=None), "name is empty, and it is required"),
        (_lead_line(temperature=True), "true/false is not a value here"),
        (_lead_line(phone=5), "5 is not text"),
    ],
)
def test_each_rule_of_the_writers_holds_on_import(
    salescoach_home: Path, line: str, message: str
) -> None:
    result = run("import", "-", input=HEADER + line)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert count(salescoach_home, "leads") == 0


def test_json_columns_must_hold_standard_json(salescoach_home: Path) -> None:
    session = {
        "id": 1,
        "lead_id": 1,
        "playbook": "minimal",
        "state_json": '{"x": NaN}',
        "started_at": STAMP,
        "updated_at": STAMP,
    }
    content = HEADER + _lead_line() + json.dumps({"table": "sessions", "row": session}) + "\n"
    result = run("import", "-", input=content)
    assert result.exit_code == 2
    assert "state_json is not standard JSON (NaN is not a JSON number)" in result.stderr


def test_an_infinite_number_in_the_store_is_never_written_as_json(
    salescoach_home: Path, tmp_path: Path
) -> None:
    add("Ada")
    execute(
        salescoach_home,
        "INSERT INTO goals (metric, target, period, created_at) VALUES ('calls', ?, 'day', ?)",
        float("inf"),
        STAMP,
    )
    result = run("export")
    assert result.exit_code == 2
    assert "the goals row 1 holds a number JSON cannot carry" in result.stderr
    assert "Infinity" not in result.stdout
    target = tmp_path / "all.jsonl"
    assert run("export", "-o", str(target)).exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize("value", ["inf", "1e13"])
def test_a_deal_value_must_be_a_finite_number(value: str) -> None:
    add("Ada")
    result = run("lead", "stage", "Ada", "closing", "--won", "--value", value)
    assert result.exit_code == 2 and "--value must be a number from 0 to" in result.stderr


def test_a_walk_answer_reaches_a_lead_column_only_if_the_column_takes_it() -> None:
    assert lead_column_value("source", "webinar") == "webinar"
    assert lead_column_value("source", "web\x1b[2Jinar") is None
    assert lead_column_value("source", "x" * 201) is None


# Names take any script but no control or format character (the lead field rules); free
# text, as an old store could hold it, anything at all: every control, separator and plane.
names = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Cf")),
    min_size=1,
    max_size=30,
).filter(str.strip)
# Each free text holds at least one line separator or control character, somewhere.
free_text = st.builds(
    lambda before, char, after: before + char + after,
    st.text(max_size=20),
    st.sampled_from([*SEPARATORS, "\n", "\r", "\x00", "\x1b", "\x9b", "\u202e"]),
    st.text(max_size=20),
)
titles = free_text.filter(lambda text: bool(neutralise(text).split()))


def _fill(conn: sqlite3.Connection, name: str, note: str, title: str, value: str) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO leads (name, company, playbook, status_reason, step_entered_at, "
            "created_at, updated_at) VALUES (?, ?, 'minimal', ?, ?, ?, ?)",
            (name, name[::-1], note, STAMP, STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO answers VALUES (1, 'pain', ?, 'approach', 'What hurts?', ?)",
            (json.dumps(value, ensure_ascii=False), STAMP),
        )
        conn.execute(
            "INSERT INTO interactions (lead_id, at, kind, text, detail_json) "
            "VALUES (1, ?, 'note', ?, ?)",
            (STAMP, note, json.dumps({"said": value})),
        )
        conn.execute(
            "INSERT INTO tasks (lead_id, title, due, note, created_at, updated_at) "
            "VALUES (1, ?, '2026-03-12', ?, ?, ?)",
            (title, value, STAMP, STAMP),
        )
        conn.execute("INSERT INTO settings VALUES (?, ?)", (value, note))


def _export(conn: sqlite3.Connection) -> str:
    out = io.StringIO(newline="")
    export_jsonl(conn, out)
    return out.getvalue()


def _restored(folder: str, name: str, dump: str) -> str:
    """`dump` imported into a new store, and that store exported again."""
    with closing(connect(Path(folder) / name)) as target:
        import_jsonl(target, jsonlines.split_lines(dump), "all.jsonl")
        for column in ("interactions.text", "tasks.title", "leads.status_reason"):
            table, field = column.split(".")
            for (text,) in target.execute(f"SELECT {field} FROM {table}"):
                assert first_unsafe(text, multiline=True) is None, (column, text)
        return _export(target)


@settings(max_examples=60, deadline=None)
@given(name=names, note=free_text, title=titles, value=free_text)
def test_export_import_export_is_byte_identical_over_all_of_unicode(
    name: str, note: str, title: str, value: str
) -> None:
    """An old store's terminal controls are cleaned from its free text on the way in (the
    backup still restores); from then on, and for any text the store can take today, export
    -> import -> export is byte-identical."""
    with tempfile.TemporaryDirectory() as folder:
        with closing(connect(Path(folder) / "a.db")) as source:
            _fill(source, name, note, title, value)
            first = _export(source)
        lines = jsonlines.split_lines(first)
        assert lines == first.splitlines()  # no text can break a record, whoever splits it
        assert all(isinstance(json.loads(line), dict) for line in lines)
        second = _restored(folder, "b.db", first)
        assert _restored(folder, "c.db", second) == second
        # status_reason holds the note too, on one line: its newlines become spaces.
        takes = all(first_unsafe(t, multiline=True) is None for t in (note, title, value))
        if takes and "\n" not in note:
            assert second == first


def test_drills_assigned_and_published_playbooks_go_out_and_come_back(tmp_path: Path) -> None:
    """A backup made after a sync keeps the manager's drills and playbook versions."""
    with closing(connect(tmp_path / "a.db")) as conn, transaction(conn):
        conn.execute(
            "INSERT INTO assignments (rep, drill, target, playbook, due, assigned_at, status, "
            "done_at, score, max_score, result) VALUES ('ann', 'objections', 'price', "
            "'b2b-saas', '2026-03-20', ?, 'done', ?, 3.0, 4.0, '3/4')",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO playbooks (name, version, yaml, published_at, published_by) "
            "VALUES ('team-way', 2, 'extends: b2b-saas\n', ?, 'boss')",
            (STAMP,),
        )
    with closing(connect(tmp_path / "a.db")) as conn:
        first = io.StringIO()
        export_jsonl(conn, first)
    assert '"table":"assignments"' in first.getvalue()
    assert '"table":"playbooks"' in first.getvalue()
    with closing(connect(tmp_path / "b.db")) as conn:
        counts = import_jsonl(conn, first.getvalue().splitlines(keepends=True), "backup")
        again = io.StringIO()
        export_jsonl(conn, again)
    assert (counts["assignments"], counts["playbooks"]) == (1, 1)
    assert again.getvalue() == first.getvalue()
