"""Normalised text matching for drill scoring: does a practice answer contain a cue?

Both the cue and the answer go through the same steps, so "understanding" finds the cue
"understand" and "don't" finds "do not":
- case folded, accents dropped, curly quotes straightened;
- common contractions expanded (don't -> do not, we're -> we are, it's -> it is);
- split into words on anything that is not a letter or digit;
- each word reduced to a simple stem (a few English suffixes: -s, -es, -ies, -ed, -ing,
  -ly, -able, -ment), enough for price/prices/pricing and afford/affordable.
A cue of several words matches when its stems appear next to each other, in order.
A cue with no letters or digits at all (such as "?") matches as plain text, so a rubric can
ask for a question mark.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
_RAW_WORD = re.compile(r"[\w'\u2018\u2019`]+")  # a word as typed, apostrophes included
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'d\b"), r"\1 would"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\b(it|that|what|there|here|who|he|she|let)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
)
_VOWELS = set("aeiouy")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A small, predictable stemmer: the same word forms meet at the same stem."""
    for suffix in ("ies", "ied"):
        if word.endswith(suffix) and len(word) > 4:
            word = word[:-3] + "y"
            break
    else:
        word = _strip_plural(word)
    for suffix, shortest in (
        ("ment", 3),
        ("able", 3),
        ("ible", 3),
        ("ing", 3),
        ("ed", 3),
        ("ly", 4),
    ):
        base = word[: -len(suffix)]
        if not word.endswith(suffix) or len(base) < shortest or not _VOWELS.intersection(base):
            continue
        if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
            base = base[:-1]  # "planned" -> "plan"
        word = base
        break
    return word.rstrip("e") if len(word) > 3 else word


def _strip_plural(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) > 4:
        return word[:-2]  # "boxes" -> "box"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]  # "prices" -> "price"; "class", "status", "analysis" stay
    return word


def words(text: str) -> tuple[str, ...]:
    """The stemmed words of `text`, in order."""
    folded = fold(text)
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    return tuple(stem(w) for w in _WORD.findall(folded))


class Answer:
    """A practice answer prepared once for checking many cues against it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        stems: list[str] = []
        self._spans: list[tuple[int, int]] = []  # where in `text` each stem was written
        for raw in _RAW_WORD.finditer(text):
            for word in words(raw.group()):
                stems.append(word)
                self._spans.append(raw.span())
        self.words = tuple(stems)
        self._joined = " " + " ".join(self.words) + " "

    def has(self, cue: str) -> bool:
        cue_words = words(cue)
        if not cue_words:
            literal = fold(cue).strip()
            return bool(literal) and literal in self.folded
        return " " + " ".join(cue_words) + " " in self._joined

    def find(self, cue: str) -> str | None:
        """The words of the answer that match `cue`, as written ("Understood" for the cue
        "understand"), or None. Feedback shows these so a rep sees what they actually typed."""
        cue_words = words(cue)
        if not cue_words:
            literal = fold(cue).strip()
            return literal if literal and literal in self.folded else None
        size = len(cue_words)
        for start in range(len(self.words) - size + 1):
            if self.words[start : start + size] == cue_words:
                return self.text[self._spans[start][0] : self._spans[start + size - 1][1]]
        return None
