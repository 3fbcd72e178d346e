"""Reading marketing's lead files: CSV bytes -> checked rows, problems with line numbers.

Pure: the caller reads the file, loads the playbooks (for their SLA) and writes the rows.
- The first row names the columns; names match case-insensitively, ignoring spaces, `_` and
  `-`, with common synonyms (`E-mail Address`, `Organisation`, `First Name` + `Last Name`).
  `--map COLUMN=FIELD` decides where a column goes (`-` ignores it).
- Line numbers are the file's own: a row with a quoted newline is reported at its first line.
- A bad row is reported and left out; the other rows still import.
- A line break inside a quoted cell (with the spaces around it) reads as one space.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from salescoach.core.kernel.dates import add_business_days, parse_date
from salescoach.core.kernel.leadfields import TEMPERATURES, clean_lead_fields
from salescoach.core.kernel.records import lead_label
from salescoach.errors import SalescoachError, UsageError

IMPORT_FIELDS = (
    "name", "first_name", "last_name", "company", "email", "phone", "source", "temperature",
    "owner", "playbook", "sla_due",
)  # fmt: skip
_SYNONYMS = {
    "name": ("name", "full name", "contact", "contact name", "lead", "lead name", "person"),
    "first_name": ("first name", "firstname", "given name", "forename"),
    "last_name": ("last name", "lastname", "surname", "family name"),
    "company": ("company", "company name", "organisation", "organization", "account", "org"),
    "email": ("email", "e mail", "email address", "e mail address", "mail", "work email"),
    "phone": ("phone", "phone number", "telephone", "tel", "mobile", "mobile phone"),
    "source": ("source", "lead source", "campaign", "origin"),
    "temperature": ("temperature", "temp", "lead temperature", "rating", "lead status"),
    "owner": ("owner", "lead owner", "rep", "assigned to", "sales rep"),
    "playbook": ("playbook",),
    "sla_due": ("sla due", "sla", "first contact due", "contact by", "follow up by"),
}
IGNORE = "-"
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def normalise(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").replace("-", " ").split())


_BY_NAME = {normalise(s): f for f, names in _SYNONYMS.items() for s in names}


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


@dataclass(frozen=True)
class LeadRow:
    line: int
    fields: dict[str, Any]  # lead columns, checked; sla_due a date

    @property
    def label(self) -> str:
        return lead_label(str(self.fields["name"]), self.fields.get("company"))


@dataclass
class ParsedFile:
    rows: list[LeadRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header -> field
    ignored: list[str] = field(default_factory=list)  # headers matching no field


@dataclass(frozen=True)
class ImportDefaults:
    temperature: str = "cold"
    playbook: str = "b2b-saas"
    source: str | None = None
    owner: str | None = None


def decode(data: bytes, encoding: str | None, file_name: str) -> str:
    """The file's text. UTF-8 (a BOM is dropped) unless `encoding` is given."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}", hint="e.g. utf-8, latin-1") from None
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{file_name}: line {line} is not valid {encoding or 'UTF-8'} "
            f"(byte 0x{data[exc.start]:02x}); nothing was imported",
            hint="save the file as UTF-8, or pass --encoding latin-1 (or cp1252)",
        ) from None


def map_columns(
    header: list[str], overrides: Mapping[str, str]
) -> tuple[dict[int, str], list[str]]:
    """Which field each column feeds (by position), and the headers that feed none."""
    wanted = {normalise(k): v for k, v in overrides.items()}
    unknown = set(wanted) - {normalise(h) for h in header}
    if unknown:
        raise UsageError(
            f"--map names no column of the file: {', '.join(sorted(unknown))}",
            hint="columns: " + ", ".join(h for h in header if h.strip()),
        )
    mapping: dict[int, str] = {}
    ignored = []
    for index, title in enumerate(header):
        key = normalise(title)
        target = wanted.get(key, _BY_NAME.get(key))
        if target is None or target == IGNORE:
            if title.strip() and target is None:
                ignored.append(title.strip())
            continue
        if target in mapping.values():
            raise UsageError(f"two columns feed the lead's {target}: use --map to choose one")
        mapping[index] = target
    fields = set(mapping.values())
    if "name" not in fields and not fields & {"first_name", "last_name"}:
        raise UsageError(
            f"no name column in the header row ({', '.join(h.strip() for h in header) or 'empty'})",
            hint="the first line must name the columns, e.g. name,company,email; "
            "or use --map COLUMN=name",
        )
    return mapping, ignored


