"""Which playbook steps a call touched: its checklist items and questions found in the rep's
lines.

An item is reduced to its content stems with the project's text normaliser (the same words,
stopwords and stems as the objection matcher), and so is each of the rep's lines (alone, and
with the next line of the same turn). The item is covered by the first that holds enough of
its stems: all of them for an item of one or
two stems, else at least half and never fewer than two. A step is touched when any of its
items is covered. The matched words are kept, so the rep can see why an item counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from salescoach.core.playbook.model import Playbook
from salescoach.core.review.transcript import Line
from salescoach.core.text.normalise import content_words, stem, words


@dataclass(frozen=True)
class Item:
    kind: str  # "checklist" or "question"
    text: str
    at: float | None  # when a rep line covered it; None when none did
    matched: tuple[str, ...]  # the item's stems that line holds


@dataclass(frozen=True)
class StepCoverage:
    id: str
    title: str
    items: tuple[Item, ...]

    @property
    def touched(self) -> bool:
        return any(item.at is not None for item in self.items)


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(words(text)))


def needed(size: int) -> int:
    """How many of an item's stems one rep line must hold to cover it."""
    return size if size <= 2 else max(2, (size + 1) // 2)


def coverage(playbook: Playbook, rep_turns: Sequence[Sequence[Line]]) -> list[StepCoverage]:
    """Each item against every rep line, and every two lines in a row of one turn (a meeting
    tool may split a sentence over two cues)."""
    said = []
    for turn in rep_turns:
        for index, line in enumerate(turn):
            said.append((line.start, stems(line.text)))
            if index + 1 < len(turn):
                said.append((line.start, stems(line.text) | stems(turn[index + 1].text)))
    return [
        StepCoverage(
            step.id,
            step.title,
            tuple(
                _item(kind, text, said)
                for kind, text in (
                    *(("checklist", c) for c in step.checklist),
                    *(("question", q.text) for q in step.questions),
                )
            ),
        )
        for step in playbook.steps
    ]


def _item(kind: str, text: str, said: Sequence[tuple[float, frozenset[str]]]) -> Item:
    wanted = stems(text)
    if wanted:
        for at, line_stems in said:
            shared = wanted & line_stems
            if len(shared) >= needed(len(wanted)):
                return Item(kind, text, at, tuple(sorted(shared)))
    return Item(kind, text, None, ())
