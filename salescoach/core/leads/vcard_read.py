"""Reading a .vcf file as leads: vCard 4.0, 3.0 and the 2.1 that phones still write.

A small strict reader rather than a library (README.md, "Dependencies" says why): each card
becomes one lead, reported at the line of its BEGIN:VCARD, and a card that cannot be read is
a bad row with that line, as in a CSV import.

- Lines are unfolded (a line starting with a space or tab continues the one before, RFC 6350
  3.2); a quoted-printable value continues while its line ends with "=" (vCard 2.1).
- Parameters: `TYPE=work,cell`, repeated `TYPE=WORK;TYPE=CELL`, 2.1's bare `WORK;CELL`,
  quoted values, RFC 6868's `^n` `^^` `^'`; `ENCODING=QUOTED-PRINTABLE` (with `CHARSET`)
  and `ENCODING=b` / `BASE64` values are decoded.
- Read: FN (required: a card without it is refused), ORG (its first component), TITLE, EMAIL
  (a work one first), TEL (a cell one is the mobile, the first other the phone) and NOTE (the
  lead's first note). Other properties (PHOTO, ADR, ...) are listed as not imported.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from salescoach.core.leads.import_rows import (
    MAX_NOTE,
    ImportDefaults,
    LeadRow,
    RowProblem,
    row_fields,
)
from salescoach.errors import SalescoachError, UsageError

COLUMNS = {
    "FN": "name", "ORG": "company", "TITLE": "job_title", "EMAIL": "email", "TEL": "phone",
    "NOTE": "description",
}  # fmt: skip
_STRUCTURE = {"BEGIN", "END", "VERSION", "PRODID", "UID", "REV", "N"}
_MOBILE_TYPES = {"cell", "mobile", "iphone"}
_CARET = re.compile(r"\^([n^'])")


@dataclass(frozen=True)
class Property:
    line: int
    name: str
    params: dict[str, list[str]]
    value: str

    @property
    def types(self) -> set[str]:
        return {t.lower() for t in self.params.get("TYPE", [])}

    @property
    def text(self) -> str:
        """The value decoded (only read for the properties imported: a PHOTO stays bytes)."""
        return unescape(_decoded(self.line, self.params, self.value)).replace("\r\n", "\n")


@dataclass
class VCardReading:
    ignored: set[str] = field(default_factory=set)  # properties seen and not imported


def looks_like_vcard(head: str) -> bool:
    return head.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCARD")


def _logical_lines(stream: TextIO) -> Iterator[tuple[int, str]]:
    """(line of its start, text) for every content line, unfolded."""
    start, current, number = 0, None, 0
    for raw in stream:
        number += 1
        text = raw.rstrip("\r\n")
        if current is not None and text[:1] in (" ", "\t"):
            current += text[1:]
            continue
        if current is not None and current.endswith("=") and _quoted_printable(current):
            current = current[:-1] + text  # a soft line break
            continue
        if current is not None:
            yield start, current
        start, current = number, text
    if current is not None:
        yield start, current


def _quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def _split(text: str, separator: str) -> list[str]:
    """`text` split on `separator` outside double quotes."""
    parts, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def parse_line(line: int, text: str) -> Property | None:
    """A content line as a property; None for a blank line."""
    if not text.strip():
        return None
    parts = _split(text, ":")
    if len(parts) < 2:
        raise UsageError(f"line {line}: {text[:40]!r} is not a vCard property (NAME:value)")
    head = parts[0]
    value = text[len(head) + 1 :]
    name, *raw_params = _split(head, ";")
    name = name.rsplit(".", 1)[-1].strip().upper()  # "item1.EMAIL": the group is dropped
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, values = raw.partition("=")
        if not equals:  # vCard 2.1: a bare type ("WORK") or encoding ("QUOTED-PRINTABLE")
            key, values = _bare_param(key)
        for item in _split(values, ","):
            params.setdefault(key.strip().upper(), []).append(_param_value(item))
    return Property(line, name, params, value)


def _bare_param(word: str) -> tuple[str, str]:
    upper = word.strip().upper()
    if upper in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT"):
        return "ENCODING", upper
    return "TYPE", word


def _param_value(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return _CARET.sub(lambda m: {"n": "\n", "^": "^", "'": '"'}[m.group(1)], text)


def _decoded(line: int, params: dict[str, list[str]], value: str) -> str:
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        if "QUOTED-PRINTABLE" in encoding:
            return quopri.decodestring(value.encode("ascii", "replace")).decode(charset)
        if encoding & {"B", "BASE64"}:
            return base64.b64decode(value.strip(), validate=False).decode(charset)
    except (UnicodeDecodeError, LookupError, binascii.Error, ValueError) as exc:
        raise UsageError(f"line {line}: cannot decode the value ({exc})") from None
    return value


def unescape(text: str) -> str:
    out, escaped = [], False
    for char in text:
        if escaped:
            out.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    return "".join(out)


def _components(text: str) -> list[str]:
    """A structured value's components (ORG, N), split on unescaped semicolons."""
    parts, current, escaped = [], "", False
    for char in text:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append(unescape(current))
            current = ""
        else:
            current += char
    parts.append(unescape(current))
    return parts


