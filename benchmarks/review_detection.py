"""How well `review` finds the buyer's objections in the fixture calls.

Run: python benchmarks/review_detection.py [--lines]

Every buyer line of tests/fixtures/transcripts is labelled by hand in
tests/data/transcript_objections.yaml (the families it raises, or none). A line counts as
detected when the objection matcher is confident about it as `review` reads a line of a call
(core/objections/heard.py); precision and
recall are over objection lines, and "family right" is the share of detected objection lines
whose best family is one of the labelled ones.
"""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "fixtures" / "transcripts"
LABELS = ROOT / "tests" / "data" / "transcript_objections.yaml"
REPS = {
    "discovery_teams.vtt": "Sam Reyes",
    "demo_zoom.vtt": "Priya Natarajan",
    "negotiation.srt": "Marco Bianchi",
    "monologue_whisperx.json": "SPEAKER_00",
    "followup_plain.txt": "Sam Reyes",
    "coldcall_stamped.txt": "Chris Okafor",
}


@dataclass(frozen=True)
class Judged:
    file: str
    start: float
    text: str
    labels: tuple[str, ...]  # empty: not an objection
    found: str | None  # the matcher's confident family, or None


@dataclass(frozen=True)
class Figures:
    lines: int
    objections: int
    detected: int
    true_positives: int
    family_right: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.detected if self.detected else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.objections if self.objections else 0.0


def labels() -> dict[str, dict[float, tuple[str, ...]]]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return {
        file: {float(at): () if said == "none" else tuple(said) for at, said in lines.items()}
        for file, lines in data.items()
    }


@functools.cache
def judge() -> tuple[Judged, ...]:
    sys.path.insert(0, str(ROOT))
    from salescoach.core.objections.matcher import Matcher
    from salescoach.core.playbook.loader import load_playbook
    from salescoach.core.review.call_objections import heard_lines
    from salescoach.core.review.formats import parse
    from salescoach.core.review.source import decode
    from salescoach.core.review.speakers import roles_from
    from salescoach.core.review.talk import turns
    from salescoach.paths import playbook_dirs

    matcher = Matcher.build(load_playbook("b2b-saas", playbook_dirs()).playbook)
    judged = []
    for file, by_start in labels().items():
        transcript = parse(decode((TRANSCRIPTS / file).read_bytes()))
        roles = roles_from(transcript, [REPS[file]], None)
        assert roles is not None
        for _, line, result in heard_lines(turns(transcript, roles), matcher.rank):
            best = result.best
            judged.append(
                Judged(
                    file,
                    line.start,
                    line.text,
                    by_start.get(line.start, ("?",)),
                    best.id if best else None,
                )
            )
    return tuple(judged)


def figures(judged: tuple[Judged, ...]) -> Figures:
    objections = [j for j in judged if j.labels]
    hits = [j for j in objections if j.found]
    return Figures(
        lines=len(judged),
        objections=len(objections),
        detected=sum(1 for j in judged if j.found),
        true_positives=len(hits),
        family_right=sum(1 for j in hits if j.found in j.labels),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", action="store_true", help="Print every buyer line judged.")
    args = parser.parse_args()
    judged = judge()
    if args.lines:
        for j in judged:
            mark = "ok" if bool(j.found) == bool(j.labels) else "--"
            print(f"{mark} {j.file:24} {j.start:6.1f} {j.found or '-':15} {j.labels} {j.text[:60]}")
    f = figures(judged)
    print(
        f"{f.lines} buyer lines, {f.objections} objections; the matcher was confident on "
        f"{f.detected}: precision {f.precision:.2f} ({f.true_positives}/{f.detected}), recall "
        f"{f.recall:.2f} ({f.true_positives}/{f.objections}), family right on "
        f"{f.family_right}/{f.true_positives} detected objections"
    )


if __name__ == "__main__":
    main()