def check_overrides(pairs: list[str]) -> dict[str, str]:
    """`--map` values (`COLUMN=FIELD`) as a dict."""
    overrides = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = target.strip().lower()
        if not sep or not column.strip() or (target not in IMPORT_FIELDS and target != IGNORE):
            raise UsageError(
                f"--map {pair!r} is not COLUMN=FIELD",
                hint="fields: " + ", ".join(IMPORT_FIELDS) + " (or - to ignore the column)",
            )
        overrides[column] = target
    return overrides


def parse_leads(
    text: str, overrides: Mapping[str, str], defaults: ImportDefaults, today: date
) -> ParsedFile:
    """Every data row of the CSV `text`, checked; bad rows become problems."""
    reader = csv.reader(io.StringIO(text, newline=""))
    parsed = ParsedFile()
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError("the file is empty: not even a header row") from None
    except csv.Error as exc:
        raise UsageError(f"line 1: cannot read the header row ({exc})") from None
    mapping, parsed.ignored = map_columns(header, overrides)
    parsed.columns = {header[i].strip(): f for i, f in mapping.items()}
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            parsed.problems.append(RowProblem(line, f"cannot read the row ({exc})"))
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue  # blank lines are not rows
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            parsed.problems.append(
                RowProblem(
                    start,
                    f"{len(cells)} cells, but the header names {len(header)}; "
                    "a cell holding a comma needs double quotes",
                )
            )
            continue
        # Exports wrap long cells; a line break inside a quoted cell reads as a space.
        values = {
            f: _LINE_BREAK.sub(" ", cells[i]) if i < len(cells) else "" for i, f in mapping.items()
        }
        try:
            parsed.rows.append(LeadRow(start, _row_fields(values, defaults, today)))
        except SalescoachError as error:
            # The hint says what would have been accepted; a skipped row needs it most.
            hint = f"; {error.hint}" if error.hint else ""
            parsed.problems.append(RowProblem(start, error.message + hint))
    return parsed


def _row_fields(values: dict[str, str], defaults: ImportDefaults, today: date) -> dict[str, Any]:
    name = values.pop("name", "").strip()
    parts = (values.pop("first_name", ""), values.pop("last_name", ""))
    name = name or " ".join(p.strip() for p in parts if p.strip())
    sla_text = values.pop("sla_due", "").strip()
    raw: dict[str, str | None] = {"name": name, **values}
    fields: dict[str, Any] = dict(clean_lead_fields(raw, new=True))
    fields["temperature"] = fields.get("temperature") or defaults.temperature
    fields["playbook"] = fields.get("playbook") or defaults.playbook
    fields["source"] = fields.get("source") or defaults.source
    fields["owner"] = fields.get("owner") or defaults.owner
    if sla_text:
        fields["sla_due"] = parse_date(sla_text, today)
    return fields


def sla_deadline(received: date, days: int) -> date:
    """First contact due `days` business days after the lead arrived (0: the same day,
    or Monday when it arrived at a weekend)."""
    return add_business_days(received, days)


def assign_sla(
    parsed: ParsedFile,
    sla_days: Mapping[str, Mapping[str, int]],
    received: date,
    override: int | None = None,
) -> None:
    """Give each row without an SLA date its deadline from its playbook's `sla` (business
    days by temperature), or `override` days for all. Rows whose playbook is not in
    `sla_days` become problems."""
    kept = []
    for row in parsed.rows:
        if "sla_due" not in row.fields:
            table = sla_days.get(row.fields["playbook"])
            if table is None:
                message = (
                    f"no playbook named {row.fields['playbook']!r}; "
                    f"playbooks: {', '.join(sorted(sla_days))}"
                )
                parsed.problems.append(RowProblem(row.line, message))
                continue
            days = override if override is not None else table[row.fields["temperature"]]
            row.fields["sla_due"] = sla_deadline(received, days)
        kept.append(row)
    parsed.rows = kept
    parsed.problems.sort(key=lambda p: p.line)


def check_temperature_default(value: str) -> str:
    text = value.strip().lower()
    if text not in TEMPERATURES:
        raise UsageError(f"unknown temperature {value!r}", hint="use " + ", ".join(TEMPERATURES))
    return text
