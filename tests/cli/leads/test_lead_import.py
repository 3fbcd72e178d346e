"""`lead import FILE.csv`: marketing's hand-off, with every kind of awkward file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.leads.import_rows import ImportDefaults, parse_leads
from salescoach.errors import UsageError
from tests.support.cli import run
from tests.support.leads import add, count, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _import(tmp_path: Path, content: str | bytes, *args: str) -> tuple[int, dict[str, object]]:
    file = tmp_path / "leads.csv"
    file.write_bytes(content.encode() if isinstance(content, str) else content)
    result = run("lead", "import", str(file), "--playbook", "minimal", "--json", *args)
    report = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    report["stderr"] = result.stderr
    return result.exit_code, report


def test_clean_file_imports_with_sla_by_temperature(salescoach_home: Path, tmp_path: Path) -> None:
    content = (
        "name,company,email,temperature\n"
        "Ada,ACME,ada@acme.io,qualified\n"
        "Bob,Bolt,bob@bolt.io,warm\n"
        "Cy,Cyan,,\n"
    )
    code, report = _import(tmp_path, content)
    assert code == 0 and report["added"] == 3
    got = rows(salescoach_home, "SELECT name, temperature, sla_due, source FROM leads")
    # today is Wednesday 2026-03-11; the default SLA is 1, 2 and 5 business days
    assert [tuple(r.values()) for r in got] == [
        ("Ada", "qualified", "2026-03-12", "import leads.csv"),
        ("Bob", "warm", "2026-03-13", "import leads.csv"),
        ("Cy", "cold", "2026-03-18", "import leads.csv"),
    ]


def test_options_set_defaults_and_override_the_sla(salescoach_home: Path, tmp_path: Path) -> None:
    content = "Name,Source\nAda,fair\nBob,\n"
    code, _ = _import(
        tmp_path, content, "--temperature", "warm", "--sla-days", "0", "--source", "ads",
        "--owner", "kim",
    )  # fmt: skip
    assert code == 0
    got = rows(salescoach_home, "SELECT temperature, sla_due, source, owner FROM leads")
    assert got == [
        {"temperature": "warm", "sla_due": "2026-03-11", "source": "fair", "owner": "kim"},
        {"temperature": "warm", "sla_due": "2026-03-11", "source": "ads", "owner": "kim"},
    ]


def test_headers_match_loosely_and_map_overrides(salescoach_home: Path, tmp_path: Path) -> None:
    content = (
        "FIRST_NAME,last-name,E-Mail Address,Org,Handy,Notes\n"
        "Ada,Lovelace,ada@x.io,ACME,+1 555 0100,hi\n"
    )
    code, report = _import(tmp_path, content, "--map", "handy=phone", "--map", "ORG=-")
    assert code == 0
    assert report["ignored_columns"] == ["Notes"]
    assert report["columns"] == {
        "FIRST_NAME": "first_name",
        "last-name": "last_name",
        "E-Mail Address": "email",
        "Handy": "phone",
    }
    [lead] = rows(salescoach_home, "SELECT name, company, email, phone FROM leads")
    assert lead == {
        "name": "Ada Lovelace",
        "company": None,
        "email": "ada@x.io",
        "phone": "+1 555 0100",
    }


def test_bad_rows_are_reported_by_line_and_the_rest_imports(
    salescoach_home: Path, tmp_path: Path
) -> None:
    content = (
        "name,email,temperature,sla due\n"  # line 1
        "Ada,ada@x.io,warm,\n"  # 2
        "Bob,not-mail,,\n"  # 3
        '"Carol\nSmith",,,\n'  # 4-5: a quoted line break reads as a space
        "Cy,cy@x.io,hot,\n"  # 6
        "\n" + "D" * 300 + ",,,\n"  # 7: blank, not a row  # 8
        "Eve,eve@x.io,,someday\n"  # 9
        "Fay,fay@x.io,,next friday\n"  # 10
    )
    code, report = _import(tmp_path, content)
    assert code == 1  # some rows were bad; the rest imported
    assert [(p["line"], p["message"][:25]) for p in report["problems"]] == [
        (3, "'not-mail' is not an e-ma"),
        (6, "unknown temperature 'hot'"),
        (8, "the name is 300 character"),
        (9, "cannot read 'someday' as "),
    ]
    hints = {p["line"]: p["message"] for p in report["problems"]}
    assert hints[3].endswith("; e.g. ada@example.com")
    assert hints[6] == "unknown temperature 'hot'; use one of: cold, warm, qualified"
    assert "; use YYYY-MM-DD, today" in hints[9]
    got = rows(salescoach_home, "SELECT name, sla_due FROM leads ORDER BY id")
    assert got == [
        {"name": "Ada", "sla_due": "2026-03-13"},
        {"name": "Carol Smith", "sla_due": "2026-03-18"},
        {"name": "Fay", "sla_due": "2026-03-13"},  # the coming Friday
    ]


def test_a_row_with_too_many_cells_says_to_quote_commas(
    salescoach_home: Path, tmp_path: Path
) -> None:
    code, report = _import(tmp_path, "name,company\nAda,ACME, Inc.\nBob,Bolt\n")
    assert code == 1 and report["added"] == 1
    [problem] = report["problems"]
    assert problem["line"] == 2
    assert problem["message"] == (
        "3 cells, but the header names 2; a cell holding a comma needs double quotes"
    )


def test_quoted_newlines_become_spaces(salescoach_home: Path, tmp_path: Path) -> None:
    content = 'name,company\n"Ada","ACME\r\n  Labs"\nBob,Bolt\n'
    code, report = _import(tmp_path, content)
    assert code == 0 and report["added"] == 2
    [first] = rows(salescoach_home, "SELECT company FROM leads WHERE id = 1")
    assert first["company"] == "ACME Labs"


def test_duplicates_are_reported_and_skipped(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io")
    content = (
        "name,company,email\n"
        "Someone Else,Other,ADA@ACME.IO\n"  # same e-mail as lead 1
        "ada lovelace,acme,\n"  # same name and company as lead 1
        "Bob,Bolt,bob@bolt.io\n"
        "Robert,Bolt,bob@bolt.io\n"  # same e-mail as line 4
    )
    code, report = _import(tmp_path, content)
    assert code == 0 and report["added"] == 1
    assert [(d["line"], d["same_as"], d["why"]) for d in report["duplicates"]] == [
        (2, "lead 1", "e-mail"),
        (3, "lead 1", "name and company"),
        (5, "line 4", "e-mail"),
    ]
    assert count(salescoach_home, "leads") == 2
    again, second = _import(tmp_path, content)
    assert again == 0 and second["added"] == 0 and count(salescoach_home, "leads") == 2


def test_duplicates_ignore_case_beyond_ascii(salescoach_home: Path, tmp_path: Path) -> None:
    # SQLite's lower() knows only ASCII; the indexes it serves must not miss these.
    add("ÉLODIE Brun", "--company", "ÉCOLE Dupont", "--email", "ÉLODIE@ÉCOLE.FR")
    add("Kim", "--company", "Kelvin Labs", "--email", "KIM@LABS.IO")
    content = (
        "name,company,email\n"
        "Someone,Other,élodie@école.fr\n"  # same e-mail as lead 1
        "élodie brun,école dupont,\n"  # same name and company as lead 1
        "Kim Again,Other,kim@labs.io\n"  # same e-mail as lead 2 (ASCII)
        "Zoë,Ünter,zoe@x.io\n"
        "ZOË,ÜNTER,\n"  # same name and company as line 5
    )
    code, report = _import(tmp_path, content)
    assert code == 0 and report["added"] == 1
    assert [(d["line"], d["same_as"], d["why"]) for d in report["duplicates"]] == [
        (2, "lead 1", "e-mail"),
        (3, "lead 1", "name and company"),
        (4, "lead 2", "e-mail"),
        (6, "line 5", "name and company"),
    ]


def test_dry_run_reports_and_writes_nothing(salescoach_home: Path, tmp_path: Path) -> None:
    add("Ada", "--email", "ada@x.io")
    file = tmp_path / "leads.csv"
    file.write_text("name,email\nAda,ada@x.io\nBob,bob@x.io\nbad,bad\n")
    result = run("lead", "import", str(file), "-p", "minimal", "--dry-run")
    assert result.exit_code == 1
    assert "line 2: duplicate of lead 1 (same e-mail): Ada" in result.stdout
    assert "line 4: skipped: 'bad' is not an e-mail address" in result.stdout
    assert "would add 1 lead; 1 duplicate skipped; 1 bad row" in result.stderr
    assert "dry run" in result.stderr
    assert count(salescoach_home, "leads") == 1


def test_bom_is_dropped(salescoach_home: Path, tmp_path: Path) -> None:
    code, _ = _import(tmp_path, b"\xef\xbb\xbfname,email\r\nAda,ada@x.io\r\n")
    assert code == 0
    assert rows(salescoach_home, "SELECT name FROM leads") == [{"name": "Ada"}]


def test_latin1_is_reported_with_its_line_or_read_when_named(
    salescoach_home: Path, tmp_path: Path
) -> None:
    content = "name,company\nAda,ACME\nJosé,Café Ltd\n".encode("latin-1")
    code, report = _import(tmp_path, content)
    assert code == 2
    assert "line 3 is not valid UTF-8" in str(report["stderr"])
    assert "--encoding latin-1" in str(report["stderr"])
    assert not (salescoach_home / "salescoach.db").exists()
    code, report = _import(tmp_path, content, "--encoding", "latin-1")
    assert code == 0
    assert rows(salescoach_home, "SELECT company FROM leads ORDER BY id")[1] == {
        "company": "Café Ltd"
    }
    code, report = _import(tmp_path, content, "--encoding", "klingon")
    assert code == 2 and "unknown encoding" in str(report["stderr"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("Ada Lovelace,ada@acme.io,ACME\nBob,bob@x.io,Bolt\n", "no name column in the header row"),
        ("email,company\nada@x.io,ACME\n", "no name column"),
        ("name,full name\nAda,Ada L\n", "two columns feed the lead's name"),
    ],
)
def test_unreadable_files_import_nothing(tmp_path: Path, content: str, message: str) -> None:
    code, report = _import(tmp_path, content)
    assert code == 2 and message in str(report["stderr"])


def test_header_only_file_imports_zero_rows(tmp_path: Path) -> None:
    code, report = _import(tmp_path, "name,email\n")
    assert code == 0 and report["added"] == 0 and report["problems"] == []


def test_bad_options(tmp_path: Path) -> None:
    assert _import(tmp_path, "name\nAda\n", "--map", "name")[0] == 2
    assert _import(tmp_path, "name\nAda\n", "--map", "nope=email")[0] == 2
    assert _import(tmp_path, "name\nAda\n", "--temperature", "hot")[0] == 2
    missing = run("lead", "import", str(tmp_path / "absent.csv"), "-p", "minimal")
    assert missing.exit_code == 2


def test_unknown_playbook_in_a_row_is_a_bad_row(salescoach_home: Path, tmp_path: Path) -> None:
    code, report = _import(tmp_path, "name,playbook\nAda,minimal\nBob,ghost\n")
    assert code == 1
    [problem] = report["problems"]
    assert problem["line"] == 3 and problem["message"].startswith("no playbook named 'ghost'; ")
    assert "minimal" in problem["message"].split("playbooks: ")[1]
    assert count(salescoach_home, "leads") == 1


cell = st.text(
    # Any character a lead field takes: no control or format character (bidi overrides are Cf).
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=60)
@given(st.lists(st.tuples(cell, cell, cell), min_size=1, max_size=8))
def test_parser_reads_back_whatever_a_csv_writer_wrote(people: list[tuple[str, str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Name", "Company", "Source"])
    writer.writerows(people)
    parsed = parse_leads(
        buffer.getvalue(), {}, ImportDefaults(playbook="minimal"), date(2026, 3, 11)
    )
    assert parsed.problems == []
    assert [
        (r.fields["name"], r.fields["company"], r.fields["source"]) for r in parsed.rows
    ] == people


def test_parser_refuses_a_missing_header() -> None:
    with pytest.raises(UsageError, match="no name column"):
        parse_leads("1,2,3\n", {}, ImportDefaults(), date(2026, 3, 11))


def test_phone_and_mobile_title_and_description_are_all_kept(
    salescoach_home: Path, tmp_path: Path
) -> None:
    content = (
        "Name,Company,Phone,Mobile,Title,Description\n"
        "Ada,ACME,+44 20 7946 0958,+44 7700 900123,CFO,Met at the expo\n"
    )
    code, report = _import(tmp_path, content)
    assert code == 0, report
    [lead] = rows(salescoach_home, "SELECT phone, mobile, job_title FROM leads")
    assert lead == {"phone": "+44 20 7946 0958", "mobile": "+44 7700 900123", "job_title": "CFO"}
    [note] = rows(salescoach_home, "SELECT kind, text FROM interactions")
    assert note == {"kind": "note", "text": "Met at the expo"}


def test_a_bad_optional_cell_is_dropped_with_a_warning_not_the_row(
    salescoach_home: Path, tmp_path: Path
) -> None:
    content = "name,email,phone,mobile\nBo,bo@x.io,n/a,+1 555 0100\nCy,cy@x.io,n/a,??\n"
    code, report = _import(tmp_path, content)
    assert code == 0 and report["problems"] == []
    got = rows(salescoach_home, "SELECT name, phone, mobile FROM leads ORDER BY id")
    assert got == [
        {"name": "Bo", "phone": None, "mobile": "+1 555 0100"},
        {"name": "Cy", "phone": None, "mobile": None},
    ]
    warnings = {(w["column"], w["value"]): w for w in report["warnings"]}  # type: ignore[attr-defined]
    phone = warnings[("phone", "n/a")]
    assert (phone["count"], phone["lines"]) == (2, [2, 3])
    assert phone["message"] == (
        "lines 2, 3: 'n/a' is not a phone number; imported without the phone"
    )
    assert warnings[("mobile", "??")]["lines"] == [3]
    assert "warning: lines 2, 3: 'n/a' is not a phone number" in report["stderr"]
