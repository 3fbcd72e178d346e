"""The one stamped JSON cache: entries used while their stamps hold, files owner-only and
replaced whole."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from salescoach.core.kernel import cache_files, stamps
from salescoach.core.objections import cache as objection_cache
from salescoach.core.playbook.limits import playbook_limits
from salescoach.paths import shipped_playbook_dir

PAST_NS = 1_600_000_000 * 10**9


@pytest.fixture
def file(tmp_path: Path) -> Path:
    watched = tmp_path / "watched.yaml"
    watched.write_text("one", encoding="utf-8")
    os.utime(watched, ns=(PAST_NS, PAST_NS))
    return watched


@pytest.fixture(params=[0o022, 0o277, 0o000])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_an_entry_is_fresh_until_a_stamped_path_changes(file: Path) -> None:
    entry = cache_files.new_entry(
        {"n": 1}, [str(file)], read=[str(file)], started_ns=time.time_ns()
    )
    assert entry is not None
    assert cache_files.fresh({"k": entry}, "k") == {"n": 1}
    file.write_text("two", encoding="utf-8")
    assert cache_files.fresh({"k": entry}, "k") is None
    assert cache_files.fresh({"k": entry}, "other") is None


def test_a_missing_path_is_stamped_and_its_appearance_noticed(tmp_path: Path) -> None:
    later = str(tmp_path / "not-yet.yaml")
    assert cache_files.stamp_of(later) == [later, -1, 0]
    entry = stamps.entry([cache_files.stamp_of(later)], "data")
    assert cache_files.fresh({"k": entry}, "k") == "data"
    Path(later).write_text("here now", encoding="utf-8")
    assert cache_files.fresh({"k": entry}, "k") is None


def test_a_file_changed_since_reading_began_is_not_cached(file: Path) -> None:
    file.touch()  # "now": it may have changed while it was read
    assert (
        cache_files.new_entry(1, [str(file)], read=[str(file)], started_ns=time.time_ns()) is None
    )
    # a folder or module watched but not read may change at any time
    assert cache_files.new_entry(1, [str(file)], read=[], started_ns=time.time_ns()) is not None


@pytest.mark.parametrize(
    "found",
    [
        None,
        [],
        {"stamps": [], "data": 1},
        {"stamps": [["p", 1]], "data": 1},
        {"stamps": [[1, 2, 3]], "data": 1},
        {"data": 1},
    ],
)
def test_anything_but_an_entry_is_stale(found: object) -> None:
    assert stamps.fresh_data(found, lambda path: [path, 1, 2]) is None


def test_a_document_of_another_kind_version_or_format_has_no_entries() -> None:
    doc = stamps.document("plan-limits", 1, {"k": {}})
    assert stamps.entries_of(doc, "plan-limits", 1) == {"k": {}}
    assert stamps.entries_of(doc, "objections", 1) == {}
    assert stamps.entries_of(doc, "plan-limits", 2) == {}
    assert stamps.entries_of({**doc, "format": stamps.FORMAT + 1}, "plan-limits", 1) == {}
    assert stamps.entries_of({"version": 1, "playbooks": {}}, "plan-limits", 1) == {}


def test_files_are_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "cache" / "some.json"
    assert cache_files.write_entries(target, "test", 1, {"k": stamps.entry([], 1)})
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700
    assert cache_files.read_entries(target, "test", 1) == {"k": {"stamps": [], "data": 1}}


def test_a_rewrite_replaces_the_file_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "some.json"
    target.write_text("an older cache, readable by all", encoding="utf-8")
    target.chmod(0o644)
    (tmp_path / f".some.json.{os.getpid()}.tmp").write_text("left by a crash", encoding="utf-8")
    assert cache_files.write_entries(target, "test", 1, {})
    assert target.stat().st_mode & 0o777 == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["entries"] == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["some.json"]


def test_an_unwritable_or_damaged_cache_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    assert not cache_files.write_entries(blocked / "some.json", "test", 1, {})
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": 1, "kind"', encoding="utf-8")
    assert cache_files.read_entries(damaged, "test", 1) == {}
    assert cache_files.read_entries(tmp_path / "missing.json", "test", 1) == {}


def test_the_plan_limits_cache_uses_the_same_format_and_is_owner_only(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "plan-limits.json"
    dirs = [("built-in", shipped_playbook_dir())]
    playbook_limits(["b2b-saas"], dirs, cache, clock_ns=time.time_ns)
    entries = cache_files.read_entries(cache, "plan-limits", 1)
    assert list(entries) == ["b2b-saas"]
    assert entries["b2b-saas"]["stamps"][0][0].endswith("b2b-saas.yaml")
    assert cache.stat().st_mode & 0o777 == 0o600


def test_a_plan_right_after_a_playbook_edit_reads_it_again_next_time(tmp_path: Path) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        (shipped_playbook_dir() / "b2b-saas.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    cache = tmp_path / "plan-limits.json"
    limits = playbook_limits(["mine"], [("path", folder)], cache, clock_ns=time.time_ns)
    assert limits["mine"].warning is None
    assert cache_files.read_entries(cache, "plan-limits", 1) == {}


def test_every_path_the_objection_cache_watches_exists(tmp_path: Path) -> None:
    playbook = str(shipped_playbook_dir() / "b2b-saas.yaml")
    watched = objection_cache.watched([playbook], [("path", tmp_path)])
    assert [p for p in watched if not os.path.exists(p)] == []
    assert any(p.endswith(os.path.join("objections", "lexicon.py")) for p in watched)
