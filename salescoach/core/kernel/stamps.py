"""Stamped cache entries: what a cached result was computed from, and whether that still holds.

One format for every JSON cache (the compiled objection matcher, the plan's playbook limits):

    {"format": 1, "kind": "objections", "version": 1,
     "entries": {key: {"stamps": [[path, size, mtime_ns], ...], "data": ...}}}

A stamp is [path, size, mtime_ns], with size -1 (and mtime 0) when the path does not exist. An
entry is used only while every path, stamped again, gives the stamp recorded. `kind` and
`version` belong to the cache's owner: bump the version when its data changes shape. Pure: the
caller stamps the paths (`core.kernel.cache_files` does, from the file system).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

FORMAT = 1
# File clocks are coarse: a change this close to when reading began may not show in the stamp.
RACY_NS = 2_000_000_000

Stamp = list[Any]  # [path, size, mtime_ns]


def stamp(path: str, size: int, mtime_ns: int) -> Stamp:
    return [path, size, mtime_ns]


def missing(path: str) -> Stamp:
    return [path, -1, 0]


def racy(stamps: Iterable[Stamp], files: Iterable[str], started_ns: int) -> bool:
    """Whether any of `files` was modified so near `started_ns` (when reading them began) that
    its stamp could describe content that was never read."""
    chosen = set(files)
    return any(s[0] in chosen and s[2] >= started_ns - RACY_NS for s in stamps)


def entry(stamps: list[Stamp], data: Any) -> dict[str, Any]:
    return {"stamps": stamps, "data": data}


def fresh_data(found: object, restamp: Callable[[str], Stamp]) -> Any | None:
    """The entry's data while every stamp still holds; None when stale or not an entry."""
    if not isinstance(found, dict):
        return None
    stamps = found.get("stamps")
    if not isinstance(stamps, list) or not stamps:
        return None
    for recorded in stamps:
        if not isinstance(recorded, list) or len(recorded) != 3 or not isinstance(recorded[0], str):
            return None
        if restamp(recorded[0]) != recorded:
            return None
    return found.get("data")


def document(kind: str, version: int, entries: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "kind": kind, "version": version, "entries": entries}


def entries_of(found: object, kind: str, version: int) -> dict[str, Any]:
    """The entries of a cache document of this kind and version; none for anything else."""
    if not isinstance(found, dict):
        return {}
    if (found.get("format"), found.get("kind"), found.get("version")) != (FORMAT, kind, version):
        return {}
    entries = found.get("entries")
    return entries if isinstance(entries, dict) else {}
