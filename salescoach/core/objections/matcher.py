"""Matching what a buyer said to the playbook's objection families, offline, in well under a
millisecond per query.

The method, chosen by measurement (README, "The objection coach"): every example phrasing,
every family title and every family's keywords become a TF-IDF vector over the features of
`objection_features` (word stems, stem pairs, thesaurus and synonym tags). A family's score is
a blend of how close the text is to the family as a whole (the normalised sum of its vectors)
and to its single nearest example; both are cosines, so scores lie between 0 and 1. Dates,
numbers and courtesies weigh half (`evidence.MODIFIER_WEIGHT`), and a word no example uses
still counts in the length of the text, so one topical word does not outweigh a whole line.
Below `CONFIDENT` the best family is not trusted and the rep is shown the families to pick
from; so also when the best family rests on too little evidence of its concern
(evidence.py): then every score is scaled down, in the same order, below `CONFIDENT`.

The index is kept packed, one string per feature ("idf;doc:weight ...;family:weight ..."), and
unpacked only for the features a query has: loading it from the JSON cache then costs little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from salescoach.core.objections.evidence import MODIFIER_WEIGHT, Evidence
from salescoach.core.objections.features import NAME_TAG, Featurizer

if TYPE_CHECKING:
    from datetime import datetime

    from salescoach.core.kernel.records import Lead, NewInteraction
    from salescoach.core.playbook.parts import Battlecard, Playbook

CONFIDENT = 0.16  # best score below this: "no confident match" (README: how it was chosen)
DECLINED = 0.25  # every score is scaled by this (or less) when the best lacks evidence
NEAREST_WEIGHT = 0.2  # share of the nearest single example in a family's score
BATTLECARD_TAG = "@"
UNKNOWN_SHARE = 0.5  # an unknown word weighs this share of the rarest known word's idf
MAX_MATCHED = 2_000  # characters of a text the matcher reads

Vector = dict[str, float]


class Match(NamedTuple):
    id: str
    title: str
    score: float


class MatchResult(NamedTuple):
    query: str
    matches: list[Match]  # every family, best first
    confident: bool
    battlecards: list[str]  # ids of the competitors the text names

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.confident and self.matches else None


def choose(result: MatchResult, family_id: str) -> MatchResult:
    """The same ranking with the family the rep picked put first and trusted."""
    picked = [m for m in result.matches if m.id == family_id]
    if not picked:
        raise ValueError(f"no objection family {family_id!r}")
    rest = [m for m in result.matches if m.id != family_id]
    return MatchResult(result.query, picked + rest, True, result.battlecards)


# A buyer raising an objection is talking to the rep: on a call, unless the rep says otherwise.
OBJECTION_CHANNEL = "call"


def as_interaction(
    result: MatchResult,
    lead: Lead,
    outcome: str | None,
    at: datetime,
    channel: str = OBJECTION_CHANNEL,
) -> NewInteraction | None:
    """What to log on the lead for this answer: the best family, at the lead's current step,
    with the buyer's words, by `channel` (so it counts as contact, for first contact and the
    SLA); None when there is no confident match to log."""
    from salescoach.core.kernel.records import NewInteraction

    best = result.best
    if best is None:
        return None
    return NewInteraction(
        lead_id=lead.id,
        at=at,
        kind="objection",
        step=lead.step,
        text=result.query or None,
        objection=best.id,
        result=outcome,
        channel=channel,
    )


def battlecard_phrases(battlecards: Iterable[Battlecard]) -> dict[str, list[str]]:
    """Tag -> phrases naming competitors: `~name` for any of them, `@id` for each one."""
    groups: dict[str, list[str]] = {NAME_TAG: []}
    for card in battlecards:
        names = [card.name.split("(")[0].strip(), card.id.replace("_", " "), *card.aliases]
        groups[BATTLECARD_TAG + card.id] = names
        groups[NAME_TAG] += names
    return groups


class Matcher:
    def __init__(
        self,
        families: list[tuple[str, str]],
        featurizer: Featurizer,
        doc_family: list[int],
        index: dict[str, str],
        evidence: Evidence,
        unknown_weight: float,
    ) -> None:
        self.families = families  # (id, title) in playbook order
        self.featurizer = featurizer
        self.doc_family = doc_family  # the family number of each example
        self.index = index  # feature -> "idf;doc:weight ...;family:weight ..."
        self.evidence = evidence
        self.unknown_weight = unknown_weight  # of a word in the query that no example uses

    def _is_plain_word(self, feature: str) -> bool:
        return (
            feature[0] not in "~@" and "_" not in feature and not self.evidence.is_modifier(feature)
        )

    @classmethod
    def build(cls, playbook: Playbook) -> Matcher:
        from salescoach.core.objections.evidence import concern_features, modifier_features
        from salescoach.core.objections.lexicon import concept_groups

        groups = concept_groups()
        for key, phrases in playbook.synonyms.items():
            groups.setdefault(f"~{key}", []).extend([key, *phrases])
        groups.update(battlecard_phrases(playbook.battlecards))
        texts = [t for o in playbook.objections for t in (o.title, *o.keywords, *o.phrasings)]
        featurizer = Featurizer.build(groups, texts)
        modifiers = modifier_features()
        naming = [
            [f for t in (o.title, *o.keywords) for f in _naming(featurizer, t)]
            for o in playbook.objections
        ]
        named = [BATTLECARD_TAG + c.id for c in playbook.battlecards]
        concerns = concern_features(naming, named, modifiers)

        docs: list[tuple[int, list[str]]] = []
        for number, objection in enumerate(playbook.objections):
            for text in (objection.title, *objection.phrasings):
                docs.append((number, featurizer.features(text, correct=False)))
            keywords = [
                f for k in objection.keywords for f in featurizer.features(k, correct=False)
            ]
            if keywords:  # one document: each keyword's features, no pairs across keywords
                docs.append((number, keywords))
        frequency: Counter[str] = Counter(f for _, features in docs for f in set(features))
        idf = {f: math.log((1 + len(docs)) / (1 + n)) + 1.0 for f, n in frequency.items()}
        evidence = Evidence(modifiers & set(idf), [[f for f in c if f in idf] for c in concerns])
        for feature in idf:  # a date, a number or a courtesy weighs a fraction of a word
            if evidence.is_modifier(feature):
                idf[feature] *= MODIFIER_WEIGHT
        vectors = [_vector(features, idf) for _, features in docs]
        sums: list[dict[str, float]] = [{} for _ in playbook.objections]
        for (number, _), vector in zip(docs, vectors, strict=True):
            for feature, weight in vector.items():
                sums[number][feature] = sums[number].get(feature, 0.0) + weight
        centroids = [_unit(total) for total in sums]
        # A tag no example carries can never score; battlecard tags still say who is named.
        featurizer.keep_only({*idf, *(BATTLECARD_TAG + c.id for c in playbook.battlecards)})
        return cls(
            families=[(o.id, o.title) for o in playbook.objections],
            featurizer=featurizer,
            doc_family=[number for number, _ in docs],
            index=_pack(idf, vectors, centroids),
            evidence=evidence,
            unknown_weight=round(UNKNOWN_SHARE * max(idf.values(), default=0.0), 5),
        )

    def rank(self, text: str) -> MatchResult:
        """Every family scored against `text`, best first, and the competitors it names.
        Only the first MAX_MATCHED characters are read: an objection is a sentence or two."""
        features = self.featurizer.features(text[:MAX_MATCHED])
        entries = {f: _unpack(self.index[f]) for f in set(features) if f in self.index}
        counts = Counter(f for f in features if f in entries)
        # A word no example uses still makes the text longer: one topical word in a long line
        # about something else is weak ("Does the money land in my account the next day?").
        unknown = sum(1 for f in features if f not in entries and self._is_plain_word(f))
        query = _unit(
            {f: (1.0 + math.log(n)) * entries[f][0] for f, n in counts.items()},
            extra=unknown * self.unknown_weight**2,
        )
        nearest = [0.0] * len(self.families)
        parts: list[dict[str, float]] = [{} for _ in self.families]  # feature -> its share
        doc_scores: dict[int, float] = {}
        for feature, weight in query.items():
            _, doc_postings, family_postings = entries[feature]
            for doc, doc_weight in doc_postings:
                doc_scores[doc] = doc_scores.get(doc, 0.0) + weight * doc_weight
            for family, family_weight in family_postings:
                parts[family][feature] = weight * family_weight
        for doc, score in doc_scores.items():
            family = self.doc_family[doc]
            nearest[family] = max(nearest[family], score)
        matches = [
            Match(id_, title, _blend(near, sum(shares.values())))
            for (id_, title), near, shares in zip(self.families, nearest, parts, strict=True)
        ]
        order = {id_: n for n, (id_, _) in enumerate(self.families)}
        matches.sort(key=lambda m: (-m.score, order[m.id]))
        if matches and matches[0].score >= CONFIDENT:
            best = order[matches[0].id]
            stems = [f for f in features if f[0] not in "~@" and "_" not in f]
            if self.evidence.units(best, parts[best], stems, self.featurizer.content_phrases) < 1:
                matches = declined(matches)
        cards = [f[1:] for f in dict.fromkeys(features) if f.startswith(BATTLECARD_TAG)]
        confident = bool(matches) and matches[0].score >= CONFIDENT
        return MatchResult(text, matches, confident, cards)

    def to_data(self) -> dict[str, Any]:
        return {
            "families": self.families,
            "featurizer": self.featurizer.to_data(),
            "doc_family": self.doc_family,
            "index": self.index,
            "evidence": self.evidence.to_data(),
            "unknown_weight": self.unknown_weight,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Matcher:
        return cls(
            families=[(i, t) for i, t in data["families"]],
            featurizer=Featurizer.from_data(data["featurizer"]),
            doc_family=data["doc_family"],
            index=data["index"],
            evidence=Evidence.from_data(data["evidence"]),
            unknown_weight=data["unknown_weight"],
        )


def _naming(featurizer: Featurizer, text: str) -> list[str]:
    """What a keyword or title names: a one-word keyword its stem and tags, a longer one only
    the tags of its phrases ("look it over" names ~review, not every "look")."""
    features = featurizer.features(text, correct=False)
    tags = [f for f in features if f[0] in "~@"]
    stems = [f for f in features if f[0] not in "~@" and "_" not in f]
    return features if len(stems) == 1 else tags


def declined(matches: list[Match]) -> list[Match]:
    """Every score scaled down, in the same order, the best below the confidence threshold."""
    scale = min(DECLINED, (CONFIDENT - 0.005) / matches[0].score)
    return [Match(m.id, m.title, round(m.score * scale, 3)) for m in matches]


def _blend(nearest: float, whole: float) -> float:
    return round(min(1.0, NEAREST_WEIGHT * nearest + (1 - NEAREST_WEIGHT) * whole), 3)


def _vector(features: Iterable[str], idf: dict[str, float]) -> Vector:
    """Sublinear term frequency times idf, scaled to unit length."""
    counts = Counter(f for f in features if f in idf)
    return _unit({f: (1.0 + math.log(n)) * idf[f] for f, n in counts.items()})


def _unit(vector: dict[str, float], extra: float = 0.0) -> Vector:
    """`vector` scaled to unit length, or shorter by `extra` (a squared length it lacks)."""
    norm = math.sqrt(sum(w * w for w in vector.values()) + extra)
    return {f: w / norm for f, w in vector.items()} if norm else {}


def _pack(idf: dict[str, float], docs: list[Vector], families: list[Vector]) -> dict[str, str]:
    """One string per feature; weights to 5 significant digits (scores show 3 places)."""
    postings: dict[str, tuple[list[str], list[str]]] = {f: ([], []) for f in idf}
    for number, vector in enumerate(docs):
        for feature, weight in vector.items():
            postings[feature][0].append(f"{number}:{weight:.5g}")
    for number, vector in enumerate(families):
        for feature, weight in vector.items():
            postings[feature][1].append(f"{number}:{weight:.5g}")
    return {
        f: f"{idf[f]:.5g};{' '.join(doc_list)};{' '.join(family_list)}"
        for f, (doc_list, family_list) in sorted(postings.items())
    }


def _unpack(packed: str) -> tuple[float, list[tuple[int, float]], list[tuple[int, float]]]:
    idf, docs, families = packed.split(";")
    return float(idf), _pairs(docs), _pairs(families)


def _pairs(text: str) -> list[tuple[int, float]]:
    pairs = []
    for item in text.split():
        number, _, weight = item.partition(":")
        pairs.append((int(number), float(weight)))
    return pairs
