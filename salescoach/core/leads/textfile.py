"""How a lead file is written: its encoding and delimiter, and its rows read one at a time.

Pure: the caller opens the file and hands over its bytes (a head, then chunks) or a text
stream; nothing here holds more than one row, so a file of any size reads in bounded memory.

- Encoding: a byte-order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text" writes
  it); UTF-16 without a mark is recognised by its NUL bytes; anything else is read as UTF-8
  unless `--encoding` names another (cp1252, latin-1, ...).
- Delimiter: the one of comma, semicolon and tab that splits the header row most (Excel
  in much of Europe writes semicolons; its "Unicode text" tabs); a header split as often by
  two of them is ambiguous and refused, with `--delimiter` to choose.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from salescoach.errors import UsageError

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", **{d: d for d in DELIMITERS}}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def normalise_header(header: str) -> str:
    """A column name as matched: case, spaces, `_` and `-` ignored."""
    return " ".join(header.strip().lower().replace("_", " ").replace("-", " ").split())


def check_encoding_name(name: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"unknown encoding {name!r}", hint="e.g. utf-8, latin-1") from None
    return name


def detect_encoding(head: bytes, given: str | None) -> str:
    """The codec to read a file starting with `head` (its first few kilobytes) with."""
    if given is not None:
        name = codecs.lookup(check_encoding_name(given)).name
        return "utf-8-sig" if name == "utf-8" else given
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"  # the codec reads the mark and drops it
    sample = head[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # Text of mostly ASCII in UTF-16 has a NUL in every other byte.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    return "utf-8-sig"


def shown_encoding(encoding: str, given: str | None) -> str:
    if given is not None:
        return given
    return {"utf-8-sig": "UTF-8"}.get(encoding, encoding.upper())


def check_decodes(chunks: Iterable[bytes], encoding: str, given: str | None, name: str) -> None:
    """Refuse, naming the first bad line, a file that is not valid text in `encoding`."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines_before = 0
    for chunk in _then_end(chunks):
        pending = decoder.getstate()[0]
        try:
            lines_before += decoder.decode(chunk, final=not chunk).count("\n")
        except UnicodeDecodeError as exc:
            data = pending + chunk
            line = lines_before + data[: exc.start].count(b"\n") + 1
            bad = f" (byte 0x{data[exc.start]:02x})" if exc.start < len(data) else ""
            raise UsageError(
                f"{name}: line {line} is not valid {shown_encoding(encoding, given)}{bad}; "
                "nothing was imported",
                hint="save the file as UTF-8, or pass --encoding latin-1 (or cp1252)",
            ) from None


def _then_end(chunks: Iterable[bytes]) -> Iterator[bytes]:
    yield from (c for c in chunks if c)
    yield b""  # the end: a sequence cut off there is an error too


def delimiter_of(header_line: str, given: str | None) -> str:
    """The delimiter: `given` (comma, semicolon, tab) or the one the header row uses."""
    if given is not None:
        key = given if given in DELIMITERS else given.strip().lower()
        if key not in DELIMITER_NAMES:
            raise UsageError(f"unknown delimiter {given!r}", hint="comma, semicolon or tab")
        return DELIMITER_NAMES[key]
    counts = _unquoted_counts(header_line)
    best = max(counts.values())
    if best == 0:
        return ","
    winners = [d for d, n in counts.items() if n == best]
    if len(winners) > 1:
        names = " and ".join(DELIMITERS[d] for d in winners)
        raise UsageError(
            f"the header row is split by {names} alike: cannot tell which separates the columns",
            hint="--delimiter comma, semicolon or tab says which",
        )
    return winners[0]


def _unquoted_counts(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def other_delimiter(cells: list[str], delimiter: str, width: int) -> str | None:
    """The delimiter a row seems to use instead of `delimiter`, when its cells split by
    another one into the header's `width` columns (a file pasted together from two)."""
    if len(cells) == width or width < 2:
        return None
    line = delimiter.join(cells)
    for other in DELIMITERS:
        if other != delimiter and _unquoted_counts(line)[other] == width - 1:
            return other
    return None


@dataclass(frozen=True)
class RawRow:
    line: int  # the file's line on which the row starts
    cells: list[str]
    last: bool  # the file's last line, with no line end: perhaps cut short
    open_quote: bool  # ... and a quote opened in it never closes: surely cut short
    error: str | None = None  # the csv module could not read it


class _Lines:
    """The text stream's lines, remembering those that made up the current row."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.current: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.stream.readline()
        if not line:
            raise StopIteration
        self.current.append(line)
        return line


def read_rows(stream: TextIO, delimiter: str) -> Iterator[RawRow]:
    """Every row of `stream` (header first), one at a time, with the line it starts on."""
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    line = 1
    while True:
        lines.current = []
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RawRow(line, [], False, False, f"cannot read the row ({exc})")
            line = reader.line_num + 1
            continue
        raw = "".join(lines.current)
        # readline() returns a line without its end only at the end of the file.
        unended = bool(raw) and not raw.endswith(("\n", "\r"))
        yield RawRow(line, cells, unended, unended and raw.count('"') % 2 == 1)
        line = reader.line_num + 1
