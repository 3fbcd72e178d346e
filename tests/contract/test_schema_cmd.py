"""`salescoach schema`: the published outputs listed, each schema printed, and the commands
that print JSON never generating one, nor even building the TypedDicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salescoach.core.published import CATALOGUE, json_schema_text
from salescoach.paths import shipped_playbook_dir
from tests.support.cli import run


def test_the_list_names_every_schema_with_its_version() -> None:
    result = run("schema")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[e.name, f"v{e.version}"] for e in CATALOGUE]
    listed = json.loads(run("schema", "--json").stdout)
    assert [(s["name"], s["version"]) for s in listed["schemas"]] == [
        (e.name, e.version) for e in CATALOGUE
    ]


@pytest.mark.parametrize("name", [e.name for e in CATALOGUE])
def test_each_schema_prints_as_published(name: str) -> None:
    result = run("schema", name)
    assert result.exit_code == 0
    assert result.stdout == json_schema_text(name)
    schema = json.loads(result.stdout)
    if name != "playbook":
        assert schema["properties"]["schema"]["const"] == name
        assert {"schema", "version"} <= set(schema["required"])


def test_the_playbook_schema_is_the_shipped_file() -> None:
    shipped = (shipped_playbook_dir() / "playbook.schema.json").read_text()
    assert run("schema", "playbook").stdout == shipped == run("playbook", "schema").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("schema", "plans"), "no published schema 'plans'"),
        (("schema", "plan", "--json"), "--json goes with the list"),
    ],
)
def test_bad_requests_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr and not result.stdout


def _imported(args: list[str], home: Path) -> set[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salescoach", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}


@pytest.mark.slow
def test_printing_json_never_generates_a_schema(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "pydantic" not in _imported(["--help"], home)
    for args in (
        ["plan", "--format", "json"],
        ["tasks", "--json"],
        ["objection", "too expensive", "--json"],
    ):
        imported = _imported(args, home)
        assert "salescoach.core.published" not in imported, args
        # The TypedDicts are for the type checker and the schema generator only.
        assert not [m for m in imported if m.endswith((".shapes", ".jsonshape"))], args
