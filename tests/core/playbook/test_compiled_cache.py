"""The compiled playbook cache: used while fresh, loaded again on any change, damage or doubt."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from salescoach.core.playbook import loader
from salescoach.core.playbook.compiled import (
    cache_file,
    cache_key,
    digest,
    load_cached,
    read_cached,
)
from salescoach.core.playbook.loaded import LoadedPlaybook
from salescoach.errors import PlaybookError
from tests.support.walk import WALKTHROUGH

PAST_NS = 1_600_000_000 * 10**9  # 2020: old enough not to count as "just changed"
CHILD = "title: Child walk\nextends: parent\ndescription: the child's own words\n"


def _age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, ns=(PAST_NS, PAST_NS))


@pytest.fixture
def books(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "parent.yaml").write_text(WALKTHROUGH.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "child.yaml").write_text(CHILD, encoding="utf-8")
    _age(folder / "parent.yaml", folder / "child.yaml", folder)
    return folder


def _load(books: Path, cache: Path | None, name: str = "child") -> LoadedPlaybook:
    return load_cached(name, [("path", books)], cache, clock_ns=time.time_ns)


def _cached_file(books: Path, cache: Path, name: str = "child") -> Path:
    return cache_file(cache, cache_key(name, [("path", books)]))


def _refuse_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the playbook was loaded again instead of coming from the cache")

    monkeypatch.setattr(loader, "load_playbook", fail)


def test_a_second_load_comes_from_the_cache_and_equals_the_first(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _load(books, cache)
    _refuse_loading(monkeypatch)
    second = _load(books, cache)
    assert second == first
    assert second.playbook.description == "the child's own words"
    assert second.files == first.files and len(second.files) == 2


def test_the_file_is_written_by_the_safe_writer_owner_only(books: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(books, cache)
    (written,) = cache.iterdir()  # no temporary file left beside it
    assert written == _cached_file(books, cache)
    assert written.stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("changed", ["child.yaml", "parent.yaml"])
def test_changing_any_file_of_the_extends_chain_loads_it_again(
    books: Path, tmp_path: Path, changed: str
) -> None:
    cache = tmp_path / "cache"
    _load(books, cache)
    file = books / changed
    text = file.read_text(encoding="utf-8")
    if changed == "child.yaml":
        file.write_text(text.replace("own words", "new words"), encoding="utf-8")
    else:
        file.write_text(text.replace("title: ", "title: Renamed ", 1), encoding="utf-8")
    os.utime(file, ns=(PAST_NS + 10**9, PAST_NS + 10**9))  # changed, but not "just now"
    assert read_cached(cache, cache_key("child", [("path", books)])) is None
    again = _load(books, cache)
    if changed == "child.yaml":
        assert again.playbook.description == "the child's new words"
    else:
        assert again.playbook.title == "Child walk"  # the child's title still wins
    assert read_cached(cache, cache_key("child", [("path", books)])) == again


def test_a_new_file_earlier_on_the_search_path_is_found(books: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    layer = tmp_path / "layer"
    layer.mkdir()
    dirs = [("hub", layer), ("path", books)]
    load_cached("child", dirs, cache, clock_ns=time.time_ns)
    (layer / "child.yaml").write_text(CHILD.replace("own words", "team's words"), "utf-8")
    shadowed = load_cached("child", dirs, cache, clock_ns=time.time_ns)
    assert shadowed.playbook.description == "the child's team's words"


def test_another_search_path_is_another_key(books: Path, tmp_path: Path) -> None:
    layer = tmp_path / "layer"
    assert cache_key("child", [("path", books)]) != cache_key(
        "child", [("hub", layer), ("path", books)]
    )


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00garbage", "keep the first half"],
)
def test_a_damaged_cache_file_is_rebuilt_silently(
    books: Path, tmp_path: Path, damage: bytes | str
) -> None:
    cache = tmp_path / "cache"
    first = _load(books, cache)
    target = _cached_file(books, cache)
    whole = target.read_bytes()
    target.write_bytes(whole[: len(whole) // 2] if isinstance(damage, str) else damage)
    assert _load(books, cache) == first
    assert read_cached(cache, cache_key("child", [("path", books)])) == first


def test_a_cache_holding_a_playbook_the_model_refuses_is_never_used(
    books: Path, tmp_path: Path
) -> None:
    """The cache is data, validated again on every read: an edited entry is not a playbook."""
    cache = tmp_path / "cache"
    first = _load(books, cache)
    target = _cached_file(books, cache)
    document = json.loads(target.read_text())
    stored = json.loads(document["playbook"])
    stored["unexpected"] = "run me"
    document["playbook"] = json.dumps(stored)
    document["digest"] = digest(document["playbook"])  # a body edited with its digest
    target.write_text(json.dumps(document))
    target.chmod(0o600)
    assert read_cached(cache, cache_key("child", [("path", books)])) is None
    assert _load(books, cache) == first


def test_a_cache_file_others_could_write_is_not_trusted(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _load(books, cache)
    target = _cached_file(books, cache)
    target.chmod(0o666)
    assert read_cached(cache, cache_key("child", [("path", books)])) is None
    _load(books, cache)  # loaded again and written again, owner-only
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_playbook_with_problems_raises_every_time_and_is_not_cached(
    books: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    (books / "broken.yaml").write_text("title: Broken\nsteps: 3\n", encoding="utf-8")
    _age(books / "broken.yaml", books)
    for _ in range(2):
        with pytest.raises(PlaybookError):
            _load(books, cache, "broken")
    assert not _cached_file(books, cache, "broken").exists()


def test_a_file_changed_while_read_is_not_cached(books: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (books / "child.yaml").touch()  # changed "now": its content may not be what was read
    _load(books, cache)
    assert not _cached_file(books, cache).exists()


def test_an_unwritable_cache_folder_still_loads(books: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert _load(books, blocked / "cache").playbook.title == "Child walk"


def test_no_cache_folder_reads_and_writes_none(books: Path, tmp_path: Path) -> None:
    assert _load(books, None).playbook.title == "Child walk"
    assert list(tmp_path.iterdir()) == [books]
