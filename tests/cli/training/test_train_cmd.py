"""`salescoach train ...` from answers files, as scripts and trainers run it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.training import FILE

PB = ("--playbook", str(FILE))
GOOD = (
    "I understand, that's fair and makes sense. What are you comparing it with? Let me show "
    "you the value and the return on investment, and why it is a priority to start small. "
    "Does that sound fair?"
)


def _answers(tmp_path: Path, data: object, name: str = "answers.yaml") -> str:
    file = tmp_path / name
    file.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    return str(file)


def _count(table: str) -> int:
    if not database_path().exists():
        return 0
    with sqlite3.connect(database_path()) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_five_round_drill_from_an_answers_file(tmp_path: Path) -> None:
    answers = _answers(tmp_path, [GOOD, "ok", GOOD, GOOD, "no idea"])
    result = run(
        "train", "objections", "--rounds", "5", "--seed", "3", "--answers", answers, "--json", *PB
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["seed"] == 3 and len(data["items"]) == 5
    shares = [i["detail"]["share"] for i in data["items"]]
    assert shares[1] == 0 and shares[4] == 0 and min(shares[0], shares[2], shares[3]) == 1
    assert "Round 1/5" in result.stderr and "Model response" in result.stderr
    assert _count("training") == 5 and _count("interactions") == 0
    assert {r["item"] for r in data["review"]} <= {
        "objections:price",
        "objections:timing",
        "objections:authority",
    }


def test_the_same_seed_draws_the_same_rounds(tmp_path: Path) -> None:
    answers = _answers(tmp_path, [GOOD] * 4)
    said = []
    for _ in range(2):
        result = run(
            "train", "objections", "-n", "4", "--seed", "11", "--answers", answers, "--json", *PB
        )
        said.append([i["detail"]["buyer_says"] for i in json.loads(result.stdout)["items"]])
    assert said[0] == said[1]


def test_the_family_option_limits_the_draw(tmp_path: Path) -> None:
    answers = _answers(tmp_path, [GOOD] * 3)
    result = run(
        "train",
        "objections",
        "-n",
        "3",
        "--family",
        "timing",
        "--seed",
        "1",
        "--answers",
        answers,
        "--json",
        *PB,
    )
    assert {i["item"] for i in json.loads(result.stdout)["items"]} == {"objections:timing"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("objections", "--rounds", "0"), "--rounds must be at least 1"),
        (("objections", "--rounds", "-2"), "--rounds must be at least 1"),
        (("objections", "--family", "bananas"), "no objection family 'bananas'"),
        (("scenario", "no-such-call"), "no scenario 'no-such-call'"),
        (("steps", "--rounds", "0"), "--rounds must be at least 1"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    answers = _answers(tmp_path, [GOOD] * 5)
    result = run("train", *args, "--answers", answers, *PB)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert _count("training") == 0 and _count("review_items") == 0


def test_an_empty_response_exits_2_and_saves_no_round(tmp_path: Path) -> None:
    answers = _answers(tmp_path, [GOOD, "   ", GOOD])
    result = run("train", "objections", "-n", "3", "--seed", "1", "--answers", answers, *PB)
    assert result.exit_code == 2 and "round 2: the response is empty" in result.stderr
    assert _count("training") == 0


def test_no_terminal_and_no_answers_names_what_is_missing() -> None:
    result = run("train", "objections", "--seed", "1", *PB)
    assert result.exit_code == 2
    assert "no terminal to ask on" in result.stderr and "objections" in result.stderr
    assert "--answers FILE" in result.stderr
    assert _count("training") == 0


def test_too_few_answers_stop_the_run_with_nothing_saved(tmp_path: Path) -> None:
    result = run(
        "train",
        "objections",
        "-n",
        "3",
        "--seed",
        "1",
        "--answers",
        _answers(tmp_path, [GOOD]),
        *PB,
    )
    assert result.exit_code == 2 and "response for round 2" in result.stderr
    assert _count("training") == 0


def test_a_step_quiz_from_answers(tmp_path: Path) -> None:
    order = list(STEP_IDS)
    answers = _answers(tmp_path, {"steps": [order, "1", "1"]})
    result = run("train", "steps", "-n", "3", "--seed", "2", "--answers", answers, "--json", *PB)
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert items[0]["item"] == "steps:order" and items[0]["score"] == 7
    assert len(items) == 3 and all(i["drill"] == "steps" for i in items)


def test_a_scenario_branches_on_the_chosen_replies(tmp_path: Path) -> None:
    answers = _answers(tmp_path, ["I can give you twenty", "The list price"])
    result = run(
        "train", "scenario", "budget-call", "--seed", "5", "--answers", answers, "--json", *PB
    )
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["items"]
    assert [t["turn"] for t in item["detail"]["turns"]] == ["opening", "discount"]
    assert (item["score"], item["max_score"]) == (-1, 4)
    assert "Debrief" in result.stderr


def test_train_with_nothing_due_says_so() -> None:
    result = run("train", *PB)
    assert result.exit_code == 0 and "nothing is due for review today" in result.stderr
    bad = run("train", "--limit", "0", *PB)
    assert bad.exit_code == 2 and "--limit must be at least 1" in bad.stderr


def test_train_picks_todays_due_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = _answers(tmp_path, ["ok"], "wrong.yaml")
    run(
        "train",
        "objections",
        "-n",
        "1",
        "--family",
        "timing",
        "--seed",
        "1",
        "--answers",
        wrong,
        *PB,
    )
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-12")
    review = _answers(tmp_path, {"objections": [GOOD]}, "review.yaml")
    result = run("train", "--seed", "2", "--answers", review, "--json", *PB)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [i["item"] for i in data["items"]] == ["objections:timing"]
    assert data["review"] == [{"item": "objections:timing", "box": 2, "due": "2026-03-14"}]
    assert run("train", "--no-input", *PB).stderr.startswith("nothing is due")


def test_review_without_answers_names_the_drills_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _miss_one_round_then_come_back(tmp_path, monkeypatch)
    result = run("train", *PB)
    assert result.exit_code == 2 and "objections: the answers for this run" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("objections: [unclosed", "not valid YAML"),
        ("[1, 2]", "key the answers by drill"),
        ("drills: []", "unknown drill 'drills'"),
        ("objections: hello", "is a list of answers"),
    ],
)
def test_bad_answers_files_for_a_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    _miss_one_round_then_come_back(tmp_path, monkeypatch)
    file = tmp_path / "bad.yaml"
    file.write_text(content, encoding="utf-8")
    result = run("train", "--answers", str(file), *PB)
    assert result.exit_code == 2 and message in result.stderr
    assert _count("training") == 1


def test_history_json_after_two_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(
        "train",
        "objections",
        "-n",
        "2",
        "--family",
        "price",
        "--seed",
        "1",
        "--answers",
        _answers(tmp_path, ["ok", "fine"], "a.yaml"),
        *PB,
    )
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-12")
    run(
        "train",
        "objections",
        "-n",
        "2",
        "--family",
        "price",
        "--seed",
        "1",
        "--answers",
        _answers(tmp_path, [GOOD, GOOD], "b.yaml"),
        *PB,
    )
    result = run("train", "history", "--json")
    data = json.loads(result.stdout)
    (drill,) = data["drills"]
    assert (drill["runs"], drill["first_run_share"], drill["last_run_share"]) == (2, 0.0, 1.0)
    assert data["weakest_families"] == ["price"]
    text = run("train", "history").stdout
    assert "Weakest families: price" in text and "Scores over time" in text


def test_ctrl_c_keeps_the_finished_rounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from salescoach.ui.training.train_prompts import TrainingCoach

    answer = TrainingCoach.objection_response

    def interrupted_at_round_two(self, number, total, item):  # type: ignore[no-untyped-def]
        if number == 2:
            raise KeyboardInterrupt
        return answer(self, number, total, item)

    monkeypatch.setattr(TrainingCoach, "objection_response", interrupted_at_round_two)
    result = run(
        "train",
        "objections",
        "-n",
        "3",
        "--seed",
        "1",
        "--answers",
        _answers(tmp_path, [GOOD] * 3),
        *PB,
    )
    assert result.exit_code == 130
    assert "saved the 1 finished item of" in result.stderr and "interrupted" in result.stderr
    assert _count("training") == 1


def _miss_one_round_then_come_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer one objection round badly, then move to a day when it is due for review."""
    run(
        "train",
        "objections",
        "-n",
        "1",
        "--seed",
        "1",
        "--answers",
        _answers(tmp_path, ["ok"]),
        *PB,
    )
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-20")
