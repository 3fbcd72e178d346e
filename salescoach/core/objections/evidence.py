"""Declining: the best family is trusted only when the text holds evidence of its concern.

Most lines of a real call raise no objection, and a card shown for "Tuesday at 10 is fine" or
"Yes, I'm the owner, been running it for eight years" costs the rep more than a missed one. So
the words of a query are read as *cues*, and each cue is worth something for a family:

- a **modifier** (a date or time, a number, a courtesy: lexicon.MODIFIERS) is worth nothing; it
  still shapes the scores, at `MODIFIER_WEIGHT` of its weight;
- a **concern** cue is worth 1: a one-word keyword of the family, a tag of its title or of any
  of its keywords, any concept of the thesaurus topics those tags belong to ("pricey" for a
  family keyed "expensive"), or a competitor's battlecard name;
- any other cue (a word the family's examples use, "video" for send_info) is worth 1/2;
- `~name`, carried by every competitor's name and by any capitalised word the matcher does not
  know, is worth nothing: "I'll ask Dominik to join" names nobody's product, and a battlecard
  name is evidence through its own tag (`@acme`).

A cue counts only when it carries at least `MIN_SHARE` of the family's score. The best family
needs one unit (a concern cue, or two others); with less, the matcher declines (matcher.py).

A stem is one cue with the tags its word carries (the stem "budget" and its tags `~budget`,
`~~money`); a tag no single word of the query carries came from a longer phrase and is a cue of
its own ("not right now"); a pair of stems lends half its weight to each; a topic tag counts
towards the cue that carries it and is never a cue alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MODIFIER_WEIGHT = 0.5  # share of its idf a modifier keeps
MIN_SHARE = 0.15  # of a family's score, for a cue to count as evidence for it
CONCERN = 1.0
OTHER = 0.5
TOPIC_MARK = "~~"
NAMED = "~name"  # any competitor, or a capitalised word the matcher does not know
SILENT = frozenset({NAMED, "not", "no", "never"})  # never a concern cue of their own

Phrases = dict[str, list[str]]


class Evidence:
    """Which features are modifiers, and which are each family's concern cues."""

    def __init__(self, modifiers: Iterable[str], concerns: list[list[str]]) -> None:
        self.modifiers = frozenset(modifiers)
        self.concerns = [frozenset(c) for c in concerns]  # per family: stems and tags

    def is_modifier(self, feature: str) -> bool:
        if feature in self.modifiers or feature.isdigit():
            return True
        if "_" in feature and feature[0] not in "~@":
            return any(self.is_modifier(part) for part in feature.split("_"))
        return False

    def units(
        self, family: int, shares: dict[str, float], stems: Iterable[str], single: Phrases
    ) -> float:
        """How much evidence for `family` its `shares` of the score hold (feature -> part);
        `stems` are the query's stems and `single` the featurizer's one-word phrases, which
        say which word a tag came from."""
        total = sum(c for c in shares.values() if c > 0)
        if total <= 0:
            return 0.0
        owner: dict[str, str] = {}  # tag -> the stem of the query that carries it
        for stem in stems:
            for tag in single.get(stem, ()):
                owner.setdefault(tag, stem)
        cues: dict[str, float] = {}
        for feature, part in shares.items():
            if part <= 0 or feature == NAMED or self.is_modifier(feature):
                continue
            if feature[0] in "~@":
                cue = owner.get(feature)
                if cue is None and feature.startswith(TOPIC_MARK):
                    continue
                cues[cue or feature] = cues.get(cue or feature, 0.0) + part
            elif "_" in feature:
                for stem in feature.split("_"):
                    cues[stem] = cues.get(stem, 0.0) + part / 2
            else:
                cues[feature] = cues.get(feature, 0.0) + part
        concerns = self.concerns[family]
        worth = 0.0
        for cue, part in cues.items():
            if part < MIN_SHARE * total or self.is_modifier(cue):
                continue
            if cue in concerns or any(t in concerns for t in single.get(cue, ())):
                worth += CONCERN
            else:
                worth += OTHER
        return worth

    def to_data(self) -> dict[str, Any]:
        return {
            "modifiers": sorted(self.modifiers),
            "concerns": [sorted(c) for c in self.concerns],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Evidence:
        return cls(data["modifiers"], data["concerns"])


def modifier_features() -> set[str]:
    """The modifier tags and the stems of the one-word modifiers."""
    from salescoach.core.objections.lexicon import MODIFIERS, phrases_of
    from salescoach.core.text.normalise import stem, words

    modifiers = {f"~{concept}" for concept in MODIFIERS}
    for text in MODIFIERS.values():
        for phrase in phrases_of(text):
            tokens = words(phrase)
            if len(tokens) == 1:
                modifiers.add(stem(tokens[0]))
    return modifiers


def concern_features(
    naming: list[list[str]], named: Iterable[str], modifiers: set[str]
) -> list[list[str]]:
    """Each family's concern cues: the stems and tags of what names it (`naming`: the features
    of its title and keywords, one list per family) but no modifier, every concept of the
    thesaurus topics those carry, and every battlecard tag (`named`)."""
    from salescoach.core.objections.lexicon import TOPICS

    concepts = {f"~~{topic}": [f"~{c}" for c in found] for topic, found in TOPICS.items()}
    battlecards = set(named)
    concerns = []
    for features in naming:
        own = {f for f in features if "_" not in f and f not in modifiers | SILENT}
        for topic in [f for f in own if f in concepts]:
            own.update(concepts[topic])
        concerns.append(sorted(own | battlecards))
    return concerns
