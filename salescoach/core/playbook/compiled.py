"""The validated playbook, kept compiled in the data home's cache folder.

`salescoach walk` starts as the call begins, and reading the YAML, merging its `extends` chain
and validating it with the model cost more than the rest of the walk's start-up. The first load
writes the merged, validated playbook as JSON to `cache/playbook-<key>.json`; later loads read
that one file, importing neither yaml nor the loader. The file keeps a SHA-256 digest of
the playbook's body beside it; a body that does not match it (a damaged or edited file) is no
cache. Commands that use the model validate the body with it again; the walk reads it into the
plain form (`core.playbook.plain`), without pydantic. Nothing in the file is ever run.

Freshness is the objection coach's (`core.kernel.stamps`): the file records the size and
modification time of every YAML file in the `extends` chain, of every folder searched for
playbooks (a new file there could shadow the one used, so a folder added to the search path
adds itself to the key and its stamp to the entry), of the modules that shape the result and
of pydantic's version file (an upgrade may validate differently).
Any change and the playbook is read and validated again. A cache that cannot be read, is
damaged, stale, or was not written by this user is no cache: the playbook is loaded and the
file written again (by the safe writer: owner-only, whole or never). A playbook with problems
is never cached, so its errors are reported on every load.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from salescoach.core.kernel import cache_files
from salescoach.core.kernel.bounded_read import MIB
from salescoach.core.kernel.stamps import fresh_data
from salescoach.core.playbook.loaded import LoadedPlaybook, PlainLoaded

FORMAT = 3  # of the file: bump when what is stored changes shape
_SUFFIXES = (".yaml", ".yml")
# What shapes the stored result, besides the playbook files.
_MODULES = (
    "model",
    "loader",
    "crosscheck",
    "families",
    "merge",
    "loaded",
    "compiled",
    "plain",
    "parts",
)


def cache_key(name_or_file: str, dirs: list[tuple[str, Path]]) -> str:
    """What picks the playbook (the name or file asked for, the folders searched) and
    Python's version, which reads the stored form back."""
    looks_like_file = name_or_file.endswith(_SUFFIXES) or "/" in name_or_file
    asked = os.path.abspath(os.path.expanduser(name_or_file)) if looks_like_file else name_or_file
    folders = [[origin, os.path.abspath(folder)] for origin, folder in dirs]
    return json.dumps([FORMAT, asked, folders, list(sys.version_info[:2])])


def cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"playbook-{zlib.crc32(key.encode()):08x}.json"


def watched(files: list[str], dirs: list[tuple[str, Path]]) -> list[str]:
    folders = [str(folder) for _, folder in dirs] + [os.path.dirname(f) for f in files]
    here = os.path.dirname(os.path.abspath(__file__))
    modules = [os.path.join(here, f"{name}.py") for name in _MODULES]
    return list(dict.fromkeys([*files, *folders, *modules, _pydantic_version_file()]))


def _pydantic_version_file() -> str:
    """pydantic's `version.py`, found without importing pydantic (~40 ms)."""
    spec = find_spec("pydantic")
    origin = spec.origin if spec is not None else None
    return os.path.join(os.path.dirname(origin), "version.py") if origin else "pydantic"


def digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _cached_body(cache_dir: Path, key: str) -> tuple[dict[str, Any], str] | None:
    """The cache file for `key` and its playbook's body (JSON), or None when the file is
    missing, stale, not ours, or its body does not match its digest."""
    raw = cache_files.read_own(cache_file(cache_dir, key), 16 * MIB)
    if raw is None:
        return None
    try:
        document = json.loads(raw)
        if (document["kind"], document["key"]) != (f"playbook-{FORMAT}", key):
            return None
        body = document["playbook"]
        if type(body) is not str or document["digest"] != digest(body):
            return None
        if fresh_data(document["entry"], cache_files.stamp_of) is None:
            return None
        name, files = document["name"], document["files"]
        if not isinstance(name, str) or not all(isinstance(f, str) for f in files):
            return None
    except Exception:  # a damaged file can fail in any way: it is only a cache
        return None
    return document, body


