"""`lead add|list|show|edit` as a rep uses them, with the rows checked in the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import add, count, execute, rows, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def test_add_prints_the_id_and_stores_every_field(salescoach_home: Path) -> None:
    result = run(
        "lead", "add", "Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io",
        "--phone", "+44 20 7946 0958", "--source", "webinar", "--temperature", "warm",
        "--playbook", "minimal", "--owner", "sam", "--sla", "+2d",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1\n"
    assert "added lead 1: Ada Lovelace (ACME)" in result.stderr
    [row] = rows(salescoach_home, "SELECT * FROM leads")
    assert row["name"] == "Ada Lovelace" and row["company"] == "ACME"
    assert row["email"] == "ada@acme.io" and row["phone"] == "+44 20 7946 0958"
    assert (row["source"], row["temperature"], row["owner"]) == ("webinar", "warm", "sam")
    assert (row["playbook"], row["step"], row["status"]) == ("minimal", "prospecting", "open")
    assert row["sla_due"] == "2026-03-13"


def test_database_is_owner_only(salescoach_home: Path) -> None:
    add("Ada")
    mode = (salescoach_home / "salescoach.db").stat().st_mode & 0o777
    assert mode == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "name is empty"),
        (["x" * 10_000], "10000 characters long; at most 200"),
        (["Ada", "--email", "ada-at-acme"], "is not an e-mail address"),
        (["Ada", "--email", "ada@acme"], "is not an e-mail address"),
        (["Ada", "--temperature", "hot"], "unknown temperature"),
        (["Ada\u202eadA"], "invisible control character (U+202E)"),
        (["Ada\x07"], "invisible control character (U+0007)"),
        (["Ada", "--phone", "call me"], "is not a phone number"),
        (["Ada", "--sla", "someday"], "cannot read 'someday' as a date"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    salescoach_home: Path, args: list[str], message: str
) -> None:
    result = run("lead", "add", *args, "--playbook", "minimal")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (salescoach_home / "salescoach.db").exists() or count(salescoach_home, "leads") == 0


def test_unknown_playbook_is_refused() -> None:
    result = run("lead", "add", "Ada", "--playbook", "no-such-book")
    assert result.exit_code == 2
    assert "no playbook named 'no-such-book'" in result.stderr


def test_emoji_and_right_to_left_names_are_kept_as_typed(salescoach_home: Path) -> None:
    lead_id = add("مريم الحسن 🌟", "--company", "שלום בע״מ")
    shown = run("lead", "show", str(lead_id), "--json")
    assert shown.exit_code == 0
    lead = json.loads(shown.stdout)["lead"]
    assert (lead["name"], lead["company"]) == ("مريم الحسن 🌟", "שלום בע״מ")
    assert run("lead", "show", "שלום").exit_code == 0


def test_duplicate_is_refused_unless_allowed(salescoach_home: Path) -> None:
    add("Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io")
    same_mail = run("lead", "add", "A. Lovelace", "--email", "ADA@acme.io", "-p", "minimal")
    assert same_mail.exit_code == 2 and "lead 1 is already" in same_mail.stderr
    same_name = run("lead", "add", "ada lovelace", "--company", "acme", "-p", "minimal")
    assert same_name.exit_code == 2
    assert count(salescoach_home, "leads") == 1
    add("Ada Lovelace", "--company", "ACME", "--allow-duplicate")
    assert count(salescoach_home, "leads") == 2


def test_list_filters_sorts_and_pages() -> None:
    add("Zed", "--company", "Zeta", "--temperature", "qualified", "--owner", "kim")
    add("Ada", "--company", "ACME", "--temperature", "warm")
    add("Bob", "--company", "Bolt", "--temperature", "warm", "--email", "bob@bolt.io")
    names = lambda *a: [x["name"] for x in json.loads(run("lead", "list", "--json", *a).stdout)]  # noqa: E731
    assert names() == ["Ada", "Bob", "Zed"]
    assert names("--temperature", "warm") == ["Ada", "Bob"]
    assert names("--owner", "KIM") == ["Zed"]
    assert names("--text", "bolt.io") == ["Bob"]
    assert names("--sort", "created") == ["Bob", "Ada", "Zed"]
    assert names("--stage", "closing") == []
    assert run("lead", "stage", "Zed", "presentation").exit_code == 0
    assert run("lead", "stage", "Bob", "approach").exit_code == 0
    assert names("--sort", "step") == ["Ada", "Bob", "Zed"]
    assert names("--sort", "last") == ["Bob", "Zed", "Ada"]  # stage changes are logged
    paged = run("lead", "list", "--json", "--limit", "2")
    assert len(json.loads(paged.stdout)) == 2
    assert "showing 2 of 3 leads" in paged.stderr
    table = run("lead", "list")
    assert table.exit_code == 0 and "Zeta" in table.stdout and "qualified" in table.stdout
    assert "answers" not in json.loads(run("lead", "list", "--json").stdout)[0]


def test_list_hides_archived_leads_unless_asked() -> None:
    add("Ada")
    add("Bob")
    assert run("lead", "archive", "Bob").exit_code == 0
    listed = [x["name"] for x in json.loads(run("lead", "list", "--json").stdout)]
    assert listed == ["Ada"]
    archived = json.loads(run("lead", "list", "--json", "--status", "archived").stdout)
    assert [x["name"] for x in archived] == ["Bob"]
    assert len(json.loads(run("lead", "list", "--json", "--status", "all").stdout)) == 2


def test_list_on_an_empty_store_says_so() -> None:
    result = run("lead", "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no leads yet" in result.stderr
    assert json.loads(run("lead", "list", "--json").stdout) == []


def test_list_rejects_unknown_sort_and_status() -> None:
    assert "cannot sort by 'age'" in run("lead", "list", "--sort", "age").stderr
    assert run("lead", "list", "--status", "closed").exit_code == 2


def test_lead_reference_by_part_of_name_or_company() -> None:
    add("Ada Lovelace", "--company", "ACME")
    add("Adam Smith", "--company", "Pins Ltd")
    assert json.loads(run("lead", "show", "acme", "--json").stdout)["lead"]["id"] == 1
    assert json.loads(run("lead", "show", "smith", "--json").stdout)["lead"]["id"] == 2
    ambiguous = run("lead", "show", "ada")
    assert ambiguous.exit_code == 2
    assert "matches several leads" in ambiguous.stderr
    assert "1: Ada Lovelace (ACME)" in ambiguous.stderr
    assert "2: Adam Smith (Pins Ltd)" in ambiguous.stderr
    unknown = run("lead", "show", "Nobody")
    assert unknown.exit_code == 2 and "no lead matches 'Nobody'" in unknown.stderr
    assert run("lead", "show", "99").exit_code == 2


def test_show_has_fields_answers_tasks_and_the_whole_timeline(salescoach_home: Path) -> None:
    lead_id = add("Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io")
    for day in range(1, 31):
        at = f"2026-02-{day:02d}" if day <= 28 else f"2026-03-{day - 28:02d}"
        logged = run("log", "ACME", "--channel", "email", "--note", f"mail {day}", "--at", at)
        assert logged.exit_code == 0
    execute(
        salescoach_home,
        "INSERT INTO answers VALUES (?, 'persona', '\"cfo\"', 'preparation', 'Who?', 'x')",
        lead_id,
    )
    for title, status in (("Send the recap", "open"), ("Old call", "done")):
        execute(
            salescoach_home,
            "INSERT INTO tasks (lead_id, title, due, status, created_at, updated_at) "
            "VALUES (?, ?, '2026-03-12', ?, 'x', 'x')",
            lead_id,
            title,
            status,
        )
    shown = run("lead", "show", "ACME")
    assert shown.exit_code == 0
    assert "ada@acme.io" in shown.stdout
    assert "persona: cfo" in shown.stdout
    assert "Send the recap" in shown.stdout and "Old call" not in shown.stdout
    assert "Timeline (30 interactions" in shown.stdout
    assert "mail 1\n" in shown.stdout and "mail 30" in shown.stdout
    data = json.loads(run("lead", "show", "ACME", "--json").stdout)
    assert data["lead"]["answers"] == {"persona": "cfo"}
    assert [t["title"] for t in data["open_tasks"]] == ["Send the recap"]
    assert [i["text"] for i in data["timeline"]][:2] == ["mail 1", "mail 2"]
    assert len(data["timeline"]) == 30


def test_edit_changes_only_what_is_given(salescoach_home: Path) -> None:
    add("Ada", "--company", "ACME", "--email", "ada@acme.io")
    result = run("lead", "edit", "Ada", "--email", "ada@acme.com", "--company", "", "--json")
    assert result.exit_code == 0, result.stderr
    lead = json.loads(result.stdout)
    assert (lead["email"], lead["company"], lead["name"]) == ("ada@acme.com", None, "Ada")
    assert run("lead", "edit", "Ada", "--name", "").exit_code == 2
    assert run("lead", "edit", "Ada", "--email", "nope").exit_code == 2
    assert run("lead", "edit", "Ada").exit_code == 2
    assert rows(salescoach_home, "SELECT email FROM leads")[0]["email"] == "ada@acme.com"
