"""Semantic re-ranking of an undecided match (the optional `salescoach[semantic]` extra).

The hand-written matcher decides alone when it is sure. When it is not (no confident match, or
the top two families within `GAP` of each other), an embedding of the buyer's words can say
which family's phrasings it is nearest: each family is the centroid of its title's and
phrasings' embeddings, kept in the compiled cache beside the matcher. Both rankings are put on
one scale (each family's score minus the mean over the families, divided by their spread) and
added, the embedding's at `WEIGHT`; the families are ordered by the sum.

Scores stay the matcher's, and so does `confident`: re-ranking changes which family comes first,
never whether a card is shown. When the match is confident, only families scoring at least the
threshold may come first, so the card shown is always one the matcher would stand behind.

Pure: the vectors are computed outside core (salescoach/semantic) and passed in. Chosen on the
development halves of the evaluation sets (README, "Semantic re-ranking").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from salescoach.core.objections.matcher import CONFIDENT, MatchResult

GAP = 0.12  # top two closer than this: undecided
WEIGHT = 1.0  # of the embedding's standardised similarity, against the matcher's

Vector = Sequence[float]


def undecided(result: MatchResult) -> bool:
    """No confident match, or a close second: where re-ranking may help."""
    matches = result.matches
    if len(matches) < 2:
        return False
    return not result.confident or matches[0].score - matches[1].score < GAP


def centroid(vectors: Sequence[Vector]) -> list[float]:
    """The mean of unit vectors, scaled to unit length (empty for no vectors)."""
    if not vectors:
        return []
    total = [math.fsum(column) for column in zip(*vectors, strict=True)]
    return _unit(total)


def rerank(result: MatchResult, query: Vector, centroids: Mapping[str, Vector]) -> MatchResult:
    """`result` re-ordered by matcher and embedding together; unchanged when it is decided,
    or when a family lacks a centroid or the query has no vector."""
    if not undecided(result) or not query or any(m.id not in centroids for m in result.matches):
        return result
    lexical = _standard([m.score for m in result.matches])
    semantic = _standard([_dot(query, centroids[m.id]) for m in result.matches])
    blended = [a + WEIGHT * b for a, b in zip(lexical, semantic, strict=True)]
    order = sorted(
        range(len(result.matches)),
        key=lambda n: (not _may_lead(result, n), -blended[n], n),
    )
    return MatchResult(
        result.query, [result.matches[n] for n in order], result.confident, result.battlecards
    )


def _may_lead(result: MatchResult, number: int) -> bool:
    return not result.confident or result.matches[number].score >= CONFIDENT


def _standard(values: list[float]) -> list[float]:
    mean = math.fsum(values) / len(values)
    spread = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
    return [(v - mean) / spread if spread else 0.0 for v in values]


def _dot(a: Vector, b: Vector) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def _unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(math.fsum(x * x for x in vector))
    return [x / norm for x in vector] if norm else vector
