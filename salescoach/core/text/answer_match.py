"""Drill scoring's cue matching: does a practice answer contain a cue, and where?

The cue and the answer are read by the one normaliser (`salescoach.core.text.normalise`), the
same reading the objection matcher uses, then stemmed, so "understanding" finds the cue
"understand", "dont" finds "do not" and "paid" finds "pay". A cue of several words matches
when its stems appear next to each other, in order. A cue with no letters or digits at all
(such as "?") matches as plain text, so a rubric can ask for a question mark.
"""

from __future__ import annotations

from salescoach.core.text.normalise import fold, located_words, stem, words


def cue_stems(cue: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in words(cue))


class Answer:
    """A practice answer prepared once for checking many cues against it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        located = located_words(text)
        self.words = tuple(stem(word) for word, _, _ in located)
        self._spans = [(start, end) for _, start, end in located]  # where each was written

    def covered(self, cue: str) -> set[int]:
        """The positions of the answer's words that are part of a match of `cue` (a cue
        with no words covers none)."""
        stems = cue_stems(cue)
        size = len(stems)
        found: set[int] = set()
        for start in range(len(self.words) - size + 1) if stems else ():
            if self.words[start : start + size] == stems:
                found.update(range(start, start + size))
        return found

    def has(self, cue: str) -> bool:
        return self.find(cue) is not None

    def find(self, cue: str) -> str | None:
        """The words of the answer that match `cue`, as written ("Understood" for the cue
        "understand"), or None. Feedback shows these so a rep sees what they actually typed."""
        stems = cue_stems(cue)
        if not stems:
            literal = fold(cue).strip()
            return literal if literal and literal in self.folded else None
        size = len(stems)
        for start in range(len(self.words) - size + 1):
            if self.words[start : start + size] == stems:
                return self.text[self._spans[start][0] : self._spans[start + size - 1][1]]
        return None
