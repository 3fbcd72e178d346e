"""Running the real CLI in-process, the way a user calls it."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from salescoach.cli.app import app
from salescoach.ui.console import Terminal


def run(*args: str, input: str | None = None, terminal: Terminal | None = None) -> Result:
    """Invoke `salescoach ARGS...`; the result has stdout, stderr and exit_code apart. A
    `terminal` given is the one the command draws on (its streams, not the result's)."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False, obj=terminal)
