"""Where the test suite's files are, named once for every test wherever it sits."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
PACKAGE = ROOT / "salescoach"
README = ROOT / "README.md"
FIXTURES = TESTS / "fixtures"
FIXTURE_PLAYBOOKS = FIXTURES / "playbooks"
TRANSCRIPTS = FIXTURES / "transcripts"
DATA = TESTS / "data"
