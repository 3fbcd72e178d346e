"""The one text normaliser: what the objection matcher and drill scoring both read a rep's words as.

Case folded, accents dropped, curly quotes straightened; contractions spelled out with or
without the apostrophe ("don't" and "dont" -> do not, "it's" -> it is, "cannot" -> can not);
"$" read as the word "dollar"; punctuation gone. `located_words` also says where in the text
each word was written, so drill feedback can quote the rep's own words.

The stemmer is deliberately light and our own: it strips common English suffixes repeatedly until
nothing more comes off, so that related forms meet at one stem (afford / affordable /
affordability -> "afford", price / pricing / priced -> "pric", implement / implementation ->
"imple", pay / paid -> "pay"). Stems need not be words; they only need to be the same for forms
that mean the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# A word as typed: letters, digits, accents and apostrophes; each is normalised on its own, so
# every normalised word knows which stretch of the original text it came from.
_TYPED = re.compile(r"[\w'\u2018\u2019`\u00b4\u0300-\u036f]+|\$")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\$")

# Whole-word contractions, with and without the apostrophe (people type fast mid-call).
_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "aint": ("is", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "theyre": ("they", "are"),
    "weve": ("we", "have"),
    "youve": ("you", "have"),
    "theyve": ("they", "have"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "lets": ("let", "us"),
    "let's": ("let", "us"),
}
_SUFFIX_WORDS = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
# Where 's is "is" rather than a possessive ("it's late", not "the company's budget").
_IS_AFTER = frozenset({"it", "that", "what", "there", "here", "who", "he", "she"})

# Words too common to tell one objection from another. Negations and time words stay: "not
# now" and "no need" carry the meaning.
_STOPWORD_TEXT = """
    a an the and or but if so as of at by for from in into on onto to with about than then
    i me my mine we us our ours you your yours he him his she her it its they them their this
    that these those there here what which who whom whose is am are was were be been being do
    does did done have has had having would will shall should could can may might must just
    really very quite also too some any all each every one ones get got getting go going gonna
    let s t oh um uh well yeah yes ok okay like how many much actually even still honestly
    basically probably pretty kind sort bit lot lots thing things stuff something anything
    everything sure please guess think hello hi hey morning afternoon evening bye goodbye
    thank thanks cheers"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# (suffix, replacement, shortest stem left); the first that fits is applied, then again.
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ibilities", "", 3),
    ("abilities", "", 3),
    ("ibility", "", 3),
    ("ability", "", 3),
    ("ations", "", 3),
    ("ation", "", 3),
    ("ments", "", 3),
    ("ment", "", 3),
    ("nesses", "", 3),
    ("ness", "", 3),
    ("ingly", "", 3),
    ("edly", "", 3),
    ("ings", "", 3),
    ("ing", "", 3),
    ("ible", "", 3),
    ("able", "", 3),
    ("iest", "y", 2),
    ("ier", "y", 2),
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ives", "", 3),
    ("ive", "", 3),
    ("ful", "", 3),
    ("ally", "", 3),
    ("ly", "", 3),
    ("al", "", 4),
    ("eed", "ee", 3),  # "agreed" -> "agree", to meet "agree" below; "need" keeps its d
    ("ed", "", 3),
    ("es", "", 3),
    ("s", "", 3),
)
# Irregular forms the suffix rules cannot reach, given as their final stems.
_IRREGULAR = {
    "spent": "spend",
    "paid": "pay",
    "bought": "buy",
    "built": "build",
    "went": "go",
    "gone": "go",
    "sent": "send",
    "told": "tell",
    "thought": "think",
    "brought": "bring",
    "felt": "feel",
    "found": "find",
    "made": "make",
    "said": "say",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "signed": "sign",
    "chose": "choose",
    "chosen": "choose",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "ran": "run",
    "running": "run",
    "sold": "sell",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "wrote": "write",
    "written": "write",
    "burnt": "burn",
    "hired": "hire",
    "timing": "timing",  # not "tim", which "what time is it" would meet
    "note": "note",  # not "not"
    "notes": "note",
    "noted": "note",
    "signal": "signal",  # not "sign", which "sign-off" would meet
    "signals": "signal",
    "cheaper": "cheap",
    "cheapest": "cheap",
    "bigger": "big",
    "biggest": "big",
    "smaller": "small",
    "smallest": "small",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
}
_KEEP_ENDINGS = ("ss", "us", "is")
_PLURALS = ("s", "es")  # only off the word as typed: "expensive" -> "expens", not "expen"


def stem(word: str) -> str:
    """A light stem: suffixes off until none fits, a final e dropped, a doubled end undoubled."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for round_ in range(3):
        for suffix, replacement, shortest in _SUFFIXES:
            if not word.endswith(suffix):
                continue
            if suffix in _PLURALS and (round_ or word.endswith(_KEEP_ENDINGS)):
                continue
            base = word[: -len(suffix)]
            if len(base) >= shortest:
                word = base + replacement
                break
        else:
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def fold(text: str) -> str:
    """Lower case (casefolded), no accents, straight apostrophes; otherwise the text as it is."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def located_words(text: str) -> list[tuple[str, int, int]]:
    """Each normalised word with the span of `text` it was written in ("don't" gives "do" and
    "not", both spanning "don't")."""
    found: list[tuple[str, int, int]] = []
    for typed in _TYPED.finditer(text):
        start, end = typed.span()
        found.extend((word, start, end) for word in _spelled_out(fold(typed.group())))
    return found


def words(text: str) -> list[str]:
    """Lower-case words with contractions spelled out; punctuation and accents gone."""
    return [word for word, _, _ in located_words(text)]


def _spelled_out(folded: str) -> list[str]:
    out: list[str] = []
    for token in _WORD.findall(folded):  # any other non-ASCII character separates words
        if token == "$":
            out.append("dollar")
            continue
        if token in _CONTRACTIONS:
            out.extend(_CONTRACTIONS[token])
            continue
        head, _, tail = token.partition("'")
        if tail == "t" and head.endswith("n"):  # don't, isn't, wouldn't
            out.extend((head[:-1], "not"))
        elif tail == "s" and head in _IS_AFTER:
            out.extend((head, "is"))
        elif tail in _SUFFIX_WORDS:
            out.extend((head, _SUFFIX_WORDS[tail]))
        else:  # a possessive: the word alone
            out.append(head)
    return [word for word in out if word]  # a bare "n't" leaves no word before it


def content_words(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS]


def edits1(word: str) -> set[str]:
    """Every string one slip away: a letter dropped, doubled, swapped or mistyped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + replaces + inserts)
