"""`lead import` of CRM exports as they come: Salesforce, HubSpot and Pipedrive files shaped
like the vendors' documented exports (tests/fixtures/crm), their values read as temperatures,
records found again on a second import, and the awkward files people really send."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salescoach.core.leads.crm_presets import normal_crm_id
from tests.support.cli import run
from tests.support.leads import count, rows, use_test_playbooks
from tests.support.paths import FIXTURES
from tests.support.store import table_contents

CRM = FIXTURES / "crm"
LEAD_COLUMNS = "name, company, email, phone, mobile, job_title, source, temperature, owner"


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _import(file: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = run("lead", "import", str(file), "-p", "minimal", "--json", *args)
    report = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    report["stderr"] = result.stderr
    return result.exit_code, report


def _write(tmp_path: Path, content: str | bytes, name: str = "leads.csv") -> Path:
    file = tmp_path / name
    file.write_bytes(content.encode() if isinstance(content, str) else content)
    return file


def _leads(home: Path, columns: str = LEAD_COLUMNS) -> list[dict[str, object]]:
    return rows(home, f"SELECT {columns} FROM leads ORDER BY id")


def test_a_salesforce_report_imports_with_no_options(salescoach_home: Path) -> None:
    code, report = _import(CRM / "salesforce_report.csv")
    assert code == 0, report
    assert report["source"] == "salesforce" and report["encoding"] == "UTF-8"
    assert report["added"] == 4 and report["warnings"] == [] and report["problems"] == []
    assert report["ignored_columns"] == ["Created Date"]
    ada, bob, cy, dee = _leads(salescoach_home)
    assert ada == {
        "name": "Ada Lovelace",
        "company": "ACME Ltd",
        "email": "ada@acme.example",
        "phone": "+44 20 7946 0958",
        "mobile": "+44 7700 900123",
        "job_title": "CTO",
        "source": "Web",
        "temperature": "qualified",  # Rating Hot
        "owner": "Sam Rep",
    }
    assert (bob["company"], bob["temperature"], bob["source"]) == (
        "Bolt, Inc.",
        "warm",
        "Partner Referral",
    )
    assert cy["temperature"] == "cold" and cy["job_title"] == "Head of Ops"
    assert dee["temperature"] == "cold"  # no Rating: the Lead Status decides
    ids = rows(salescoach_home, "SELECT crm_vendor, crm_id FROM leads WHERE id = 1")
    assert ids == [{"crm_vendor": "salesforce", "crm_id": "00Q5g00000AbCdEEAV"}]
    notes = rows(salescoach_home, "SELECT lead_id, kind, channel, text FROM interactions")
    assert [(n["lead_id"], n["kind"], n["channel"], n["text"]) for n in notes] == [
        (1, "note", None, "Met at the fair.\nWants a demo in April."),
        (2, "note", None, '=HYPERLINK("http://evil.example")'),
        (4, "note", None, "@SUM(1+1)"),
    ]


def test_a_second_import_of_the_same_file_changes_nothing(
    salescoach_home: Path, tmp_path: Path
) -> None:
    for name in ("salesforce_report.csv", "hubspot_contacts.csv", "pipedrive_persons.csv"):
        assert _import(CRM / name)[0] == 0
    before = table_contents(salescoach_home / "salescoach.db")
    for name, found in (
        ("salesforce_report.csv", 4),
        ("hubspot_contacts.csv", 4),
        ("pipedrive_persons.csv", 3),
    ):
        code, report = _import(CRM / name)
        assert code == 0
        assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, found)
        assert report["duplicates"] == []
    assert table_contents(salescoach_home / "salescoach.db") == before
    human = run("lead", "import", str(CRM / "hubspot_contacts.csv"), "-p", "minimal")
    assert "read as a HubSpot export" in human.stderr
    assert "added 0 leads; updated 0 leads; 4 unchanged; 0 duplicates skipped" in human.stderr


def test_the_data_loader_extract_finds_the_report_s_leads_again(salescoach_home: Path) -> None:
    _import(CRM / "salesforce_report.csv")
    code, report = _import(CRM / "salesforce_dataloader.csv")
    assert code == 0
    # Ada's 15-character report id and 18-character API id are one record; her owner is
    # now an id (the extract has OwnerId), the CRM's record of it.
    assert (report["added"], report["updated"], report["unchanged"]) == (1, 1, 0)
    ada = _leads(salescoach_home, "owner, temperature")[0]
    assert ada == {"owner": "0055g00000XyZabAAB", "temperature": "qualified"}
    eve = _leads(salescoach_home, "name, temperature, job_title")[-1]
    assert eve == {"name": "Eve Ever", "temperature": "warm", "job_title": "VP Sales"}
    assert count(salescoach_home, "leads") == 5


def test_a_hubspot_export_maps_lifecycle_and_lead_status(salescoach_home: Path) -> None:
    code, report = _import(CRM / "hubspot_contacts.csv")
    assert code == 0 and report["source"] == "hubspot" and report["delimiter"] == "semicolon"
    got = _leads(salescoach_home, "name, company, temperature, source, owner, job_title")
    assert got == [
        {"name": "Grace Hopper", "company": "US Navy", "temperature": "qualified",
         "source": "Organic Search", "owner": "Sam Rep", "job_title": "Rear Admiral"},
        {"name": "Alan Turing", "company": "Bletchley; Park", "temperature": "cold",
         "source": "Offline Sources", "owner": "Sam Rep", "job_title": "Cryptanalyst"},
        {"name": "Katherine Johnson", "company": "NASA", "temperature": "warm",
         "source": "Paid Social", "owner": "Kim Rep", "job_title": None},
        {"name": "Mary Jackson", "company": "NASA", "temperature": "cold",
         "source": "Direct Traffic", "owner": "Kim Rep", "job_title": "Engineer"},
    ]  # fmt: skip
    assert report["ignored_columns"] == ["Create Date", "Last Activity Date"]
    assert _leads(salescoach_home, "phone, mobile, crm_vendor, crm_id")[0] == {
        "phone": "+1 555 0100", "mobile": "+1 555 0199", "crm_vendor": "hubspot", "crm_id": "101"
    }  # fmt: skip


def test_a_pipedrive_people_export_takes_the_first_e_mail_and_phone_it_has(
    salescoach_home: Path,
) -> None:
    code, report = _import(CRM / "pipedrive_persons.csv")
    assert code == 0 and report["source"] == "pipedrive"
    got = _leads(salescoach_home, "name, company, email, phone, mobile, temperature, crm_id")
    assert got == [
        {"name": "Linus Tor", "company": "Kernel AB", "email": "linus@kernel.example",
         "phone": "+46 8 123 456", "mobile": "+46 70 123 4567", "temperature": "qualified",
         "crm_id": "7"},
        {"name": "Margaret Ham", "company": "Apollo Inc", "email": "margaret@home.example",
         "phone": None, "mobile": None, "temperature": "cold", "crm_id": "8"},
        {"name": "Dennis Rich", "company": "Bell Labs", "email": "dennis@bell.example",
         "phone": None, "mobile": None, "temperature": "qualified", "crm_id": "9"},
    ]  # fmt: skip
    owners = _leads(salescoach_home, "owner, crm_vendor")
    assert owners == [{"owner": "Sam Rep", "crm_vendor": "pipedrive"}] * 2 + [
        {"owner": "Kim Rep", "crm_vendor": "pipedrive"}
    ]


def test_a_pipedrive_deals_export_lists_a_person_once_per_deal(salescoach_home: Path) -> None:
    code, report = _import(CRM / "pipedrive_deals.csv")
    assert code == 0 and report["added"] == 2
    assert report["duplicates"] == [
        {"line": 3, "label": "Linus Tor (Kernel AB)", "same_as": "line 2",
         "why": "Pipedrive Person - ID"},
    ]  # fmt: skip
    notes = rows(salescoach_home, "SELECT text FROM interactions ORDER BY id")
    assert notes[0]["text"] == "Deal - Title: Kernel AB deal\nDeal - Value: 12000"
    temperatures = _leads(salescoach_home, "temperature")
    assert temperatures == [{"temperature": "qualified"}, {"temperature": "qualified"}]


def test_pipedrive_s_several_labels_and_deal_source(salescoach_home: Path, tmp_path: Path) -> None:
    content = (
        "Person - Name,Person - Labels,Deal - Title,Deal - Source channel\n"
        'Ada Lov,"Warm lead, Customer",ACME deal,Web forms\n'
        'Bob Byt,"VIP, Hot lead",Bolt deal,\n'
        'Cy Cyan,"VIP, Partner",Cyan deal,Events\n'
    )
    code, report = _import(_write(tmp_path, content), "-t", "cold")
    assert code == 0 and report["source"] == "pipedrive"
    assert _leads(salescoach_home, "temperature, source") == [
        {"temperature": "warm", "source": "Web forms"},  # the first label a table knows
        {"temperature": "qualified", "source": "import leads.csv"},
        {"temperature": "cold", "source": "Events"},
    ]
    [warning] = report["warnings"]
    assert (warning["column"], warning["value"], warning["lines"]) == (
        "Person - Labels", "VIP, Partner", [4]
    )  # fmt: skip


def test_an_unknown_value_imports_with_the_default_and_a_warning(
    salescoach_home: Path, tmp_path: Path
) -> None:
    content = (
        "First Name,Last Name,Company,Lead Source,Rating,Lead Status\n"
        "Ada,L,ACME,Web,Lukewarm,\n"
        "Bob,B,Bolt,Web,Hot,\n"
        "Cy,C,Cyan,Web,Lukewarm,\n"
    )
    file = _write(tmp_path, content)
    code, report = _import(file, "-t", "warm", "--dry-run")
    assert code == 0 and report["added"] == 3
    [warning] = report["warnings"]
    assert warning["column"] == "Rating" and warning["lines"] == [2, 4]
    assert warning["message"] == (
        "Rating 'Lukewarm' (lines 2, 4) is no temperature salescoach knows: imported as warm; "
        "--map-value 'Rating:Lukewarm=warm' (or cold, qualified) says which"
    )
    assert "warning: Rating 'Lukewarm' (lines 2, 4)" in str(report["stderr"])
    strict, refused = _import(file, "--strict")
    assert strict == 1 and refused["added"] == 1
    assert [p["line"] for p in refused["problems"]] == [2, 4]
    assert "--map-value 'Rating:Lukewarm=warm'" in refused["problems"][0]["message"]
    mapped, report = _import(file, "--map-value", "rating:LUKEWARM=qualified")
    assert mapped == 0 and report["warnings"] == []
    assert _leads(salescoach_home, "temperature") == [{"temperature": "qualified"}] * 3


def test_map_value_reads_a_team_s_own_picklist(salescoach_home: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "name,Stage\nAda,Nurture\nBob,Demo booked\nCy,Junk\n")
    code, report = _import(
        file, "--map-value", "Stage:Nurture=cold", "--map-value", "Stage:demo booked=qualified",
        "--map-value", "Stage:Junk=-",
    )  # fmt: skip
    assert code == 0 and report["columns"]["Stage"] == "temperature"
    assert _leads(salescoach_home, "temperature") == [
        {"temperature": "cold"}, {"temperature": "qualified"}, {"temperature": "cold"}
    ]  # fmt: skip
    for bad in ("Stage=warm", "Stage:x=hot", ":x=warm", "Nope:x=warm"):
        assert _import(file, "--map-value", bad)[0] == 2, bad


def test_a_header_no_preset_knows_says_what_was_tried(tmp_path: Path) -> None:
    file = _write(tmp_path, "Kontakt,Firma,E-Mail,Lifecycle Stage\nAda,ACME,ada@x.io,lead\n")
    code, report = _import(file)
    assert code == 2
    stderr = str(report["stderr"])
    assert "no name column in the header row (Kontakt, Firma, E-Mail, Lifecycle Stage)" in stderr
    assert "no Salesforce, HubSpot or Pipedrive export either" in stderr
    assert "Salesforce: 0 of its columns, HubSpot: 1 of its columns, Pipedrive: 0" in stderr
    assert "--map 'Kontakt=name'" in stderr
    assert _import(file, "--map", "Kontakt=name")[0] == 0


def test_from_forces_a_preset_or_the_generic_columns(salescoach_home: Path, tmp_path: Path) -> None:
    file = CRM / "salesforce_report.csv"
    code, report = _import(file, "--from", "generic")
    # Read as a plain file, Rating and Lead Status are both the temperature column...
    assert code == 2 and "two columns feed the lead's temperature" in str(report["stderr"])
    # ... and Rating's Hot is no temperature.
    code, report = _import(file, "--from", "generic", "--map", "Lead Status=-")
    assert code == 1 and report["source"] == "generic"
    assert report["problems"][0]["message"].startswith("unknown temperature 'Hot'")
    assert _import(CRM / "salesforce_report.csv", "--from", "oracle")[0] == 2
    code, report = _import(CRM / "hubspot_contacts.csv", "--from", "pipedrive")
    assert code == 2 and (
        "--from pipedrive: no column of the file is one of Pipedrive's; "
        "it reads as a HubSpot export" in str(report["stderr"])
    )
    # A file with only the columns every vendor shares can be forced to one.
    plain = _write(tmp_path, "First Name,Last Name,Company,Rating\nAda,L,ACME,Hot\n")
    code, report = _import(plain, "--from", "salesforce")
    assert code == 0 and report["source"] == "salesforce"
    assert _leads(salescoach_home, "name, temperature")[-1] == {
        "name": "Ada L", "temperature": "qualified"
    }  # fmt: skip


def test_phone_and_mobile_are_both_kept(salescoach_home: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "name,phone,mobile,title\nAda,+1 555 0100,+1 555 0199,CEO\n")
    assert _import(file)[0] == 0
    assert _leads(salescoach_home, "phone, mobile, job_title") == [
        {"phone": "+1 555 0100", "mobile": "+1 555 0199", "job_title": "CEO"}
    ]


def test_excel_unicode_text_utf16_with_tabs(salescoach_home: Path, tmp_path: Path) -> None:
    text = "First Name\tLast Name\tCompany\tRating\r\nJosé\tNúñez\tCafé Ltd\tWarm\r\n"
    file = _write(tmp_path, "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"), "x.txt")
    code, report = _import(file)
    assert code == 0 and report["encoding"] == "UTF-16" and report["delimiter"] == "tab"
    assert _leads(salescoach_home, "name, company") == [
        {"name": "José Núñez", "company": "Café Ltd"}
    ]


def test_cp1252_is_read_when_named(salescoach_home: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "name;company\nRené;Müller – Söhne\n".encode("cp1252"))
    code, report = _import(file)
    assert code == 2 and "line 2 is not valid UTF-8 (byte 0xe9)" in str(report["stderr"])
    code, report = _import(file, "--encoding", "cp1252")
    assert code == 0 and report["encoding"] == "cp1252"
    assert _leads(salescoach_home, "company") == [{"company": "Müller – Söhne"}]


def test_mixed_delimiters_are_named(salescoach_home: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "name,company,email\nAda,ACME,ada@x.io\nBob;Bolt;bob@x.io\n")
    code, report = _import(file)
    assert code == 1 and report["added"] == 1
    assert report["problems"] == [
        {
            "line": 3,
            "message": "this row separates its cells with semicolons, the header with commas; "
            "save the file again with one delimiter",
        }
    ]
    ambiguous = _write(tmp_path, "name;company,email\nAda;ACME,x\n", "b.csv")
    code, report = _import(ambiguous)
    assert code == 2 and "split by comma and semicolon alike" in str(report["stderr"])
    code, report = _import(ambiguous, "--delimiter", "semicolon")
    assert code == 0 and report["columns"] == {"name": "name"}


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ('Bob,"Bolt', "a quoted cell opened in this row never closes: the file seems cut short"),
        ("Bob,Bo", "the file ends after 2 of the header's 3 cells, with no line end: "
         "it seems cut short"),
    ],
)  # fmt: skip
def test_a_truncated_last_line_is_a_bad_row(
    salescoach_home: Path, tmp_path: Path, tail: str, message: str
) -> None:
    file = _write(tmp_path, "name,company,email\nAda,ACME,ada@x.io\n" + tail)
    code, report = _import(file)
    assert code == 1 and report["added"] == 1
    assert report["problems"] == [{"line": 3, "message": message}]


def test_one_crm_id_twice_in_a_file(salescoach_home: Path, tmp_path: Path) -> None:
    content = (
        "Record ID,First Name,Last Name,Email,Lifecycle Stage,Contact owner\n"
        "5,Ada,Lovelace,ada@x.io,lead,Sam\n"
        "5,Ada,Lovelace,ada@x.io,lead,Sam\n"  # the same record again: a duplicate
        "5,Bob,Byte,bob@x.io,lead,Sam\n"  # another person under the same id: refused
    )
    code, report = _import(_write(tmp_path, content))
    assert code == 1 and report["added"] == 1
    assert report["duplicates"] == [
        {"line": 3, "label": "Ada Lovelace", "same_as": "line 2", "why": "HubSpot Record ID"}
    ]
    assert report["problems"] == [
        {
            "line": 4,
            "message": "HubSpot Record ID 5 is on line 2 too, there for Ada Lovelace; "
            "an export lists each record once",
        }
    ]
    assert count(salescoach_home, "leads") == 1


def test_a_dry_run_of_a_crm_export_writes_nothing(salescoach_home: Path) -> None:
    code, report = _import(CRM / "salesforce_report.csv", "--dry-run")
    assert code == 0 and report["added"] == 4 and report["dry_run"] is True
    assert count(salescoach_home, "leads") == 0 and count(salescoach_home, "interactions") == 0


def test_salesforce_ids_have_one_form() -> None:
    assert normal_crm_id("salesforce", "001A0000006Vm9r") == "001A0000006Vm9rIAC"
    assert normal_crm_id("salesforce", "001A0000006Vm9rIAC") == "001A0000006Vm9rIAC"
    assert normal_crm_id("hubspot", "001A0000006Vm9r") == "001A0000006Vm9r"


@pytest.mark.slow
def test_a_200_mb_export_streams_in_bounded_memory(salescoach_home: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    filler = "x" * 1900  # a wide column that is not imported, as exports carry many
    rows_written = 0
    with big.open("w", encoding="utf-8", newline="") as out:
        out.write("Record ID,First Name,Last Name,Email,Lifecycle Stage,Notes\r\n")
        while out.tell() < 200 * 1024 * 1024:
            n = rows_written
            out.write(f"{n},P{n},Q{n % 997},p{n}@example.com,lead,{filler}\r\n")
            rows_written += 1
    peak_file = tmp_path / "peak"
    # Run the command in a process that reports its own peak memory when it ends.
    # VmHWM, not ru_maxrss: ru_maxrss survives exec, so a child forked from a large pytest
    # process would report the parent's size.
    wrapper = (
        "import atexit, runpy, sys\n"
        "peak = sys.argv[1]\n"
        "def hwm():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return line.split()[1]\n"
        "atexit.register(lambda: open(peak, 'w').write(hwm()))\n"
        "sys.argv = ['salescoach', *sys.argv[2:]]\n"
        "runpy.run_module('salescoach', run_name='__main__')\n"
    )
    env = {**os.environ, "SALESCOACH_HOME": str(salescoach_home),
           "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES / "playbooks")}  # fmt: skip
    args = ["lead", "import", str(big), "-p", "minimal", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", wrapper, str(peak_file), *args],
        env=env, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["added"] == rows_written
    peak_mib = int(peak_file.read_text()) / 1024  # VmHWM is in KiB
    # The file is 200 MiB; the import holds one row at a time (Python itself is ~60 MiB).
    print(f"{rows_written} rows, peak {peak_mib:.0f} MiB")
    assert peak_mib < 150, f"peak {peak_mib:.0f} MiB"
    assert count(salescoach_home, "leads") == rows_written
