"""Evaluate the objection matcher. Run: python benchmarks/objection_eval.py [options]

Prints, for each playbook, top-1 and top-3 accuracy on the labelled buyer phrasings
(tests/data/objection_eval.yaml), per-family accuracy, the most frequent confusions between
families, and how many of tests/data/not_objections.yaml get "no confident match"; then the
same for the fresh sets (tests/data/fresh_objections.yaml, objections in phrasings never used
while the matcher was first built, and tests/data/everyday_lines.yaml, buyer lines that raise no
objection), split by a seeded hash into a development half and a held-out half; then the
same sets as `review` and `listen` read a line of a call (core/objections/heard.py), with the
held-out everyday lines written for that reading (tests/data/everyday_heldout.yaml).

  --playbook NAME   a playbook name or file (repeatable; default: the three shipped ones)
  --part PART       all (default), dev (even positions in each family; the fresh sets'
                    development half) or test (odd positions; the fresh sets' held-out half)
  --misses          list every phrasing whose family did not rank first
  --matrix          print the full confusion matrix (rows: expected, columns: ranked first)
  --curve           share of objections kept / non-objections rejected at other thresholds
  --folds K         also cross-validate on the playbook's own phrasings: K times, hold out
                    every K-th phrasing of each family, build from the rest, rank the held out
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from salescoach.core.objections.heard import in_conversation
from salescoach.core.objections.matcher import CONFIDENT, Matcher
from salescoach.core.playbook.loader import load_playbook
from salescoach.paths import playbook_dirs

TESTS = Path(__file__).resolve().parent.parent / "tests"
DATA = TESTS / "data"
sys.path.insert(
    0, str(TESTS.parent)
)  # the evaluation code lives beside the tests that hold its bar

from tests.support.objection_evaluation import (  # noqa: E402
    EvalReport,
    evaluate,
    format_report,
    fresh_half,
    split_labelled,
)

SHIPPED = ("b2b-saas", "field-sales", "services")


def _matrix(report: EvalReport, families: list[str]) -> str:
    short = [f[:6] for f in families]
    lines = ["  expected \\ first  " + " ".join(f"{s:>6}" for s in short)]
    for expected in families:
        right, _ = report.per_family.get(expected, (0, 0))
        cells = [
            right if got == expected else report.confusion.get((expected, got), 0)
            for got in families
        ]
        lines.append(f"  {expected:<17}" + " ".join(f"{c or '.':>6}" for c in cells))
    return "\n".join(lines)


def _curve(matcher: Matcher, labelled: dict[str, list[str]], negatives: list[str]) -> str:
    best = [matcher.rank(t).matches[0].score for texts in labelled.values() for t in texts]
    other = [matcher.rank(t).matches[0].score for t in negatives]
    cells = []
    for threshold in (0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.25):
        kept = sum(s >= threshold for s in best) / len(best)
        rejected = sum(s < threshold for s in other) / len(other)
        mark = "*" if abs(threshold - CONFIDENT) < 1e-9 else " "
        cells.append(f"{mark}{threshold:.2f}: kept {kept:.0%}, rejected {rejected:.0%}")
    return "  threshold curve:\n    " + "\n    ".join(cells)


def _cross_validate(playbook: Any, folds: int) -> str:
    """Top-1 / top-3 on the playbook's own phrasings, each ranked by a matcher built without it."""
    top1 = top3 = total = 0
    for fold in range(folds):
        held: dict[str, list[str]] = {}
        families = []
        for family in playbook.objections:
            keep = [p for i, p in enumerate(family.phrasings) if i % folds != fold]
            held[family.id] = [p for i, p in enumerate(family.phrasings) if i % folds == fold]
            families.append(family.model_copy(update={"phrasings": keep}))
        report = evaluate(Matcher.build(playbook.model_copy(update={"objections": families})), held)
        top1, top3, total = top1 + report.top1, top3 + report.top3, total + report.total
    return (
        f"  {folds}-fold on its own phrasings: top-1 {top1 / total:.1%}, "
        f"top-3 {top3 / total:.1%} ({total} phrasings)"
    )


def _in_a_call(
    matcher: Matcher, labelled: dict[str, list[str]], fresh: dict[str, list[str]], everyday: Any
) -> str:
    """Confident and right, and everyday lines declined, typed and as a call reads them."""

    def heard(text: str) -> Any:
        return in_conversation(matcher.rank(text))

    heldout = [t for lines in _load("everyday_heldout.yaml").values() for t in lines]
    cells = []
    for label, rank in (("typed", matcher.rank), ("in a call", heard)):
        right = [
            sum(1 for f, ts in s.items() for t in ts if (b := rank(t).best) and b.id == f)
            for s in (labelled, fresh)
        ]
        declined = [sum(1 for t in lines if not rank(t).confident) for lines in (everyday, heldout)]
        cells.append(
            f"{label}: confident and right {right[0]}/{sum(map(len, labelled.values()))} "
            f"labelled, {right[1]}/{sum(map(len, fresh.values()))} fresh; declined "
            f"{declined[0]}/{len(everyday)} everyday, {declined[1]}/{len(heldout)} held-out "
            "everyday"
        )
    return "  " + "\n  ".join(cells)


def _load(file: str) -> Any:
    return yaml.safe_load((DATA / file).read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playbook", action="append", help="name or file (repeatable)")
    parser.add_argument("--part", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--matrix", action="store_true", help="print the confusion matrix")
    parser.add_argument("--curve", action="store_true", help="print the threshold curve")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate K-fold (K >= 2)")
    args = parser.parse_args()

    labelled = _load("objection_eval.yaml")
    negatives = _load("not_objections.yaml")
    labelled = split_labelled(labelled, args.part)
    if args.part != "all":
        negatives = [t for i, t in enumerate(negatives) if i % 2 == (args.part == "test")]
    fresh_part = {"all": "all", "dev": "dev", "test": "held_out"}[args.part]
    fresh = fresh_half(_load("fresh_objections.yaml"), fresh_part)
    everyday = [
        t for lines in fresh_half(_load("everyday_lines.yaml"), fresh_part).values() for t in lines
    ]
    for name in args.playbook or SHIPPED:
        playbook = load_playbook(name, playbook_dirs()).playbook
        matcher = Matcher.build(playbook)
        report = evaluate(matcher, labelled, negatives)
        print(format_report(name, report))
        fresh_report = evaluate(matcher, fresh, everyday)
        print(format_report(f"{name}, fresh sets ({fresh_part})", fresh_report))
        print(_in_a_call(matcher, labelled, fresh, everyday))
        if args.matrix:
            print(_matrix(report, [o.id for o in playbook.objections]))
        if args.curve:
            print(_curve(matcher, labelled, negatives))
        if args.folds >= 2:
            print(_cross_validate(playbook, args.folds))
        if args.misses:
            for each in (report, fresh_report):
                for miss in each.misses:
                    ranked = ", ".join(f"{i} {s:.2f}" for i, s in miss.got)
                    print(f"    {miss.expected:>14} <- {miss.text!r}: {ranked}")
                for text, family, score in each.confident_negatives:
                    print(f"    {'(none)':>14} <- {text!r}: {family} {score:.2f}")
        print()


if __name__ == "__main__":
    main()