def _first(props: list[Property], prefer: set[str]) -> Property | None:
    return next((p for p in props if p.types & prefer), props[0] if props else None)


def _card_values(props: list[Property], reading: VCardReading) -> tuple[dict[str, str], str | None]:
    by_name: dict[str, list[Property]] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)
        if prop.name not in COLUMNS and prop.name not in _STRUCTURE:
            reading.ignored.add(prop.name)
    names = [p.text.strip() for p in by_name.get("FN", []) if p.text.strip()]
    if not names:
        raise UsageError("the card has no FN (formatted name); a vCard must name its contact")
    values = {"name": names[0]}
    if org := by_name.get("ORG"):
        values["company"] = _components(_decoded(org[0].line, org[0].params, org[0].value))[0]
    if title := by_name.get("TITLE"):
        values["job_title"] = title[0].text
    email = _first(by_name.get("EMAIL", []), {"work", "pref"})
    if email is not None:
        values["email"] = email.text.removeprefix("mailto:")
    phones = by_name.get("TEL", [])
    mobile = next((p for p in phones if p.types & _MOBILE_TYPES), None)
    other = _first([p for p in phones if p is not mobile], {"work", "pref"})
    for key, tel in (("mobile", mobile), ("phone", other)):
        if tel is not None:
            values[key] = tel.text.removeprefix("tel:")
    notes = [p.text.strip() for p in by_name.get("NOTE", []) if p.text.strip()]
    description = "\n".join(notes)[:MAX_NOTE] or None
    return values, description


def leads_of_vcards(
    stream: TextIO, defaults: ImportDefaults, today: date, reading: VCardReading
) -> Iterator[LeadRow | RowProblem]:
    """Every card of the stream as a lead, or as a problem at the line of its BEGIN:VCARD."""
    card: list[Property] | None = None
    begin = 0
    seen_card = False
    broken: str | None = None
    for line, text in _logical_lines(stream):
        try:
            prop = parse_line(line, text)
        except UsageError as error:
            if card is None:
                raise
            broken = broken or error.message
            continue
        if prop is None:
            continue
        if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            if card is not None:
                yield RowProblem(begin, "the card has no END:VCARD before the next one")
            card, begin, broken, seen_card = [], line, None, True
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD" and card is not None:
            yield _card_item(begin, card, broken, defaults, today, reading)
            card = None
        elif card is not None:
            card.append(prop)
        elif not seen_card:
            raise UsageError(
                f"line {line}: not a vCard file (it does not start with BEGIN:VCARD)",
                hint="lead import reads .vcf files and CSV files with a header row",
            )
    if card is not None:
        yield RowProblem(begin, "the card has no END:VCARD: the file seems cut short")
    if not seen_card:
        raise UsageError("the file holds no vCard (no BEGIN:VCARD)")


def _card_item(
    begin: int,
    props: list[Property],
    broken: str | None,
    defaults: ImportDefaults,
    today: date,
    reading: VCardReading,
) -> LeadRow | RowProblem:
    if broken is not None:
        return RowProblem(begin, broken)
    try:
        values, description = _card_values(props, reading)
        return LeadRow(begin, row_fields(values, defaults, today), description)
    except SalescoachError as error:
        hint = f"; {error.hint}" if error.hint else ""
        return RowProblem(begin, error.message + hint)
