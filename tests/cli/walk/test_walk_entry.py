"""The walk's light entry reads arguments as the Typer command does, or leaves them to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.cli.app import _commands_of
from salescoach.cli.walk.walk_entry import parse
from salescoach.cli.walk.walk_params import WALK_PARAMS
from salescoach.errors import EXIT_USAGE

TOKENS = [
    *(decl for p in WALK_PARAMS for decl in p.decls),
    "ACME",
    "Ada Lovelace",
    "4",
    "closing",
    "answers.yaml",
    "",
    "-",
    "--",
    "-x",
    "--bogus",
    "--help",
    "-h",
    "--json=1",
    "--step=3",
    "--until=",
    "--answers=",
    "-s4",
    "-pwalkthrough",
    "--playbook=walkthrough",
    "ACME\udcff",
]


def _typer(args: list[str]) -> dict[str, Any] | None:
    """What the Typer command makes of `args`: its values, or None when it refuses them (or
    shows help)."""
    command = _commands_of("walk.walk_cmd")["walk"]
    try:
        context = command.make_context("walk", list(args))
    except BaseException:  # click's usage errors and help's exit
        return None
    return dict(context.params)


ACCEPTED = [
    [],
    ["ACME"],
    ["ACME", "--step", "4", "--until", "closing", "--new", "--json"],
    ["--playbook=walkthrough", "-s", "2", "ACME", "--no-input", "--answers", "a.yaml"],
    ["--practice", "--channel", "email", "--channel", "meeting", "--no-log", "--reopen"],
    ["-a", "answers.yaml", "-p", "walkthrough", ""],
    ["--step="],
]
LEFT_TO_TYPER = [
    ["--help"],
    ["ACME", "-h"],
    ["ACME", "Other"],
    ["--step"],
    ["--bogus"],
    ["--json=1"],
    ["-s4"],
    ["--", "ACME"],
    ["--step", "-1"],
    ["--answers="],
    ["ACME\udcff"],
]


@pytest.mark.parametrize("args", ACCEPTED)
def test_what_the_light_entry_reads_typer_reads_the_same(args: list[str]) -> None:
    assert parse(args) is not None
    assert parse(args) == _typer(args)


@pytest.mark.parametrize("args", LEFT_TO_TYPER)
def test_help_errors_and_doubtful_arguments_are_left_to_typer(args: list[str]) -> None:
    assert parse(args) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_any_arguments_the_light_entry_reads_typer_reads_alike(args: list[str]) -> None:
    mine = parse(args)
    if mine is not None:
        assert mine == _typer(args)


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_NO_INPUT": "1"}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salescoach", "walk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if "|" in line}


def test_a_walk_read_by_the_light_entry_fails_as_the_typer_command_does(tmp_path: Path) -> None:
    light = _run(home=tmp_path)  # no lead: read by the light entry, refused by the walk
    assert light.returncode == EXIT_USAGE
    assert "salescoach: error: which lead?" in light.stderr
    assert "typer" not in _imported(light.stderr)
    heavy = _run("--bogus", home=tmp_path)  # left to Typer: its message, its exit code
    assert heavy.returncode == EXIT_USAGE
    assert "salescoach: error: no such option: --bogus" in heavy.stderr
    assert "typer" in _imported(heavy.stderr)
    shown = _run("--help", home=tmp_path)
    assert shown.returncode == 0 and "Usage: salescoach walk [OPTIONS] [LEAD]" in shown.stdout


def test_the_light_entry_pauses_the_collector_for_the_start_and_always_turns_it_on() -> None:
    import gc

    from salescoach.cli.walk import walk_entry

    seen: list[bool] = []

    def refused(options: Any) -> None:
        seen.append(gc.isenabled())
        raise SystemExit(EXIT_USAGE)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("salescoach.cli.walk.walk_run.run_walk", refused)
        with pytest.raises(SystemExit):
            walk_entry.run([])
    assert seen == [False]
    assert gc.isenabled()
