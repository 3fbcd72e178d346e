"""The training fixture playbook, loaded once for the drill tests."""

from __future__ import annotations

from functools import cache

from salescoach.core.playbook.loader import load_file
from salescoach.core.playbook.model import Playbook
from tests.support.paths import FIXTURE_PLAYBOOKS

FILE = FIXTURE_PLAYBOOKS / "training.yaml"


@cache
def training_playbook() -> Playbook:
    return load_file(FILE, []).playbook
