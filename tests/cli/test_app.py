"""The command table in cli/app.py lists exactly the commands the modules define."""

from __future__ import annotations

import subprocess
import sys

from salescoach.cli.app import COMMANDS, _commands_of
from tests.support.cli import run


def test_every_module_command_is_listed_and_every_listed_command_exists() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    defined = {name: module for module in modules for name in _commands_of(module)}
    assert defined == {name: module for name, (module, _) in COMMANDS.items()}


def test_help_lists_commands_without_importing_them() -> None:
    code = (
        "import sys; from salescoach.cli.app import main; sys.argv = ['salescoach', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('salescoach.cli.') "
        "and m.endswith('_cmd')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "walk" in done.stdout and "objection" in done.stdout
    assert done.stderr.strip() == "[]"


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("negotiate")
    assert result.exit_code == 2
    assert result.stderr == (
        "salescoach: error: no such command 'negotiate'\n  hint: see `salescoach --help`\n"
    )
