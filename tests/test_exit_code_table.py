"""The README's exit-code table is the set of codes salescoach uses, no more and no fewer."""

from __future__ import annotations

import re

from salescoach import errors
from tests.support.paths import README


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
