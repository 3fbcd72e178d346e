"""`salescoach objection` and `salescoach objections stats`, driven like a rep would."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from salescoach.actions.leads import add_lead
from salescoach.paths import database_path
from salescoach.store.db import open_store, transaction
from salescoach.store.leads import update_lead
from tests.support.cli import run
from tests.support.objections import FIXTURES

NOW = datetime(2026, 3, 11, 10, 0).astimezone()


@pytest.fixture(autouse=True)
def fixture_playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(FIXTURES))


def _lead(name: str = "Ada Lovelace", company: str = "ACME", step: str = "presentation") -> int:
    conn = open_store()
    lead_id = add_lead(conn, {"name": name, "company": company, "playbook": "objections"}, NOW)
    with transaction(conn):
        update_lead(conn, lead_id, {"step": step}, NOW)
    conn.close()
    return lead_id


def _logged() -> list[sqlite3.Row]:
    if not database_path().exists():
        return []
    conn = sqlite3.connect(database_path())
    conn.row_factory = sqlite3.Row
    sql = "SELECT * FROM interactions WHERE kind = 'objection' ORDER BY id"
    rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def test_json_answer_has_ranked_scores_and_the_full_prompts() -> None:
    result = run("objection", "that's", "way", "over", "budget", "-p", "objections", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "that's way over budget"
    assert data["playbook"] == "objections"
    assert data["confident"] is True
    assert data["matches"][0]["id"] == "price"
    assert len(data["matches"]) == 3
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    best = data["best"]
    assert best["concern"] == "The value does not yet justify the cost."
    assert best["probing_questions"][0] == "What are you comparing the price with?"
    assert [r["framework"] for r in best["responses"]] == ["LAER", "feel-felt-found"]
    assert list(best["responses"][0]["stages"]) == [
        "listen",
        "acknowledge",
        "explore",
        "respond",
        "confirm",
    ]
    assert best["avoid"]
    assert data["battlecards"] == []


def test_text_answer_in_full_shows_prompts_by_stage_and_runners_up() -> None:
    result = run("objection", "too expensive", "-p", "objections", "--full")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in (
        "Price or budget",
        "The value does not yet justify the cost.",
        "What are you comparing the price with?",
        "LAER",
        "acknowledge",
        "feel-felt-found",
        "Discounting straight away",
        "Runners-up:",
    ):
        assert expected in out, expected


def test_a_named_competitor_shows_its_battlecard() -> None:
    result = run("objection", "we already use Acme CRM", "-p", "objections", "--full")
    assert result.exit_code == 0
    assert "Battlecard: Acme CRM" in result.stdout
    assert "Show our support times" in result.stdout
    data = json.loads(run("objection", "we use Acme", "-p", "objections", "--json").stdout)
    assert [c["id"] for c in data["battlecards"]] == ["acme"]


def test_no_confident_match_lists_the_families_to_pick_from() -> None:
    result = run("objection", "what time is it", "-p", "objections")
    assert result.exit_code == 0
    assert "No confident match" in result.stdout
    assert "--as ID" in result.stdout
    data = json.loads(run("objection", "what time is it", "-p", "objections", "--json").stdout)
    assert data["confident"] is False and data["best"] is None
    assert len(data["matches"]) == 3


def _json(*args: str) -> dict[str, object]:
    result = run("objection", *args, "-p", "objections", "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_top_limits_the_families_listed() -> None:
    assert len(_json("too pricey", "--top", "1")["matches"]) == 1  # type: ignore[arg-type]
    assert len(_json("too pricey", "-n", "9")["matches"]) == 4  # type: ignore[arg-type]
    result = run("objection", "too pricey", "-p", "objections", "--top", "0")
    assert result.exit_code == 2


def test_as_picks_the_family_by_hand() -> None:
    data = _json("hmm", "--as", "timing")
    assert data["best"] == {**data["best"], "id": "timing"}  # type: ignore[dict-item]
    assert data["confident"] is True
    data = _json("--as", "timing")
    assert data["query"] == "" and data["confident"] is True
    result = run("objection", "hmm", "-p", "objections", "--as", "nonsense")
    assert result.exit_code == 2
    assert "no objection family 'nonsense'" in result.stderr
    assert "price, timing" in result.stderr


def test_stdin_batch_answers_one_objection_per_line() -> None:
    lines = "too expensive\n\n  send me a brochure  \nwhat time is it\n"
    result = run("objection", "-p", "objections", "--json", input=lines)
    assert result.exit_code == 0, result.stderr
    answers = json.loads(result.stdout)
    queries = [a["query"] for a in answers]
    assert queries == ["too expensive", "send me a brochure", "what time is it"]
    assert [a["best"]["id"] if a["best"] else None for a in answers] == ["price", "send_info", None]
    text = run("objection", "-p", "objections", input=lines).stdout
    assert "too expensive" in text and "Just send me some information" in text


def test_no_text_and_no_terminal_is_a_usage_error() -> None:
    result = run("objection", "-p", "objections", input="")
    assert result.exit_code == 2
    assert "no objection given" in result.stderr


def test_unknown_playbook_is_a_usage_error() -> None:
    result = run("objection", "too expensive", "-p", "no-such-playbook")
    assert result.exit_code == 2
    assert "no playbook named 'no-such-playbook'" in result.stderr


def test_a_playbook_without_objections_says_so(tmp_path: Path) -> None:
    bare = tmp_path / "bare.yaml"
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    head, _, tail = text.partition("\nobjections:")
    head = head.replace("    likely_objections: [price]\n", "")
    bare.write_text(head + "\ncadences:" + tail.partition("\ncadences:")[2], encoding="utf-8")
    result = run("objection", "too expensive", "-p", str(bare))
    assert result.exit_code == 2
    assert "has no objection families" in result.stderr


def test_lead_logs_the_objection_at_the_leads_step() -> None:
    lead_id = _lead()
    result = run("objection", "too expensive", "--lead", "ACME", "--outcome", "partly", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["playbook"] == "objections"  # the lead's playbook
    (row,) = _logged()
    assert row["lead_id"] == lead_id
    assert (row["objection"], row["step"], row["result"]) == ("price", "presentation", "partly")
    assert row["text"] == "too expensive"
    assert json.loads(result.stdout)["logged"] == row["id"]
    assert "logged price on Ada Lovelace (ACME)" in result.stderr


def test_no_log_shows_but_writes_nothing() -> None:
    _lead()
    result = run("objection", "too expensive", "--lead", "ada", "--no-log")
    assert result.exit_code == 0
    assert "Price or budget" in result.stdout
    assert _logged() == []


def test_no_confident_match_is_not_logged() -> None:
    _lead()
    result = run("objection", "what time is it", "--lead", "ACME")
    assert result.exit_code == 0
    assert "not logged" in result.stderr
    assert _logged() == []


def test_batch_with_a_lead_logs_each_matched_line() -> None:
    _lead()
    result = run("objection", "--lead", "ACME", input="too expensive\ncall me next quarter\n")
    assert result.exit_code == 0, result.stderr
    assert [r["objection"] for r in _logged()] == ["price", "timing"]


def test_logging_turned_off_is_respected() -> None:
    _lead()
    conn = open_store()
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('logging', 'off')")
    conn.close()
    result = run("objection", "too expensive", "--lead", "ACME")
    assert result.exit_code == 0
    assert "logging is turned off" in result.stderr
    assert _logged() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lead", "nobody"], "no lead matches 'nobody'"),
        (["--outcome", "resolved"], "--outcome records how it went on a lead"),
        (["--lead", "ACME", "--outcome", "great"], "unknown outcome 'great'"),
    ],
)
def test_bad_lead_input_is_refused_and_nothing_is_written(args: list[str], message: str) -> None:
    _lead()
    result = run("objection", "too expensive", "-p", "objections", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert _logged() == []


def test_stats_count_objections_by_step_and_result() -> None:
    _lead("Ada Lovelace", "ACME", "presentation")
    _lead("Grace Hopper", "Navy", "closing")
    for text, lead, outcome in (
        ("too expensive", "ACME", "resolved"),
        ("over our budget", "ACME", "not_resolved"),
        ("too pricey", "Navy", "resolved"),
        ("call me next quarter", "Navy", None),
    ):
        args = ["objection", text, "--lead", lead] + (["--outcome", outcome] if outcome else [])
        assert run(*args).exit_code == 0
    result = run("objections", "stats", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 4 and data["since"] is None
    price, timing = data["objections"]
    assert price["id"] == "price" and price["count"] == 3 and price["share"] == 0.75
    assert price["by_step"] == {"presentation": 2, "closing": 1}
    assert (price["resolved"], price["not_resolved"], price["partly"]) == (2, 1, 0)
    assert price["resolution_rate"] == pytest.approx(0.667)
    assert timing["unrecorded"] == 1 and timing["resolution_rate"] is None
    text = run("objections", "stats").stdout
    assert "price" in text and "presentation: 2" in text and "closing: 1" in text
    assert "67%" in text


def test_stats_since_filters_and_checks_the_date() -> None:
    _lead()
    assert run("objection", "too expensive", "--lead", "ACME").exit_code == 0
    data = json.loads(run("objections", "stats", "--since", "tomorrow", "--json").stdout)
    assert data == {
        "schema": "objection-stats",
        "version": 1,
        "since": "2026-03-12",
        "total": 0,
        "objections": [],
    }
    data = json.loads(run("objections", "stats", "--since", "2026-03-11", "--json").stdout)
    assert data["total"] == 1
    empty = run("objections", "stats", "--since", "tomorrow")
    assert "no objections logged since 2026-03-12" in empty.stderr
    bad = run("objections", "stats", "--since", "someday")
    assert bad.exit_code == 2


def test_stats_name_objections_without_a_family_apart_from_missing_results() -> None:
    from salescoach.core.kernel.records import NewInteraction
    from salescoach.store.interactions import insert_interaction

    lead_id = _lead()
    conn = open_store()
    with transaction(conn):
        for objection, result in ((None, "resolved"), (None, None), ("price", None)):
            insert_interaction(
                conn,
                NewInteraction(
                    lead_id, NOW, "objection", "presentation", objection=objection, result=result
                ),
            )
    conn.close()
    text = run("objections", "stats").stdout
    assert "(no family)" in text and "no result" in text and "unknown" not in text
    data = json.loads(run("objections", "stats", "--json").stdout)
    unnamed = next(o for o in data["objections"] if o["id"] is None)
    assert (unnamed["count"], unnamed["resolved"], unnamed["unrecorded"]) == (2, 1, 1)
    report = run("report", "--json")
    family = {r["family"]: r for r in json.loads(report.stdout)["objections"]}
    assert family[None]["unrecorded"] == 1 and family["price"]["unrecorded"] == 1
    shown = run("report").stdout
    assert "(no family)" in shown and "No result" in shown and "unknown" not in shown
