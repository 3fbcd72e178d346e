"""The validated playbook, kept compiled in the data home's cache folder.

`salescoach walk` starts as the call begins, and reading the YAML, merging its `extends` chain
and validating it with the model cost more than the rest of the walk's start-up. The first load
writes the merged, validated playbook as JSON to `cache/playbook-<key>.json`; later loads read
that one file and validate it again with the model (the cache is input like any other file:
nothing in it is ever run), importing neither yaml nor the loader.

Freshness is the objection coach's (`core.kernel.stamps`): the file records the size and
modification time of every YAML file in the `extends` chain, of every folder searched for
playbooks (a new file there could shadow the one used, so a folder added to the search path
adds itself to the key and its stamp to the entry) and of the modules that shape the result.
Any change and the playbook is read and validated again. A cache that cannot be read, is
damaged, stale, or was not written by this user is no cache: the playbook is loaded and the
file written again (by the safe writer: owner-only, whole or never). A playbook with problems
is never cached, so its errors are reported on every load.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from salescoach.core.kernel import cache_files
from salescoach.core.kernel.bounded_read import MIB
from salescoach.core.kernel.stamps import fresh_data
from salescoach.core.playbook.loaded import LoadedPlaybook

FORMAT = 2  # of the file: bump when what is stored changes shape
_SUFFIXES = (".yaml", ".yml")
# What shapes the stored result, besides the playbook files.
_MODULES = ("model", "loader", "crosscheck", "families", "merge", "loaded", "compiled")


def cache_key(name_or_file: str, dirs: list[tuple[str, Path]]) -> str:
    """What picks the playbook (the name or file asked for, the folders searched) and what
    reads the stored form back (Python's and pydantic's versions)."""
    import pydantic

    looks_like_file = name_or_file.endswith(_SUFFIXES) or "/" in name_or_file
    asked = os.path.abspath(os.path.expanduser(name_or_file)) if looks_like_file else name_or_file
    folders = [[origin, os.path.abspath(folder)] for origin, folder in dirs]
    versions = [list(sys.version_info[:2]), pydantic.VERSION]
    return json.dumps([FORMAT, asked, folders, versions])


def cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"playbook-{zlib.crc32(key.encode()):08x}.json"


def watched(files: list[str], dirs: list[tuple[str, Path]]) -> list[str]:
    folders = [str(folder) for _, folder in dirs] + [os.path.dirname(f) for f in files]
    here = os.path.dirname(os.path.abspath(__file__))
    modules = [os.path.join(here, f"{name}.py") for name in _MODULES]
    return list(dict.fromkeys([*files, *folders, *modules]))


def read_cached(cache_dir: Path, key: str) -> LoadedPlaybook | None:
    """The cached playbook for `key`, or None when missing, damaged, stale or not ours."""
    raw = cache_files.read_own(cache_file(cache_dir, key), 16 * MIB)
    if raw is None:
        return None
    try:
        document = json.loads(raw)
        if (document["kind"], document["key"]) != (f"playbook-{FORMAT}", key):
            return None
        if fresh_data(document["entry"], cache_files.stamp_of) is None:
            return None
        from salescoach.core.playbook.model import Playbook

        # Validated again: a damaged or edited cache is refused like a bad playbook file.
        playbook = Playbook.model_validate_json(document["playbook"])
        name, files = document["name"], document["files"]
        if not isinstance(name, str) or not all(isinstance(f, str) for f in files):
            return None
        return LoadedPlaybook(name, playbook, tuple(Path(f) for f in files))
    except Exception:  # a damaged file can fail in any way: it is only a cache
        return None


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
    entry = cache_files.new_entry(True, watched(files, dirs), read=files, started_ns=started_ns)
    if entry is None:
        return False
    document = {
        "kind": f"playbook-{FORMAT}",
        "key": key,
        "entry": entry,
        "name": loaded.name,
        "files": files,
        "playbook": loaded.playbook.model_dump_json(),
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