def read_cached(cache_dir: Path, key: str) -> LoadedPlaybook | None:
    """The cached playbook for `key`, validated by the model; None when there is no usable
    cache (`_cached_body`) or the model refuses it."""
    found = _cached_body(cache_dir, key)
    if found is None:
        return None
    document, body = found
    from salescoach.core.playbook.model import Playbook

    try:
        playbook = Playbook.model_validate_json(body)
    except Exception:  # a damaged file can fail in any way: it is only a cache
        return None
    return LoadedPlaybook(document["name"], playbook, tuple(Path(f) for f in document["files"]))


def read_plain(cache_dir: Path, key: str) -> PlainLoaded | None:
    """The cached playbook for `key` in plain form, or None (as `read_cached`)."""
    found = _cached_body(cache_dir, key)
    if found is None:
        return None
    document, body = found
    from salescoach.core.playbook.plain import plain_playbook

    try:
        playbook = plain_playbook(json.loads(body))
    except Exception:  # a body the digest vouches for was written by us: only a cache anyway
        return None
    return PlainLoaded(document["name"], playbook, tuple(Path(f) for f in document["files"]))


def write_cache(
    cache_dir: Path,
    key: str,
    loaded: LoadedPlaybook,
    dirs: list[tuple[str, Path]],
    *,
    started_ns: int,
) -> bool:
    """Write the cache file; False (nothing written) when it could not be, or when a playbook
    file changed since just before `started_ns` (its stamp could describe unread content)."""
    files = [str(f) for f in loaded.files]
    body = loaded.playbook.model_dump_json()
    entry = cache_files.new_entry(True, watched(files, dirs), read=files, started_ns=started_ns)
    if entry is None:
        return False
    document = {
        "kind": f"playbook-{FORMAT}",
        "key": key,
        "entry": entry,
        "name": loaded.name,
        "files": files,
        "playbook": body,
        "digest": digest(body),
    }
    return cache_files.write_blob(cache_file(cache_dir, key), json.dumps(document).encode())


def load_cached(
    name_or_file: str,
    dirs: list[tuple[str, Path]],
    cache_dir: Path | None,
    *,
    clock_ns: Callable[[], int],
) -> LoadedPlaybook:
    """The validated playbook: from the cache when fresh, else loaded (problems raised as by
    `loader.load_playbook`) and cached. `cache_dir` None reads and writes no cache;
    `clock_ns` (the caller's `time.time_ns`) says when reading began."""
    key = cache_key(name_or_file, dirs)
    if cache_dir is not None:
        cached = read_cached(cache_dir, key)
        if cached is not None:
            return cached
    from salescoach.core.playbook.loader import load_playbook

    started = clock_ns()
    loaded = load_playbook(name_or_file, dirs)
    if cache_dir is not None:
        write_cache(cache_dir, key, loaded, dirs, started_ns=started)
    return loaded


def load_plain(
    name_or_file: str,
    dirs: list[tuple[str, Path]],
    cache_dir: Path | None,
    *,
    clock_ns: Callable[[], int],
) -> PlainLoaded:
    """The playbook in plain form: from the cache when fresh, else loaded and validated by
    the model (problems raised as by `loader.load_playbook`), cached, and read back."""
    if cache_dir is not None:
        cached = read_plain(cache_dir, cache_key(name_or_file, dirs))
        if cached is not None:
            return cached
    loaded = load_cached(name_or_file, dirs, cache_dir, clock_ns=clock_ns)
    from salescoach.core.playbook.plain import plain_playbook

    playbook = plain_playbook(loaded.playbook.model_dump(mode="json"))
    return PlainLoaded(loaded.name, playbook, loaded.files)
