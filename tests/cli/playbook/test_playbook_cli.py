"""The playbook commands, the schema and the data home, as a user meets them."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest

from salescoach.core.kernel.yamlread import read_yaml
from salescoach.paths import ensure_home, shipped_playbook_dir
from tests.support.cli import run
from tests.support.paths import FIXTURES

SHIPPED = ("b2b-saas", "field-sales", "services")


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("salescoach 0.")


def test_no_arguments_shows_help() -> None:
    result = run()
    assert "playbook" in result.output
    assert "Traceback" not in result.output


def test_list_names_every_shipped_playbook_and_its_origin() -> None:
    result = run("playbook", "list", "--json")
    assert result.exit_code == 0
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    for name in SHIPPED:
        assert rows[name]["origin"] == "built-in"
    assert rows["b2b-saas"]["default"] is True


def test_a_user_playbook_shadows_a_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "b2b-saas.yaml").write_text("extends: minimal\ntitle: Ours\n")
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", f"{folder}{os.pathsep}{FIXTURES / 'playbooks'}")
    result = run("playbook", "list")
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("b2b-saas"))
    assert "path" in line and str(folder) in line
    assert f"shadows {shipped_playbook_dir() / 'b2b-saas.yaml'}" in result.stdout


def test_show_a_step() -> None:
    result = run("playbook", "show", "b2b-saas", "--step", "closing")
    assert result.exit_code == 0
    assert "6. " in result.stdout and "Goal:" in result.stdout
    assert "Checklist" in result.stdout and "Questions" in result.stdout


def test_show_an_unknown_step_or_playbook() -> None:
    bad_step = run("playbook", "show", "b2b-saas", "--step", "negotiation")
    assert bad_step.exit_code == 2
    assert "unknown step 'negotiation'" in bad_step.stderr
    bad_name = run("playbook", "show", "b2b-saaz")
    assert bad_name.exit_code == 2
    assert "did you mean 'b2b-saas'" in bad_name.stderr


def test_new_scaffolds_a_valid_user_playbook(salescoach_home: Path) -> None:
    result = run("playbook", "new", "my-team", "--from", "field-sales")
    assert result.exit_code == 0, result.stderr
    created = Path(result.stdout.strip())
    assert created == salescoach_home / "playbooks" / "my-team.yaml"
    assert run("playbook", "validate", str(created)).exit_code == 0
    again = run("playbook", "new", "my-team")
    assert again.exit_code == 2 and "--force" in again.stderr
    listed = json.loads(run("playbook", "list", "--json").stdout)
    assert {"name": "my-team", "origin": "user"}.items() <= next(
        r for r in listed if r["name"] == "my-team"
    ).items()


def test_new_refuses_a_bad_name() -> None:
    result = run("playbook", "new", "My Team!")
    assert result.exit_code == 2
    assert "is not a playbook name" in result.stderr


def test_path_lists_the_search_order() -> None:
    lines = run("playbook", "path").stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["user", "hub", "built-in"]


def test_data_home_is_created_owner_only(salescoach_home: Path) -> None:
    assert not salescoach_home.exists()
    ensure_home()
    assert stat.S_IMODE(salescoach_home.stat().st_mode) == 0o700


def test_paths_command(salescoach_home: Path) -> None:
    result = run("paths", "--json")
    info = json.loads(result.stdout)
    assert info["data_home"] == str(salescoach_home)
    assert info["database"] == str(salescoach_home / "salescoach.db")


def test_published_schema_file_is_current() -> None:
    printed = run("playbook", "schema").stdout
    assert json.loads(printed)["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert (shipped_playbook_dir() / "playbook.schema.json").read_text() == printed


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_playbooks_validate_against_the_schema(name: str) -> None:
    schema = json.loads(run("playbook", "schema").stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    file = shipped_playbook_dir() / f"{name}.yaml"
    text = file.read_text()
    assert text.startswith("# yaml-language-server: $schema=playbook.schema.json\n")
    jsonschema.Draft7Validator(schema).validate(read_yaml(text, str(file)).data)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_playbooks_pass_the_validator(name: str) -> None:
    result = run("playbook", "validate", str(shipped_playbook_dir() / f"{name}.yaml"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_a_user_playbook_may_shadow_the_one_it_extends(salescoach_home: Path) -> None:
    result = run("playbook", "new", "b2b-saas")
    assert result.exit_code == 0, result.stderr
    assert Path(result.stdout.strip()) == salescoach_home / "playbooks" / "b2b-saas.yaml"
    shown = run("playbook", "show", "b2b-saas", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == "b2b-saas"  # the user's, built on the shipped
    assert len(json.loads(shown.stdout)["objections"]) == 10


def test_a_scaffold_that_does_not_load_leaves_nothing_behind(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "broken.yaml").write_text("extends: b2b-saas\ntitle: Broken\nbogus: 1\n")
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(folder))
    result = run("playbook", "new", "mine", "--from", "broken")
    assert result.exit_code == 2
    user_dir = salescoach_home / "playbooks"
    assert not user_dir.exists() or list(user_dir.iterdir()) == []


def test_new_with_a_file_where_the_playbook_folder_goes(salescoach_home: Path) -> None:
    ensure_home()
    (salescoach_home / "playbooks").write_text("not a folder")
    result = run("playbook", "new", "mine")
    assert result.exit_code == 2
    assert "cannot make the user playbook folder" in result.stderr
    assert (salescoach_home / "playbooks").read_text() == "not a folder"


def test_validate_refuses_a_name_found_nowhere_and_names_the_playbooks() -> None:
    result = run("playbook", "validate", "b2b-saas", "nosuch")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing checked until every name is found
    assert result.stderr == (
        "salescoach: error: no playbook named 'nosuch'\n"
        "  hint: playbooks: b2b-saas, field-sales, services\n"
    )


def test_validate_suggests_the_playbook_a_name_was_close_to() -> None:
    result = run("playbook", "validate", "servces")
    assert result.exit_code == 2
    assert "hint: did you mean 'services'? playbooks: b2b-saas, field-sales, services" in (
        result.stderr
    )
