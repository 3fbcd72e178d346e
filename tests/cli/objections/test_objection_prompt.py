"""With no text and a terminal, `salescoach objection` asks for the buyer's words."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.support.objections import FIXTURES


@pytest.mark.slow
def test_it_asks_on_a_terminal_and_answers(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SALESCOACH_HOME": str(tmp_path),
        "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES),
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    env.pop("SALESCOACH_NO_INPUT", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "salescoach", "objection", "-p", "objections"],
        env=env,
        encoding="utf-8",
        timeout=20,
    )
    child.expect("What did the buyer say\\?")
    child.sendline("way too pricey for us")
    child.expect("Price or budget")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.slow
def test_no_input_mode_never_asks(tmp_path: Path) -> None:
    env = {**os.environ, "SALESCOACH_HOME": str(tmp_path), "SALESCOACH_NO_INPUT": "1"}
    child = pexpect.spawn(
        sys.executable, ["-m", "salescoach", "objection"], env=env, encoding="utf-8", timeout=20
    )
    child.expect("no objection given")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
