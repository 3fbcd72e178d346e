"""From free text to the features the objection matcher compares.

A text becomes: the stems of its content words, pairs of neighbouring stems ("not_now",
"send_info"), and tags for the phrases it contains, each tag naming a group of phrases that
mean the same: a concept or topic of the built-in thesaurus (`~cost`, `~~money`), a playbook
synonym (`~expensive`), or a competitor (`~name`, `@acme`). Unknown words one slip away from a
word the matcher knows are read as that word ("bugdet" -> "budget"). A capitalised word the
matcher does not know is probably a product or company, so it is tagged `~name` too.

Plain classes and string keys rather than dataclasses and tuples: this is loaded from the JSON
cache on every `salescoach objection`, where each millisecond of start-up shows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from salescoach.core.text.normalise import STOPWORDS, edits1, stem, words

SHORTEST_CORRECTED = 6  # shorter words have too many neighbours to guess the intended one
# Spelling repair costs some 54 candidate strings per letter, so a text has at most this many
# distinct unknown words repaired (a buyer's sentence has a handful).
MAX_REPAIRED = 32
NAME_TAG = "~name"
_RAW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCE_END = re.compile(r"[.!?]\s*$")

Phrases = dict[str, list[str]]  # stems joined by spaces -> the tags the phrase carries


def _phrase_key(phrase: str) -> tuple[list[str], bool]:
    """A phrase's stems, and whether it must be matched with its small words in place."""
    tokens = words(phrase.replace("-", " ").replace("_", " "))
    with_small_words = any(t in STOPWORDS for t in tokens)
    return [stem(t) for t in tokens], with_small_words


def _longest(phrases: Phrases) -> int:
    return max((key.count(" ") + 1 for key in phrases), default=0)


class Featurizer:
    def __init__(
        self,
        content_phrases: Phrases,
        full_phrases: Phrases,
        vocabulary: dict[str, int],
        known_stems: Iterable[str],
    ) -> None:
        self.content_phrases = content_phrases  # matched on content words only
        self.full_phrases = full_phrases  # matched on every word ("not my call")
        self.vocabulary = vocabulary  # word -> how often the playbook and thesaurus use it
        self.known_stems = frozenset(known_stems)
        self._longest = (_longest(content_phrases), _longest(full_phrases))
        # One slip adds at most one letter: a longer word can be no known word's slip.
        self._longest_slip = max(map(len, vocabulary), default=0) + 1

    @classmethod
    def build(cls, groups: dict[str, list[str]], texts: Iterable[str]) -> Featurizer:
        """`groups`: tag -> the phrases that carry it; `texts`: everything else it should know."""
        content: Phrases = {}
        full: Phrases = {}
        seen: Counter[str] = Counter()
        for tag, phrases in groups.items():
            for phrase in phrases:
                stems, with_small_words = _phrase_key(phrase)
                if not stems:
                    continue
                tags = (full if with_small_words else content).setdefault(" ".join(stems), [])
                if tag not in tags:
                    tags.append(tag)
                seen.update(words(phrase.replace("_", " ")))
        for text in texts:
            seen.update(words(text))
        vocabulary = {w: n for w, n in sorted(seen.items()) if w.isalpha()}
        return cls(content, full, vocabulary, {stem(w) for w in vocabulary})

    def keep_only(self, useful: set[str]) -> None:
        """Forget tags outside `useful`, and one-word phrases left with none (a longer one
        stays, tagless: it still stops the shorter phrases inside it from matching)."""
        for phrases in (self.content_phrases, self.full_phrases):
            for key in list(phrases):
                tags = [t for t in phrases[key] if t in useful]
                if tags or " " in key:
                    phrases[key] = tags
                else:
                    del phrases[key]
        self._longest = (_longest(self.content_phrases), _longest(self.full_phrases))

    def to_data(self) -> dict[str, Any]:
        return {
            "content_phrases": self.content_phrases,
            "full_phrases": self.full_phrases,
            "vocabulary": self.vocabulary,
            "known_stems": sorted(self.known_stems),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Featurizer:
        return cls(
            data["content_phrases"], data["full_phrases"], data["vocabulary"], data["known_stems"]
        )

    def features(self, text: str, *, correct: bool = True) -> list[str]:
        """Stems, stem pairs and tags of `text`; with `correct`, spelling slips are mended."""
        tokens = words(text)
        names = self._unknown_names(text) if correct else set()
        if correct:
            repaired: dict[str, str] = {}
            for token in tokens:
                if token not in repaired and token not in names and len(repaired) < MAX_REPAIRED:
                    repaired[token] = self.correct(token)
            tokens = [repaired.get(t, t) for t in tokens]
        stems = [stem(t) for t in tokens]
        content = [s for t, s in zip(tokens, stems, strict=True) if t not in STOPWORDS]
        tags = _tags(content, self.content_phrases, self._longest[0])
        tags += _tags(stems, self.full_phrases, self._longest[1])
        pairs = [f"{a}_{b}" for a, b in itertools.pairwise(content)]
        return content + pairs + tags + [NAME_TAG] * len(names)

    def correct(self, word: str) -> str:
        """The known word one slip away from an unknown one, the most common if several."""
        if (
            not SHORTEST_CORRECTED <= len(word) <= self._longest_slip
            or not word.isalpha()
            or word in self.vocabulary
            or word in STOPWORDS
            or stem(word) in self.known_stems
        ):
            return word
        candidates = [c for c in edits1(word) if c[:1] == word[0] and c in self.vocabulary]
        if not candidates:
            return word
        return min(candidates, key=lambda c: (-self.vocabulary[c], c))

    def _unknown_names(self, text: str) -> set[str]:
        """Capitalised words mid-sentence that the matcher does not know: likely names."""
        names = set()
        previous_end = 0  # only the stretch since the last word can end a sentence
        for found in _RAW_WORD.finditer(text):
            raw = found.group()
            between = text[previous_end : found.start()]
            first = previous_end == 0 and not between.strip()
            starts = first or bool(_SENTENCE_END.search(between))
            previous_end = found.end()
            if not raw[0].isupper() or raw.isupper() or len(raw) < 2 or starts:
                continue
            lower = raw.lower()
            if lower not in self.vocabulary and lower not in STOPWORDS:
                names.add(lower)
        return names


def _tags(stems: list[str], phrases: Phrases, longest: int) -> list[str]:
    """Tags of the longest phrase starting at each place; a matched phrase is stepped over."""
    found: list[str] = []
    i = 0
    while i < len(stems):
        for size in range(min(longest, len(stems) - i), 0, -1):
            tags = phrases.get(" ".join(stems[i : i + size]))
            if tags is not None:
                found.extend(tags)
                i += size
                break
        else:
            i += 1
    return found
