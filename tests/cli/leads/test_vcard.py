"""`export contacts --format vcard` (vCard 4.0, read back by vobject) and `lead import` of
.vcf files: 4.0 as we write it, 3.0 with folded lines and encoded parameters, and cards that
cannot be imported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import vobject

from tests.support.cli import run
from tests.support.leads import add, count, rows, use_test_playbooks
from tests.support.paths import FIXTURES


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _leads() -> None:
    add("Ada Lovelace", "--company", "ACME; Labs, Ltd", "--email", "ada@acme.example",
        "--phone", "+44 20 7946 0958", "--mobile", "+44 7700 900123", "--title", "CTO",
        "--source", "webinar", "--owner", "Sam Rep")  # fmt: skip
    add("مريم الحسيني 🌟 " + "Abdul-Rahman " * 6, "--email", "maryam@example.org")


def _cards(text: str) -> list[vobject.base.Component]:
    return list(vobject.readComponents(text))


def test_export_writes_vcard_4_that_vobject_reads(salescoach_home: Path, tmp_path: Path) -> None:
    _leads()
    file = tmp_path / "contacts.vcf"
    result = run("export", "contacts", "--format", "vcard", "-o", str(file))
    assert result.exit_code == 0 and "exported 2 contacts as vCards" in result.stderr
    text = file.read_bytes().decode()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    ada, maryam = _cards(text)
    assert ada.version.value == "4.0"
    assert ada.fn.value == "Ada Lovelace"
    assert (ada.n.value.family, ada.n.value.given) == ("Lovelace", "Ada")
    assert ada.org.value == ["ACME; Labs, Ltd"]
    assert ada.title.value == "CTO"
    assert ada.email.value == "ada@acme.example" and ada.email.params["TYPE"] == ["work"]
    phones = {t.params["TYPE"][0]: t.value for t in ada.tel_list}
    assert phones == {"work": "+44 20 7946 0958", "cell": "+44 7700 900123"}
    assert "source: webinar; owner: Sam Rep" in ada.note.value
    assert re.fullmatch(r"\d{8}T\d{6}Z", ada.rev.value)
    assert ada.uid.value.startswith("urn:uuid:") and ada.uid.value != maryam.uid.value
    # A long line in another script folds between characters and reads back whole.
    assert maryam.fn.value.startswith("مريم الحسيني 🌟 Abdul-Rahman")
    assert not hasattr(maryam, "org") and not hasattr(maryam, "tel")
    again = _cards(run("export", "contacts", "--format", "vcard", "Ada").stdout)
    assert [c.uid.value for c in again] == [ada.uid.value]  # stable per lead


def test_exported_vcards_import_back_as_the_same_leads(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _leads()
    file = tmp_path / "contacts.vcf"
    assert run("export", "contacts", "--format", "vcard", "-o", str(file)).exit_code == 0
    columns = "name, company, email, phone, mobile, job_title"
    before = rows(salescoach_home, f"SELECT {columns} FROM leads ORDER BY id")
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "other"))
    result = run("lead", "import", str(file), "-p", "minimal", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["source"] == "vcard" and report["added"] == 2 and report["notes"] == 2
    assert rows(tmp_path / "other", f"SELECT {columns} FROM leads ORDER BY id") == before
    second = json.loads(run("lead", "import", str(file), "-p", "minimal", "--json").stdout)
    assert second["added"] == 0 and len(second["duplicates"]) == 2


VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Hopper;Grace;Brewster;RAdm.;\r\n"
    "FN:Grace Brewster Hopper\r\n"
    "ORG:US Navy;Office of Naval\r\n"
    "  Research\r\n"
    "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rear Admiral =E2=80=93 Computer Science\r\n"
    'item1.EMAIL;TYPE=INTERNET;TYPE="WORK":grace@navy.example\r\n'
    "TEL;TYPE=WORK;TYPE=VOICE:+1 555 0100\r\n"
    "TEL;TYPE=CELL:+1 555 0199\r\n"
    "NOTE;ENCODING=b:TWV0IGF0IHRoZSBmYWlyLgpXYW50cyBhIGRlbW8u\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/\r\n"
    'ADR;TYPE=WORK;LABEL="1 Navy Way^nArlington":;;1 Navy Way;Arlington;VA;;US\r\n'
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Turing;Alan;;;\r\n"
    "EMAIL:alan@bletchley.example\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN:Katherine Johnson\r\n"
    "TEL;CELL;PREF:+1 555 0142\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Computes orbits =E2=80=93 by hand=0D=0A=\r\n"
    "and by machine.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Cut Short\r\n"
)


def test_a_vcard_3_file_with_folded_lines_and_encoded_parameters(
    salescoach_home: Path, tmp_path: Path
) -> None:
    file = tmp_path / "phone-export.vcf"
    file.write_bytes(b"\xef\xbb\xbf" + VCARD_30.encode())
    grace = next(vobject.readComponents(VCARD_30.split("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Tur")[0]))
    assert grace.fn.value == "Grace Brewster Hopper"  # the fixture is a card vobject reads too
    result = run("lead", "import", str(file), "-p", "minimal", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["added"] == 2
    assert [(p["line"], p["message"]) for p in report["problems"]] == [
        (15, "the card has no FN (formatted name); a vCard must name its contact"),
        (27, "the card has no END:VCARD: the file seems cut short"),
    ]
    assert report["ignored_columns"] == ["ADR", "PHOTO"]
    got = rows(salescoach_home, "SELECT name, company, email, phone, mobile, job_title FROM leads")
    assert got == [
        {"name": "Grace Brewster Hopper", "company": "US Navy", "email": "grace@navy.example",
         "phone": "+1 555 0100", "mobile": "+1 555 0199",
         "job_title": "Rear Admiral – Computer Science"},
        {"name": "Katherine Johnson", "company": None, "email": None, "phone": None,
         "mobile": "+1 555 0142", "job_title": None},
    ]  # fmt: skip
    notes = rows(salescoach_home, "SELECT text FROM interactions ORDER BY id")
    assert [n["text"] for n in notes] == [
        "Met at the fair.\nWants a demo.", "Computes orbits – by hand\nand by machine."
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.vcf", "name,email\nAda,ada@x.io\n", "is not a vCard file"),
        ("x.vcf", "", "is not a vCard file"),
    ],
)
def test_a_file_that_is_no_vcard_imports_nothing(
    salescoach_home: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    file = tmp_path / name
    file.write_text(content)
    result = run("lead", "import", str(file), "-p", "minimal")
    assert result.exit_code == 2 and message in result.stderr
    assert not (salescoach_home / "salescoach.db").exists()


def test_csv_options_do_not_go_with_a_vcard(salescoach_home: Path, tmp_path: Path) -> None:
    file = tmp_path / "a.vcf"
    file.write_text("BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nEND:VCARD\n")
    result = run("lead", "import", str(file), "-p", "minimal", "--map", "FN=name")
    assert result.exit_code == 2 and "go with CSV files only" in result.stderr
    assert run("lead", "import", str(file), "-p", "minimal").exit_code == 0
    assert count(salescoach_home, "leads") == 1


def test_export_contacts_bad_input(salescoach_home: Path) -> None:
    add("Ada")
    assert run("export", "contacts").exit_code == 2
    unknown = run("export", "contacts", "--format", "vcard", "Nobody")
    assert unknown.exit_code == 2 and "no lead matches 'Nobody'" in unknown.stderr
    assert unknown.stdout == ""
    mixed = run("export", "contacts", "--format", "vcard", "--for", "hubspot")
    assert mixed.exit_code == 2 and "go with export activities" in mixed.stderr


def test_a_crm_lead_s_card_names_its_crm_record(salescoach_home: Path) -> None:
    crm_export = FIXTURES / "crm" / "salesforce_report.csv"
    assert run("lead", "import", str(crm_export), "-p", "minimal").exit_code == 0
    [ada] = _cards(run("export", "contacts", "--format", "vcard", "Ada").stdout)
    assert "salesforce id: 00Q5g00000AbCdEEAV" in ada.note.value
    assert (ada.fn.value, ada.org.value, ada.title.value) == ("Ada Lovelace", ["ACME Ltd"], "CTO")
