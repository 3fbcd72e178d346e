"""Does semantic re-ranking help? Run: python benchmarks/semantic_eval.py [--part dev|test]

Needs the extra (`pip install -e '.[semantic]'`). For each shipped playbook, top-1 on the
labelled set's half (tests/data/objection_eval.yaml: dev = even positions, test = odd) and on
the fresh objections' half (fresh_objections.yaml, the seeded-hash halves), by the hand-written
matcher alone and with undecided matches re-ranked by the embedding model, and how many
matches it re-ranked. As shipped, only a confident match with a close second is re-ranked
(the order of a declined match is shown by no command that uses it); `--declined-too` also
re-ranks matches with no confident family, as a trial measured it. The constants were chosen
on `dev`; `test` is the held-out figure (README, "Semantic re-ranking").
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from salescoach.core.objections.matcher import Matcher, MatchResult  # noqa: E402
from salescoach.core.objections.rerank import rerank as rerank_with  # noqa: E402
from salescoach.core.objections.rerank import undecided  # noqa: E402
from salescoach.core.playbook.loader import load_playbook  # noqa: E402
from salescoach.paths import playbook_dirs  # noqa: E402
from salescoach.semantic.centroids import family_centroids  # noqa: E402
from salescoach.semantic.model import Embedder  # noqa: E402
from salescoach.semantic.ranking import Reranker  # noqa: E402
from tests.support.objection_evaluation import evaluate, fresh_half, split_labelled  # noqa: E402

SHIPPED = ("b2b-saas", "field-sales", "services")
DATA = ROOT / "tests" / "data"


class Memo(Embedder):
    """The same texts are embedded once for every playbook."""

    @functools.cache  # noqa: B019 - one instance per run
    def _one(self, text: str) -> tuple[float, ...]:
        return tuple(super().embed([text])[0])

    def embed(self, texts: Any) -> list[list[float]]:
        return [list(self._one(t)) for t in texts]


def compare(
    name: str, embedder: Embedder, part: str, declined_too: bool = False
) -> dict[str, tuple[int, int, int, int]]:
    """Set -> (lexical top-1, re-ranked top-1, re-ranked, total)."""
    loaded = load_playbook(name, playbook_dirs())
    matcher = Matcher.build(loaded.playbook)
    rerank = Reranker(embedder, family_centroids(loaded, embedder))
    labelled = yaml.safe_load((DATA / "objection_eval.yaml").read_text(encoding="utf-8"))
    fresh = yaml.safe_load((DATA / "fresh_objections.yaml").read_text(encoding="utf-8"))
    sets = {
        "labelled": split_labelled(labelled, part),
        "fresh": fresh_half(fresh, "dev" if part == "dev" else "held_out"),
    }
    out = {}

    def chosen(result: MatchResult) -> bool:
        return undecided(result) and (declined_too or result.confident)

    def both_ways(text: str) -> MatchResult:
        result = matcher.rank(text)
        if not chosen(result):
            return result
        (vector,) = embedder.embed([text])
        return rerank_with(result, vector, rerank.centroids)

    for label, texts in sets.items():
        alone = evaluate(matcher, texts)
        both = evaluate(matcher, texts, rank=both_ways)
        waiting = sum(chosen(matcher.rank(t)) for ts in texts.values() for t in ts)
        out[label] = (alone.top1, both.top1, waiting, alone.total)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test"), default="test")
    parser.add_argument("--playbook", action="append", help="name or file (repeatable)")
    parser.add_argument(
        "--declined-too", action="store_true", help="also re-rank matches with no confident family"
    )
    args = parser.parse_args()
    embedder = Memo()
    started = time.perf_counter()
    for name in args.playbook or SHIPPED:
        cells = []
        figures = compare(name, embedder, args.part, args.declined_too)
        for label, (alone, both, waiting, total) in figures.items():
            cells.append(
                f"{label} {alone / total:.1%} -> {both / total:.1%} "
                f"({alone} -> {both} of {total}; {waiting} re-ranked)"
            )
        print(f"{name} ({args.part}): top-1 " + "; ".join(cells))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
