"""The compiled matcher cache: used while fresh, rebuilt when any playbook file changes."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from salescoach.core.objections.cache import (
    CompiledPlaybook,
    cache_file,
    cache_key,
    load_compiled,
    read_cached,
)
from salescoach.core.playbook import loader
from tests.support.objections import FIXTURES

PAST_NS = 1_600_000_000 * 10**9  # 2020: old enough not to count as "just changed"
CHILD = """title: Child playbook
extends: parent
objections:
  - id: timing
    title: Timing, our way
    concern: Not now.
    phrasings: [Ring me in the spring.]
    probing_questions: ["What changes in the spring?"]
    responses:
      - framework: LAER
        stages:
          {listen: Listen., acknowledge: Fair., explore: Ask., respond: Offer., confirm: "Agree?"}
"""


def _age(*files: Path) -> None:
    for file in files:
        os.utime(file, ns=(PAST_NS, PAST_NS))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(FIXTURES / "objections.yaml", books / "parent.yaml")
    (books / "child.yaml").write_text(CHILD, encoding="utf-8")
    _age(books / "parent.yaml", books / "child.yaml", books)
    return books


def _load(name: str, books: Path, cache: Path | None) -> CompiledPlaybook:
    return load_compiled(name, [("path", books)], cache, clock_ns=time.time_ns)


def _refuse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the playbook was read again instead of coming from the cache")

    monkeypatch.setattr(loader, "load_playbook", fail)


def test_a_second_load_comes_from_the_cache(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _load("child", folder, cache)
    _refuse_yaml(monkeypatch)
    second = _load("child", folder, cache)
    assert second.objections == first.objections
    assert second.battlecards == first.battlecards
    for text in ("ring me in the spring", "too expensive", "we use Acme"):
        assert second.matcher.rank(text) == first.matcher.rank(text)
    (written,) = cache.iterdir()
    assert written.stat().st_mode & 0o777 == 0o600


def test_the_extends_chain_is_merged_and_compiled(folder: Path, tmp_path: Path) -> None:
    compiled = _load("child", folder, tmp_path / "cache")
    assert compiled.objections["timing"]["title"] == "Timing, our way"
    assert "price" in compiled.objections


@pytest.mark.parametrize("changed", ["child.yaml", "parent.yaml"])
def test_changing_any_file_in_the_extends_chain_rebuilds(
    folder: Path, tmp_path: Path, changed: str
) -> None:
    cache = tmp_path / "cache"
    _load("child", folder, cache)
    file = folder / changed
    text = file.read_text(encoding="utf-8").replace("Timing, our way", "Timing, changed")
    text = text.replace("Price or budget", "Price, changed")
    file.write_text(text, encoding="utf-8")
    os.utime(file, ns=(PAST_NS + 10**9, PAST_NS + 10**9))  # changed, but not "just now"
    assert read_cached(cache, cache_key("child", [("path", folder)])) is None
    compiled = _load("child", folder, cache)
    titles = [o["title"] for o in compiled.objections.values()]
    assert "Timing, changed" in titles or "Price, changed" in titles


def test_a_new_file_earlier_on_the_search_path_rebuilds(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first_dir = tmp_path / "first"
    first_dir.mkdir()
    dirs = [("path", first_dir), ("path", folder)]
    load_compiled("child", dirs, cache, clock_ns=time.time_ns)
    (first_dir / "child.yaml").write_text(
        CHILD.replace("Timing, our way", "Timing, shadowed"), encoding="utf-8"
    )
    compiled = load_compiled("child", dirs, cache, clock_ns=time.time_ns)
    assert compiled.objections["timing"]["title"] == "Timing, shadowed"


def test_a_file_changed_during_the_read_is_not_cached(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (folder / "child.yaml").touch()  # changed "now": its content may not be what was read
    _load("child", folder, cache)
    assert not cache.exists() or not any(cache.iterdir())


def test_a_damaged_cache_file_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load("child", folder, cache)
    target = cache_file(cache, cache_key("child", [("path", folder)]))
    target.write_text('{"key": "child", "stamps": [[1]]', encoding="utf-8")
    compiled = _load("child", folder, cache)
    assert compiled.matcher.rank("ring me in the spring").best is not None
    assert read_cached(cache, cache_key("child", [("path", folder)])) is not None


def test_an_unwritable_cache_folder_still_answers(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    compiled = _load("child", folder, blocked / "cache")
    assert "timing" in compiled.objections


def test_no_cache_folder_means_no_cache(folder: Path, tmp_path: Path) -> None:
    compiled = _load("child", folder, None)
    assert "price" in compiled.objections


def test_the_key_tells_files_from_names(tmp_path: Path) -> None:
    dirs = [("path", tmp_path)]
    assert cache_key("b2b-saas", dirs) != cache_key("./b2b-saas.yaml", dirs)
    assert str(Path.cwd()) in cache_key("b2b-saas.yaml", dirs)
