"""How well the matcher does on labelled buyer phrasings: top-1 and top-3 accuracy, the
confusion between families, and how many non-objections it declines to match.

Used by `benchmarks/objection_eval.py` (prints the figures) and by the test suite (fails when
they fall below the bar); a measuring tool, so it lives beside the tests rather than in the
installed package. Pure: the labelled phrasings are passed in.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from salescoach.core.objections.matcher import Matcher, MatchResult

TOP1_BAR = 0.85
TOP3_BAR = 0.95
SPLIT_SEED = "salescoach-decline-1"  # fixes which half of the fresh sets each line is in
HALVES = ("dev", "held_out")


@dataclass(frozen=True)
class Miss:
    text: str
    expected: str
    got: list[tuple[str, float]]  # the top three


@dataclass
class EvalReport:
    total: int = 0
    top1: int = 0
    top3: int = 0
    kept: int = 0  # labelled objections scored at or above the confidence threshold
    negatives: int = 0
    rejected: int = 0  # non-objections given "no confident match"
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, got)
    per_family: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (right, total)
    misses: list[Miss] = field(default_factory=list)
    confident_negatives: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total if self.total else 0.0

    @property
    def kept_rate(self) -> float:
        return self.kept / self.total if self.total else 0.0

    @property
    def rejected_rate(self) -> float:
        return self.rejected / self.negatives if self.negatives else 0.0


def evaluate(
    matcher: Matcher,
    labelled: dict[str, list[str]],
    negatives: list[str] | None = None,
    *,
    rank: Callable[[str], MatchResult] | None = None,
) -> EvalReport:
    """Rank every labelled phrasing; a phrasing counts for top-1 when its family ranks first.
    `rank`, when given, is used instead of `matcher.rank` (a call's reading, a re-ranking)."""
    rank = rank or matcher.rank
    report = EvalReport()
    for expected, texts in labelled.items():
        right = 0
        for text in texts:
            result = rank(text)
            ids = [m.id for m in result.matches]
            report.total += 1
            report.kept += result.confident
            if ids[:1] == [expected]:
                report.top1 += 1
                right += 1
            else:
                report.confusion[(expected, ids[0] if ids else "")] += 1
                top = [(m.id, m.score) for m in result.matches[:3]]
                report.misses.append(Miss(text, expected, top))
            report.top3 += expected in ids[:3]
        report.per_family[expected] = (right, len(texts))
    for text in negatives or []:
        result = rank(text)
        report.negatives += 1
        if result.confident:
            best = result.matches[0]
            report.confident_negatives.append((text, best.id, best.score))
        else:
            report.rejected += 1
    return report


def split_labelled(labelled: dict[str, list[str]], part: str) -> dict[str, list[str]]:
    """`dev` (even positions in each family), `test` (odd positions) or `all`."""
    if part == "all":
        return labelled
    if part not in ("dev", "test"):
        raise ValueError(f"unknown part {part!r}: dev, test or all")
    keep = 0 if part == "dev" else 1
    return {k: [t for i, t in enumerate(v) if i % 2 == keep] for k, v in labelled.items()}


def half_of(text: str) -> str:
    """The half of the fresh sets a line belongs to, fixed by a seeded hash of its text: the
    development half is tuned on, the held-out half only scored."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{text}".encode()).digest()
    return HALVES[digest[0] & 1]


def fresh_half(data: dict[str, dict[str, list[str]]], part: str) -> dict[str, list[str]]:
    """One half (`dev`, `held_out`) or both (`all`) of a fresh set: group -> its lines."""
    parts = HALVES if part == "all" else (part,)
    return {
        group: [t for p in parts for t in halves.get(p) or []] for group, halves in data.items()
    }


def format_report(name: str, report: EvalReport) -> str:
    """A plain-text report: the two accuracies, the threshold figures, the worst confusions."""
    lines = [
        f"{name}: top-1 {report.top1_rate:.1%} ({report.top1}/{report.total}), "
        f"top-3 {report.top3_rate:.1%} ({report.top3}/{report.total})",
        f"  confident on {report.kept_rate:.1%} of objections; "
        f"no confident match for {report.rejected}/{report.negatives} non-objections",
        "  per family (top-1): "
        + ", ".join(f"{k} {r}/{n}" for k, (r, n) in report.per_family.items()),
    ]
    if report.confusion:
        worst = report.confusion.most_common(6)
        lines.append(
            "  confusions (expected -> got): "
            + ", ".join(f"{a} -> {b} x{n}" for (a, b), n in worst)
        )
    return "\n".join(lines)
