"""The README's exit-code table is the set of codes salescoach uses, no more and no fewer."""

from __future__ import annotations

import re

from salescoach import errors
from tests.support.paths import PACKAGE, README


def test_the_exit_code_table_is_the_codes_salescoach_uses() -> None:
    section = README.read_text().split("| exit code | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.MULTILINE)}
    used = {
        errors.EXIT_OK,
        errors.EXIT_ALERT,
        errors.EXIT_USAGE,
        errors.EXIT_OUTPUT,
        errors.EXIT_INTERRUPTED,
    }
    assert documented == used
    constants = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    assert constants == used


def test_every_exit_the_code_raises_is_a_documented_constant() -> None:
    """A literal code (`ExitStatus(3)`, `typer.Exit(5)`) would bypass the table."""
    raised = re.compile(r"(?<!class )(?:ExitStatus|typer\.Exit|sys\.exit)\(([^)]*)\)")
    allowed = {"", "0", "code", "error.exit_code", "status.exit_code"}
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for argument in raised.findall(path.read_text()):
            found[argument.strip()] = path.name
    unknown = {a: f for a, f in found.items() if a not in allowed and not a.startswith("EXIT_")}
    assert not unknown, unknown
    assert {a for a in found if a.startswith("EXIT_")} <= {
        k for k in vars(errors) if k.startswith("EXIT_")
    }
