"""The optional semantic re-ranker for the long-lived commands (`review`, `listen`, `walk`).

Never imported by `objection`: its start-up budget leaves no room for a model (a test keeps it
so). Without the `salescoach[semantic]` extra, or with `SALESCOACH_SEMANTIC=off`, every
function here answers None and the hand-written matcher decides alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.objections.matcher import MatchResult
    from salescoach.core.playbook.loaded import LoadedPlaybook

Rerank = Callable[["MatchResult"], "MatchResult"]


def semantic_rerank(
    name: str, *, loaded: LoadedPlaybook | None = None, say: Callable[[str], None] | None = None
) -> Rerank | None:
    """The re-ranker for playbook `name` (its centroids read from the cache, or computed once
    and `say` told so), or None when the extra is not to be used."""
    import time

    from salescoach.errors import StoreError
    from salescoach.paths import cache_dir, ensure_home, playbook_dirs
    from salescoach.semantic.model import enabled

    if not enabled():
        return None
    from salescoach.semantic.ranking import reranker

    try:
        ensure_home()
        cache = cache_dir()
    except StoreError:  # an unusable home: re-rank anyway, uncached
        cache = None

    def building(playbook: str) -> None:
        if say is not None:
            say(f"preparing semantic re-ranking for {playbook} (once per playbook change)")

    return reranker(
        name, playbook_dirs(), cache, clock_ns=time.time_ns, loaded=loaded, building=building
    )


def lazily(name: str, say: Callable[[str], None] | None = None) -> Rerank:
    """A re-ranker made on first use, for a command that may never need one (a walk with no
    objection raised loads no model); the result unchanged when there is none."""
    made: list[Rerank | None] = []

    def rerank(result: MatchResult) -> MatchResult:
        if not made:
            made.append(semantic_rerank(name, say=say))
        chosen = made[0]
        return result if chosen is None else chosen(result)

    return rerank
