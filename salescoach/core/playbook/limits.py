"""The few numbers the daily plan needs from a playbook, cached so the plan stays fast.

The plan needs each step's `stale_after_days` and the first-contact `sla` (business days by
temperature). Loading and validating a playbook costs a few hundred milliseconds (the model,
YAML, cross-checks), more than the whole plan; so the numbers are kept in a small stamped JSON
cache (`core.kernel.stamps`), one entry per playbook name, stamped with every file of the
playbook (and its `extends` parents). Change a file and the next plan loads it again. A
playbook that is missing or invalid falls back to the model's defaults and a warning, so a cron
job's plan never fails over a typo in a playbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from salescoach.core.kernel import cache_files

KIND = "plan-limits"
VERSION = 1
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


def _load(
    file: Path, dirs: list[tuple[str, Path]], started_ns: int
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The limits read from the playbook, and their cache entry (None if it cannot be trusted)."""
    from salescoach.core.playbook.loader import load_file  # costly: only on a cache miss

    loaded = load_file(file, dirs)
    data = {
        "file": str(file),
        "stale": {s.id: s.stale_after_days for s in loaded.playbook.steps},
        "sla": loaded.playbook.sla.model_dump(),
    }
    files = [str(file), *(str(f) for f in loaded.files[1:])]
    return data, cache_files.new_entry(data, files, read=files, started_ns=started_ns)


def _cached(entries: dict[str, Any], name: str, file: Path) -> dict[str, Any] | None:
    """The fresh cached limits of the file the name resolves to now (an earlier folder on the
    search path may shadow the file they were read from)."""
    data = cache_files.fresh(entries, name)
    usable = (
        isinstance(data, dict)
        and data.get("file") == str(file)
        and isinstance(data.get("stale"), dict)
        and isinstance(data.get("sla"), dict)
    )
    return data if usable else None


def playbook_limits(
    names: list[str],
    dirs: list[tuple[str, Path]],
    cache_file: Path,
    *,
    clock_ns: Callable[[], int],
) -> dict[str, PlaybookLimits]:
    """Limits for each playbook name, from the cache where it is still fresh.

    `clock_ns` (the caller's `time.time_ns`) says when reading a playbook began: one changed
    since may have changed while it was read, so its limits are used but not cached.
    """
    from salescoach.errors import SalescoachError

    entries = cache_files.read_entries(cache_file, KIND, VERSION)
    changed = False
    result: dict[str, PlaybookLimits] = {}
    for name in names:
        file = find_file(name, dirs)
        if file is None:
            result[name] = PlaybookLimits(
                name, warning=f"playbook {name!r} not found; using default stale and SLA limits"
            )
            continue
        data = _cached(entries, name, file)
        if data is None:
            try:
                data, entry = _load(file, dirs, clock_ns())
            except SalescoachError as error:
                first = error.message.splitlines()[0]
                result[name] = PlaybookLimits(
                    name, warning=f"playbook {name!r} has problems ({first}); using defaults"
                )
                continue
            if entry is not None:
                entries[name] = entry
                changed = True
        result[name] = PlaybookLimits(name, dict(data["stale"]), dict(data["sla"]))
    if changed:
        cache_files.write_entries(cache_file, KIND, VERSION, entries)
    return result
