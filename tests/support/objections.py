"""The objection test playbook, loaded once per test session."""

from __future__ import annotations

from functools import cache

from salescoach.core.objections.matcher import Matcher
from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Playbook
from tests.support.paths import FIXTURE_PLAYBOOKS

FIXTURES = FIXTURE_PLAYBOOKS
PLAYBOOK_FILE = FIXTURES / "objections.yaml"


@cache
def fixture_playbook() -> Playbook:
    return load_file(PLAYBOOK_FILE, [("path", FIXTURES)]).playbook


@cache
def fixture_matcher() -> Matcher:
    return Matcher.build(fixture_playbook())
