"""The plain form the walk reads: the model's fields, the model's values, from the same cache,
refused (and compiled again from the YAML) when its body does not match its digest."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from salescoach.core.playbook import loader, model, parts, plain
from salescoach.core.playbook.compiled import cache_file, cache_key, load_plain, read_plain
from salescoach.core.playbook.plain import plain_playbook
from tests.support.walk import WALKTHROUGH

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted((ROOT / "playbooks").glob("*.yaml"))
PAST_NS = 1_600_000_000 * 10**9
RECORDS = [
    "Condition",
    "Question",
    "ExitCriterion",
    "Step",
    "Response",
    "Objection",
    "Touch",
    "Cadence",
    "Battlecard",
    "Persona",
    "Playbook",
]


def _same(record: Any, validated: Any) -> None:
    """Every value the plain record holds equals the model's, all the way down."""
    if isinstance(validated, BaseModel):
        assert type(record).__name__ == type(validated).__name__
        for name in vars(record):
            _same(getattr(record, name), getattr(validated, name))
    elif isinstance(validated, Mapping):
        assert dict(record).keys() == validated.keys()
        for key, value in validated.items():
            _same(record[key], value)
    elif isinstance(validated, list) and not all(type(v) is str for v in validated):
        assert len(record) == len(validated)
        for mine, theirs in zip(record, validated, strict=True):
            _same(mine, theirs)
    elif isinstance(validated, list):
        assert list(record) == validated
    else:
        assert record == validated and type(record) is type(validated)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_playbook_reads_back_equal_to_what_the_model_validated(path: Path) -> None:
    validated = loader.load_playbook(str(path), []).playbook
    _same(plain_playbook(json.loads(validated.model_dump_json())), validated)


@pytest.mark.parametrize("name", RECORDS)
def test_each_record_holds_model_fields_and_everything_the_walk_reads(name: str) -> None:
    fields = plain.__dict__[name].__annotations__
    assert set(fields) <= set(model.__dict__[name].model_fields)
    protocol = parts.__dict__[name]
    read = {m for m in vars(protocol) if not m.startswith("_")}
    assert read <= set(fields) | set(vars(plain.__dict__[name]))


def test_records_are_read_only() -> None:
    touch = plain.Touch(day=1, channel="call", title="Call", note=None)
    with pytest.raises(AttributeError):
        touch.day = 2  # type: ignore[misc]


@pytest.fixture
def books(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "walkthrough.yaml").write_text(WALKTHROUGH.read_text(encoding="utf-8"), "utf-8")
    for path in (folder / "walkthrough.yaml", folder):
        os.utime(path, ns=(PAST_NS, PAST_NS))
    return folder


def _load(books: Path, cache: Path) -> plain.Playbook:
    loaded = load_plain("walkthrough", [("path", books)], cache, clock_ns=time.time_ns)
    return loaded.playbook


def _stored(books: Path, cache: Path) -> tuple[Path, dict[str, Any]]:
    target = cache_file(cache, cache_key("walkthrough", [("path", books)]))
    return target, json.loads(target.read_text())


def test_the_walk_reads_the_cache_the_model_path_wrote(
    books: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _load(books, cache)
    monkeypatch.setattr(loader, "load_playbook", _refused)
    assert _load(books, cache) == first
    assert [s.id for s in first.steps][:2] == ["prospecting", "preparation"]


def _refused(*args: object) -> None:
    raise AssertionError("loaded from the YAML again, not from the cache")


@pytest.mark.parametrize("edit", ["body", "digest", "truncated"])
def test_a_body_that_does_not_match_its_digest_is_compiled_again(
    books: Path, tmp_path: Path, edit: str
) -> None:
    cache = tmp_path / "cache"
    first = _load(books, cache)
    target, document = _stored(books, cache)
    if edit == "body":  # the title changed, the digest left as it was
        document["playbook"] = document["playbook"].replace(first.title, "Edited")
    elif edit == "digest":
        document["digest"] = "0" * 64
    text = json.dumps(document)
    target.write_text(text[: len(text) // 2] if edit == "truncated" else text)
    target.chmod(0o600)
    assert read_plain(cache, cache_key("walkthrough", [("path", books)])) is None
    again = _load(books, cache)
    assert again == first and again.title != "Edited"


def test_a_body_of_the_wrong_shape_is_no_cache_even_with_its_digest(
    books: Path, tmp_path: Path
) -> None:
    from salescoach.core.playbook.compiled import digest

    cache = tmp_path / "cache"
    first = _load(books, cache)
    target, document = _stored(books, cache)
    body = json.loads(document["playbook"])
    body["steps"][0]["title"] = ["not", "text"]
    document["playbook"] = json.dumps(body)
    document["digest"] = digest(document["playbook"])
    target.write_text(json.dumps(document))
    target.chmod(0o600)
    assert read_plain(cache, cache_key("walkthrough", [("path", books)])) is None
    assert _load(books, cache) == first


def _walk_reads(playbook: parts.Playbook) -> Sequence[str]:
    """The protocol is met by both forms (mypy checks this call with each)."""
    return [q.field for _, q in playbook.questions()]


def test_both_forms_meet_the_walks_protocol(books: Path, tmp_path: Path) -> None:
    validated = loader.load_playbook("walkthrough", [("path", books)]).playbook
    assert _walk_reads(validated) == _walk_reads(_load(books, tmp_path / "cache"))
