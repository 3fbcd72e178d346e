"""The re-ranker a long-lived command composes with the matcher: `rerank(matcher.rank(text))`.

Only a confident match with a close second (core/objections/rerank.py) costs an embedding
(about 12 ms on an idle core, 0.2 s on a machine loaded three times over); anything else
passes straight through. `reranker` answers None when the extra is not
installed, is turned off (`SALESCOACH_SEMANTIC=off`) or cannot load, and the command then uses
the hand-written matcher alone, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from salescoach.core.objections import rerank
from salescoach.core.objections.matcher import MatchResult
from salescoach.semantic.centroids import Centroids, load_centroids
from salescoach.semantic.model import Embedder, enabled

if TYPE_CHECKING:
    from salescoach.core.playbook.loaded import LoadedPlaybook

Rerank = Callable[[MatchResult], MatchResult]


class Reranker:
    def __init__(self, embedder: Embedder, centroids: Centroids) -> None:
        self.embedder = embedder
        self.centroids = centroids

    def __call__(self, result: MatchResult) -> MatchResult:
        # A declined match's order is shown by none of the commands that use this (review,
        # listen and walk show a card or nothing), so only a close call between confident
        # families is worth an embedding.
        if not result.confident or not rerank.undecided(result) or not result.query.strip():
            return result
        (vector,) = self.embedder.embed([result.query])
        return rerank.rerank(result, vector, self.centroids)


def reranker(
    name_or_file: str,
    dirs: list[tuple[str, Path]],
    cache_dir: Path | None,
    *,
    clock_ns: Callable[[], int],
    loaded: LoadedPlaybook | None = None,
    building: Callable[[str], None] | None = None,
) -> Reranker | None:
    """The semantic re-ranker for this playbook, or None when it is not to be used."""
    if not enabled():
        return None
    embedder = Embedder()
    try:
        centroids = load_centroids(
            name_or_file,
            dirs,
            cache_dir,
            embedder,
            clock_ns=clock_ns,
            loaded=loaded,
            building=building,
        )
    except (ImportError, OSError, RuntimeError):  # a broken install of the extra
        return None
    return Reranker(embedder, centroids)
