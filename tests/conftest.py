"""Every test gets its own data home and a fixed today; nothing touches the real user's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support.today import TODAY_ISO

# The PostgreSQL fixtures (pg_cluster, hub_db) for the hub's and sync's tests.
pytest_plugins = ["tests.support.postgres"]

# Property tests judge correctness, never speed: no per-example deadline and no "generation is
# slow" health check, so a busy 2-core machine cannot turn them flaky. In CI they also run with
# a fixed seed; locally they explore fresh examples each run.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", settings.get_profile("untimed"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "untimed")


@pytest.fixture(autouse=True)
def salescoach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SALESCOACH_HOME", str(home))
    monkeypatch.setenv("SALESCOACH_TODAY", TODAY_ISO)
    monkeypatch.delenv("SALESCOACH_PLAYBOOK_PATH", raising=False)
    monkeypatch.delenv("SALESCOACH_NO_INPUT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield home
