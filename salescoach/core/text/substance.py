"""Which sentences of a practice answer say something: drill scoring counts cues only there.

A drill answer scored by its cues alone can be gamed: `fair what? for example does that`
holds a cue for every stage and says nothing. So the answer is cut into sentences (at `.`, `!`,
`?`, `;` and line breaks), and a sentence counts only when it has content of its own: at
least one word that is not part of a cue, not a filler word (the normaliser's stop words), and
looks like a word (letters with a vowel, no keyboard run such as `asdf`, no long run of
consonants or of one letter). A cue list, cue stuffing or gibberish has no such sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from salescoach.core.text.answer_match import Answer
from salescoach.core.text.normalise import STOPWORDS, located_words

_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")
_VOWELS = set("aeiouy")
_CONSONANT_RUN = re.compile(r"[^aeiouy\d]{6,}")
_SAME_LETTER = re.compile(r"(.)\1\1")
# Three keys side by side on a keyboard row, rare inside English words.
_KEYBOARD_RUNS = frozenset(
    {"qwe", "asd", "sdf", "dfg", "fgh", "ghj", "hjk", "jkl", "zxc", "xcv", "cvb", "vbn", "bnm"}
    | {"yui", "uio", "lkj", "kjh", "hgf", "gfd", "fds", "dsa"}
)


@dataclass(frozen=True)
class Sentence:
    text: str
    answer: Answer
    own_words: tuple[str, ...]  # the words that are neither cue nor filler

    @property
    def has_content(self) -> bool:
        return bool(self.own_words)


def sentences(text: str, cues: Iterable[str]) -> list[Sentence]:
    """The answer's sentences, each with the words it has of its own beside `cues`."""
    cues = list(cues)
    found = []
    for match in _SENTENCE.finditer(text):
        part = match.group().strip()
        if part:
            answer = Answer(part)
            covered = set().union(*(answer.covered(cue) for cue in cues))
            written = [word for word, _, _ in located_words(part)]
            own = tuple(
                word
                for index, word in enumerate(written)
                if index not in covered and word not in STOPWORDS and looks_like_a_word(word)
            )
            found.append(Sentence(part, answer, own))
    return found


def looks_like_a_word(word: str) -> bool:
    if word.isdigit():
        return len(word) > 1  # a figure ("40 hours") is content
    if len(word) < 3 or not word.isalpha() or not _VOWELS & set(word):
        return False
    if _CONSONANT_RUN.search(word) or _SAME_LETTER.search(word):
        return False
    return not any(run in word for run in _KEYBOARD_RUNS)
