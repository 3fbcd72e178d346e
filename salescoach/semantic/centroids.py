"""Each objection family's centroid, kept in the data home's cache beside the compiled matcher.

Computing them embeds every title and phrasing of the playbook (a few seconds, once); the file
`cache/semantic-<key>.json` is then read in about a millisecond while every stamp holds: the
playbook's files and search folders (as the objection cache stamps them), the re-ranking code
and the model's own files. Same format and writer as every stamped cache
(`core/kernel/cache_files.py`); a cache that cannot be written only costs time.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel import cache_files
from salescoach.core.objections import rerank
from salescoach.core.objections.cache import cache_key, watched
from salescoach.semantic.model import Embedder

if TYPE_CHECKING:
    from salescoach.core.playbook.loaded import LoadedPlaybook

KIND = "semantic-centroids"
VERSION = 1
DIGITS = 6  # per coordinate: cosines keep 5 places, more than the scores show

Centroids = dict[str, list[float]]


def cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"semantic-{zlib.crc32(key.encode()):08x}.json"


def family_centroids(loaded: LoadedPlaybook, embedder: Embedder) -> Centroids:
    """Each family's centroid: the normalised mean of its title's and phrasings' vectors."""
    found: Centroids = {}
    for objection in loaded.playbook.objections:
        vectors = embedder.embed([objection.title, *objection.phrasings])
        found[objection.id] = [round(x, DIGITS) for x in rerank.centroid(vectors)]
    return found


def load_centroids(
    name_or_file: str,
    dirs: list[tuple[str, Path]],
    cache_dir: Path | None,
    embedder: Embedder,
    *,
    clock_ns: Callable[[], int],
    loaded: LoadedPlaybook | None = None,
    building: Callable[[str], None] | None = None,
) -> Centroids:
    """The playbook's centroids, from the cache when fresh, else computed (and cached).
    `loaded`: the playbook when the caller has read it already; `building` is told the
    playbook's name before the few seconds of computing them."""
    key = cache_key(name_or_file, dirs)
    file = cache_file(cache_dir, key) if cache_dir is not None else None
    if file is not None:
        data = cache_files.fresh(cache_files.read_entries(file, KIND, VERSION), key)
        if data is not None and _valid(data):
            return dict(data["families"])
    started = clock_ns()
    if loaded is None:
        from salescoach.core.playbook.loader import load_playbook

        loaded = load_playbook(name_or_file, dirs)
    if building is not None:
        building(loaded.name)
    found = family_centroids(loaded, embedder)
    if file is not None:
        files = [str(f) for f in loaded.files]
        stamped = [*watched(files, dirs), str(rerank.__file__), __file__, *embedder.files()]
        entry = cache_files.new_entry({"families": found}, stamped, read=files, started_ns=started)
        if entry is not None:
            cache_files.write_entries(file, KIND, VERSION, {key: entry})
    return found


def _valid(data: Any) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("families"), dict):
        return False
    return all(
        isinstance(v, list) and all(isinstance(x, float | int) for x in v)
        for v in data["families"].values()
    )
