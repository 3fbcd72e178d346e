"""`salescoach team plan` with `--json` and `--all` starts without Typer
(`cli.team.plan_entry`), writes its text without rich where the output takes no styles, and
prints what the Typer command prints; every other argument list is left to Typer."""

from __future__ import annotations

import subprocess

import pytest

from salescoach.cli.team.plan_entry import run as light_run
from tests.support.cli import run
from tests.support.desk import fixed_team
from tests.support.importtime import run_importing
from tests.support.postgres import HubDatabase


@pytest.mark.parametrize(
    "args", [["--help"], ["--bogus"], ["--json", "--json"], ["-j"], ["x"], ["--all", "x"]]
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert light_run(args) is False


def _light(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    return run_importing("team", "plan", *args)


def test_not_joined_the_same_message_and_code_without_typer() -> None:
    light, imported = _light("--json")
    typer = run("team", "plan", "--json")
    assert (light.returncode, light.stdout) == (typer.exit_code, typer.stdout) == (2, "")
    assert light.stderr.strip() == typer.stderr.strip()
    assert not {"typer", "click", "pydantic"} & imported


def test_an_unknown_option_gets_typers_message() -> None:
    light, _ = _light("--bogus")
    typer = run("team", "plan", "--bogus")
    assert light.returncode == typer.exit_code == 2
    assert light.stderr.strip() == typer.stderr.strip()
    assert "no such option: --bogus" in light.stderr


@pytest.mark.parametrize("args", [[], ["--json"], ["--all"], ["--all", "--json"]])
def test_the_plan_on_a_real_hub_without_typer_or_rich(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    fixed_team(hub_db, monkeypatch)
    typer = run("team", "plan", *args)
    assert typer.exit_code == 0, typer.stderr
    light, imported = _light(*args)
    assert light.returncode == 0, light.stderr
    assert light.stdout == typer.stdout
    assert not {"typer", "click", "pydantic", "rich"} & imported and "psycopg" in imported


def test_the_light_plan_runs_without_the_cyclic_collector_and_puts_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import salescoach.cli.team.plan_run as plan_run

    seen: list[tuple[bool, bool, bool]] = []
    monkeypatch.setattr(
        plan_run,
        "run_plan",
        lambda as_json, everything: seen.append((gc.isenabled(), as_json, everything)),
    )
    try:
        assert light_run(["--all", "--json"]) is True
    finally:
        gc.unfreeze()  # what the light run froze: this test process goes on
    assert seen == [(False, True, True)] and gc.isenabled()
