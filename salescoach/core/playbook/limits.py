"""The few numbers the daily plan needs from a playbook, cached so the plan stays fast.

The plan needs each step's `stale_after_days` and the first-contact `sla` (business days by
temperature). Loading and validating a playbook costs a few hundred milliseconds (the model,
YAML, cross-checks), more than the whole plan; so the numbers are kept in a small JSON file,
keyed by every file of the playbook (and its `extends` parents) with size and mtime. Change a
file and the next plan loads it again. A playbook that is missing or invalid falls back to the
model's defaults and a warning, so a cron job's plan never fails over a typo in a playbook.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

CACHE_VERSION = 1
DEFAULT_STALE_DAYS = 14  # core.playbook.Step.stale_after_days default
DEFAULT_SLA = {"qualified": 1, "warm": 2, "cold": 5}  # core.playbook.Sla defaults
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PlaybookLimits:
    name: str
    stale_days: dict[str, int] = field(default_factory=dict)  # step id -> days
    sla_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_SLA))
    warning: str | None = None

    def stale_after(self, step: str) -> int:
        return self.stale_days.get(step, DEFAULT_STALE_DAYS)

    def sla_for(self, temperature: str) -> int:
        return self.sla_days.get(temperature, DEFAULT_SLA["cold"])


def find_file(name: str, dirs: list[tuple[str, Path]]) -> Path | None:
    """The file `name` resolves to on the search path (first match wins), without the loader."""
    candidate = Path(name).expanduser()
    if candidate.suffix in SUFFIXES or "/" in name:
        return candidate if candidate.is_file() else None
    for _origin, folder in dirs:
        for suffix in SUFFIXES:
            file = folder / f"{name}{suffix}"
            if file.is_file():
                return file
    return None


def _stamp(file: Path) -> list[object] | None:
    try:
        info = file.stat()
    except OSError:
        return None
    return [str(file), info.st_mtime_ns, info.st_size]


def _read_cache(cache_file: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("playbooks")
    return entries if isinstance(entries, dict) else {}


def _fresh(entry: dict[str, object], file: Path) -> bool:
    files = entry.get("files")
    if not isinstance(files, list) or not files or files[0][0] != str(file):
        return False
    return all(_stamp(Path(str(stamp[0]))) == stamp for stamp in files)


def _load(name: str, file: Path, dirs: list[tuple[str, Path]]) -> dict[str, object]:
    from salescoach.core.playbook.loader import load_file  # costly: only on a cache miss

    loaded = load_file(file, dirs)
    return {
        "files": [_stamp(f) or [str(f), 0, 0] for f in (file, *loaded.files[1:])],
        "stale": {s.id: s.stale_after_days for s in loaded.playbook.steps},
        "sla": loaded.playbook.sla.model_dump(),
    }


def _write_cache(cache_file: Path, entries: dict[str, dict[str, object]]) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}")
        temp.write_text(json.dumps({"version": CACHE_VERSION, "playbooks": entries}), "utf-8")
        os.replace(temp, cache_file)
    except OSError:
        pass  # a cache that cannot be written only costs time on the next run


def playbook_limits(
    names: list[str], dirs: list[tuple[str, Path]], cache_file: Path
) -> dict[str, PlaybookLimits]:
    """Limits for each playbook name, from the cache where it is still fresh."""
    from salescoach.errors import SalescoachError

    entries = _read_cache(cache_file)
    changed = False
    result: dict[str, PlaybookLimits] = {}
    for name in names:
        file = find_file(name, dirs)
        if file is None:
            result[name] = PlaybookLimits(
                name, warning=f"playbook {name!r} not found; using default stale and SLA limits"
            )
            continue
        entry = entries.get(name)
        if entry is None or not _fresh(entry, file):
            try:
                entry = _load(name, file, dirs)
            except SalescoachError as error:
                first = error.message.splitlines()[0]
                result[name] = PlaybookLimits(
                    name, warning=f"playbook {name!r} has problems ({first}); using defaults"
                )
                continue
            entries[name] = entry
            changed = True
        stale, sla = entry["stale"], entry["sla"]
        assert isinstance(stale, dict) and isinstance(sla, dict)
        result[name] = PlaybookLimits(name, dict(stale), dict(sla))
    if changed:
        _write_cache(cache_file, entries)
    return result
