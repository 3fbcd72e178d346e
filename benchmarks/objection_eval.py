"""Evaluate the objection matcher. Run: python benchmarks/objection_eval.py [options]

Prints, for each playbook, top-1 and top-3 accuracy on the labelled buyer phrasings
(tests/data/objection_eval.yaml), per-family accuracy, the most frequent confusions between
families, and how many of tests/data/not_objections.yaml get "no confident match".

  --playbook NAME   a playbook name or file (repeatable; default: the three shipped ones)
  --part PART       all (default), dev (even positions in each family) or test (odd)
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

from salescoach.core.objections.matcher import CONFIDENT, Matcher
from salescoach.core.playbook.loader import load_playbook
from salescoach.paths import playbook_dirs

TESTS = Path(__file__).resolve().parent.parent / "tests"
DATA = TESTS / "data"
sys.path.insert(
    0, str(TESTS.parent)
)  # the evaluation code lives beside the tests that hold its bar

from tests.support.objection_evaluation import EvalReport, evaluate, format_report, split_labelled  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playbook", action="append", help="name or file (repeatable)")
    parser.add_argument("--part", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--matrix", action="store_true", help="print the confusion matrix")
    parser.add_argument("--curve", action="store_true", help="print the threshold curve")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate K-fold (K >= 2)")
    args = parser.parse_args()

    labelled = yaml.safe_load((DATA / "objection_eval.yaml").read_text(encoding="utf-8"))
    negatives = yaml.safe_load((DATA / "not_objections.yaml").read_text(encoding="utf-8"))
    labelled = split_labelled(labelled, args.part)
    if args.part != "all":
        negatives = [t for i, t in enumerate(negatives) if i % 2 == (args.part == "test")]
    for name in args.playbook or SHIPPED:
        playbook = load_playbook(name, playbook_dirs()).playbook
        matcher = Matcher.build(playbook)
        report = evaluate(matcher, labelled, negatives)
        print(format_report(name, report))
        if args.matrix:
            print(_matrix(report, [o.id for o in playbook.objections]))
        if args.curve:
            print(_curve(matcher, labelled, negatives))
        if args.folds >= 2:
            print(_cross_validate(playbook, args.folds))
        if args.misses:
            for miss in report.misses:
                ranked = ", ".join(f"{i} {s:.2f}" for i, s in miss.got)
                print(f"    {miss.expected:>14} <- {miss.text!r}: {ranked}")
            for text, family, score in report.confident_negatives:
                print(f"    {'(none)':>14} <- {text!r}: {family} {score:.2f}")
        print()


if __name__ == "__main__":
    main()
