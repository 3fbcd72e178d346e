"""The database driver is loaded only by the team commands and sync: the rep's daily commands
(and --help) never import psycopg, so they cost what they cost before the hub existed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_PROBE = (
    "import sys\n"
    "from salescoach.cli.app import main\n"
    "sys.argv = ['salescoach', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg')[:3], file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["plan"],
        ["objection", "that's way over our budget", "--json"],
        ["walk", "ACME"],
        ["team", "--help"],
        ["team", "join", "--help"],
    ],
)
def test_commands_never_import_the_database_driver(args: list[str]) -> None:
    from tests.support.cli import run

    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SALESCOACH_NO_INPUT": "1"},
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def test_team_join_does_import_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "team", "join", "host=/nonexistent dbname=x", "--as", "a"],
        capture_output=True,
        text=True,
        env={**os.environ, "SALESCOACH_NO_INPUT": "1"},
    )
    assert "psycopg" in done.stderr.strip().splitlines()[-1]
