"""`salescoach sync` and `sync --json` start without Typer (`cli.team.sync_entry`) and do
what the Typer command does; every other argument list is left to Typer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from salescoach.cli.team.sync_entry import run as light_run
from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.hub import Team
from tests.support.importtime import run_importing
from tests.support.postgres import HubDatabase


@pytest.mark.parametrize("args", [["--help"], ["--bogus"], ["--json", "--json"], ["-j"], ["x"]])
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert light_run(args) is False


def _light(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    return run_importing("sync", *args)


def test_not_joined_the_same_message_and_code_without_typer() -> None:
    light, imported = _light("--json")
    typer = run("sync", "--json")
    assert (light.returncode, light.stdout) == (typer.exit_code, typer.stdout) == (2, "")
    assert light.stderr.strip() == typer.stderr.strip()
    assert not {"typer", "click", "pydantic"} & imported


def test_an_idle_sync_on_a_real_hub_without_typer(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team: Team = fixed_team(hub_db, monkeypatch)
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", team.db.conninfo(), "--as", "alice").exit_code == 0
    first = run("sync", "--json")
    assert first.exit_code == 0, first.stderr
    light, imported = _light("--json")
    assert light.returncode == 0, light.stderr
    assert json.loads(light.stdout) == {**json.loads(first.stdout), "pulled": 0}
    assert not {"typer", "click", "pydantic"} & imported and "psycopg" in imported
    text, _ = _light()
    assert text.stdout == "pushed 0, pulled 0 (as alice)\n"


def test_the_light_sync_runs_without_the_cyclic_collector_and_puts_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import salescoach.cli.team.sync_run as sync_run

    seen: list[bool] = []
    monkeypatch.setattr(sync_run, "run_sync", lambda as_json: seen.append(gc.isenabled()))
    try:
        assert light_run(["--json"]) is True
    finally:
        gc.unfreeze()  # what the light run froze: this test process goes on
    assert seen == [False] and gc.isenabled()
