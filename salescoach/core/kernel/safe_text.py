"""The one rule for characters that can garble a terminal or make one text look like another,
applied where text comes in and again where stored text goes out.

Unsafe: C0 and C1 control characters and DEL (ESC starts every terminal sequence: colours,
screen clearing, hyperlinks, window titles), the bidirectional embeddings, overrides and
isolates (U+202A..U+202E, U+2066..U+2069), and every other invisible format character
(category Cf: zero-width spaces, soft hyphens, tag characters, the direction marks), except
the zero-width joiner and non-joiner that emoji and several scripts need. A field that holds
several lines (notes, answers) also takes newlines and tabs; a carriage return there is read
as a newline. Any script, emoji and the Unicode line separators are kept as typed.

At input a typed value is refused (`check_text`); a file another program wrote keeps its
other values and loses only the unsafe characters (`neutralise`). At output every unsafe
character of stored text is shown as a visible escape (`visible`), so an old store or a
synced row cannot reach the terminal; `indented` keeps a multi-line note's later lines
under their entry, so a note cannot forge lines of a listing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from salescoach.errors import UsageError

MULTILINE_WHITESPACE = "\n\t"
# Joiners that emoji sequences and Indic and Persian writing need: format characters, but
# they only join what is next to them.
_KEPT_FORMAT = frozenset("\u200c\u200d")
# A whole terminal sequence goes at once, so no "[2J" is left behind when ESC is taken out:
# CSI (ESC [ or U+009B ... final), OSC/DCS/APC/PM/SOS strings (to BEL or ST), two-character ESC.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)


def is_unsafe(char: str, *, multiline: bool = False) -> bool:
    """Whether `char` may not stand in text (`multiline`: newlines and tabs may)."""
    if multiline and char in MULTILINE_WHITESPACE:
        return False
    return _unsafe(char)


@functools.cache  # a text repeats its characters; a listing repeats its texts' characters
def _unsafe(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Cc" or (category == "Cf" and char not in _KEPT_FORMAT)


# The blocks that hold every control and format character (a test holds this against the
# running Python's Unicode): only a character in them is looked up, so the check of a
# listing's lines, in any script, runs at the regular expression engine's speed.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u089f\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff0-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001345f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def first_unsafe(text: str, *, multiline: bool = False) -> str | None:
    """The first unsafe character of `text`, or None."""
    if text.isprintable():  # no control or format character (nor line break, nor Zs but space)
        return None
    for match in _SUSPECT.finditer(text):
        char = match.group()
        if is_unsafe(char, multiline=multiline):
            return char
    return None


def problem(text: str, *, multiline: bool = False) -> str | None:
    """What is wrong with `text` ("contains an invisible control character (U+001B)"), or None."""
    char = first_unsafe(text, multiline=multiline)
    if char is None:
        return None
    return f"contains an invisible control character (U+{ord(char):04X})"


def check_text(label: str, text: str, *, multiline: bool = False) -> str:
    """`text` as given, or UsageError naming the first unsafe character and the field.

    In a multi-line field, Windows line ends (CR LF) and lone CRs are read as newlines."""
    if multiline:
        text = _newlines(text)
    found = problem(text, multiline=multiline)
    if found is not None:
        raise UsageError(f"the {label} {found}; type it again without it")
    return text


def neutralise(text: str, *, multiline: bool = False) -> str:
    """`text` without terminal sequences or any unsafe character (what a file brings); on
    one line, each line break becomes a space."""
    text = _newlines(text)
    if not multiline:
        text = text.replace("\n", " ")
    if first_unsafe(text, multiline=multiline) is None:
        return text
    text = _SEQUENCE.sub("", text)
    return "".join(c for c in text if not is_unsafe(c, multiline=multiline))


def visible(text: str) -> str:
    """`text` for a terminal: each unsafe character shown as an escape (\\x1b, \\u202e);
    newlines and tabs stay, for output is made of lines."""
    if first_unsafe(text, multiline=True) is None:
        return text
    return "".join(_escaped(c) if is_unsafe(c, multiline=True) else c for c in text)


def indented(text: str, indent: str) -> str:
    """`text` shown visibly, its second and later lines starting with `indent`."""
    return visible(_newlines(text)).replace("\n", "\n" + indent)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
