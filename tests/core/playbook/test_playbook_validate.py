"""The validator reports every fault at the exact spot, as file:line:column: key: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from salescoach.core.playbook.loader import load_file
from salescoach.errors import PlaybookError
from tests.support.cli import run
from tests.support.paths import FIXTURES

BROKEN = FIXTURES / "broken"

# file -> (line, column, key path, words the message must contain); list items are named by
# their id (steps[approach]), not by their place in the merged playbook
EXPECTED = {
    "syntax_error.yaml": (5, 1, "", "YAML syntax error"),
    "empty.yaml": (1, 1, "", "empty"),
    "binary.yaml": (1, 1, "", "not UTF-8 text"),
    "tabs.yaml": (3, 1, "", "tabs cannot be used for indentation"),
    "duplicate_key.yaml": (2, 1, "title", "duplicate key 'title'"),
    "unknown_key.yaml": (
        60,
        5,
        "objections[price].probing_questons",
        "did you mean 'probing_questions'",
    ),
    "wrong_type.yaml": (29, 23, "steps[approach].stale_after_days", "valid integer, not 'soon'"),
    "missing_step.yaml": (4, 3, "steps", "missing steps: presentation"),
    "out_of_order.yaml": (28, 9, "steps[presentation].id", "out of order"),
    "unknown_condition.yaml": (
        17,
        15,
        "steps[prospecting].questions[size].when",
        "question 'budget'",
    ),
    "alias.yaml": (32, 16, "steps.2.guidance.0", "aliases"),
    "yaml11_no.yaml": (
        13,
        19,
        "steps[prospecting].questions[fit].required",
        "expected true or false, not 'no'",
    ),
    "missing_parent.yaml": (1, 10, "extends", "no playbook named 'no-such-playbook'"),
}


def problems_of(name: str) -> list[str]:
    with pytest.raises(PlaybookError) as caught:
        load_file(BROKEN / name, [])
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fault_is_reported_at_its_spot(name: str) -> None:
    line, column, path, words = EXPECTED[name]
    where = f"{BROKEN / name}:{line}:{column}: " + (f"{path}: " if path else "")
    matching = [p for p in problems_of(name) if p.startswith(where)]
    assert matching, problems_of(name)
    assert any(words in p for p in matching), matching


def test_every_fault_file_has_an_expectation() -> None:
    names = {p.name for p in BROKEN.glob("*.yaml")} - {"cycle_a.yaml", "cycle_b.yaml"}
    assert names == set(EXPECTED)


def test_an_extends_cycle_is_reported_where_it_closes() -> None:
    problems = problems_of("cycle_a.yaml")
    assert problems == [
        f"{BROKEN / 'cycle_b.yaml'}:1:10: extends: "
        "`extends` goes round in a cycle: cycle_a -> cycle_b -> cycle_a"
    ]


def test_all_problems_are_reported_at_once() -> None:
    problems = problems_of("unknown_key.yaml")
    assert len(problems) == 2  # the typo and the key it should have been


def test_yaml_11_words_are_read_as_written(tmp_path: Path) -> None:
    text = (FIXTURES / "playbooks" / "minimal.yaml").read_text()
    text = text.replace("choices: [phone, email, in person]", "choices: [yes, no, on, off, 9:30]")
    (tmp_path / "p.yaml").write_text(text)
    playbook = load_file(tmp_path / "p.yaml", []).playbook
    assert playbook.step("approach").questions[0].choices == ["yes", "no", "on", "off", "9:30"]


def test_tags_are_refused(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("title: !!python/object/apply:os.system [echo hi]\n")
    with pytest.raises(PlaybookError, match="tags"):
        load_file(tmp_path / "p.yaml", [])


def test_child_overrides_only_what_differs(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "playbooks" / "minimal.yaml", tmp_path / "base.yaml")
    (tmp_path / "team.yaml").write_text(
        "extends: base.yaml\ntitle: Team\nobjections:\n  - id: price\n"
        "    phrasings: [We cannot pay that.]\n  - id: timing\n    title: Timing\n"
        "    concern: Not now.\n    phrasings: [Call me next year.]\n"
        "    probing_questions: ['What changes next year?']\n"
        "    responses:\n      - framework: LAER\n        stages: {listen: Hear them out.}\n"
    )
    loaded = load_file(tmp_path / "team.yaml", [])
    playbook = loaded.playbook
    assert playbook.title == "Team"
    price = playbook.objection("price")
    assert price is not None and price.phrasings == ["We cannot pay that."]
    assert price.concern == "Value does not yet justify the cost."  # inherited
    assert [o.id for o in playbook.objections] == ["price", "timing"]
    assert len(playbook.steps) == 7 and len(loaded.files) == 2


def test_errors_in_a_child_point_into_the_child(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "playbooks" / "minimal.yaml", tmp_path / "base.yaml")
    (tmp_path / "team.yaml").write_text(
        "extends: base.yaml\ntitle: Team\nsteps:\n  - id: closing\n    goal: 5\n"
    )
    with pytest.raises(PlaybookError) as caught:
        load_file(tmp_path / "team.yaml", [])
    assert str(caught.value.problems[0]).startswith(f"{tmp_path / 'team.yaml'}:5:11: ")


def test_validate_command_prints_problems_and_exits_1() -> None:
    result = run("playbook", "validate", str(BROKEN / "tabs.yaml"), str(BROKEN / "empty.yaml"))
    assert result.exit_code == 1
    assert f"{BROKEN / 'tabs.yaml'}:3:1:" in result.stdout
    assert f"{BROKEN / 'empty.yaml'}:1:1:" in result.stdout
    assert "2 of 2 playbook(s) have problems" in result.stderr
    assert "Traceback" not in result.output


def test_validate_command_accepts_a_good_playbook() -> None:
    result = run("playbook", "validate", str(FIXTURES / "playbooks" / "minimal.yaml"))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_validate_a_missing_file() -> None:
    result = run("playbook", "validate", "/nonexistent/playbook.yaml")
    assert result.exit_code == 1
    assert "/nonexistent/playbook.yaml:1:1: cannot read" in result.stdout


def test_a_team_playbook_is_validated_by_name_and_named_by_ids(
    salescoach_home: Path,
) -> None:
    folder = salescoach_home / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my-team.yaml").write_text(
        "extends: b2b-saas\n"
        "steps:\n"
        "  - id: closing\n"
        "    questions:\n"
        "      - id: outcome\n"
        "        required: maybe\n"
    )
    result = run("playbook", "validate", "my-team")
    assert result.exit_code == 1
    assert "cannot read" not in result.stdout
    assert f"{folder / 'my-team.yaml'}:6:19: steps[closing].questions[outcome].required: " in (
        result.stdout
    )
    assert run("playbook", "validate", "b2b-saas").exit_code == 0
