"""Reading marketing's lead files: rows -> checked leads, problems with line numbers.

Pure: the caller opens the file (`textfile` detects its encoding and delimiter and reads its
rows one at a time), loads the playbooks (for their SLA) and writes the leads.
- The first row names the columns. A Salesforce, HubSpot or Pipedrive export is recognised
  by its columns (`crm_presets`; `--from` forces one). Otherwise names match
  case-insensitively, ignoring spaces, `_` and `-`, with common synonyms (`E-mail Address`,
  `Organisation`, `First Name` + `Last Name`). `--map COLUMN=FIELD` decides where a column
  goes (`-` ignores it); `--map-value` reads a column's values as temperatures (`value_maps`).
- Line numbers are the file's own: a row with a quoted newline is reported at its first line.
- A bad row is reported and left out; the other rows still import.
- A line break inside a quoted cell (with the spaces around it) reads as one space, except
  in the description, which becomes the lead's first note as written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from salescoach.core.kernel.dates import add_business_days, parse_date
from salescoach.core.kernel.leadfields import TEMPERATURES, clean_lead_fields
from salescoach.core.kernel.records import lead_label
from salescoach.core.leads.crm_presets import PRESETS, Preset, detect, normal_crm_id, scores
from salescoach.core.leads.textfile import (
    DELIMITERS,
    RawRow,
    normalise_header,
    other_delimiter,
    read_rows,
)
from salescoach.core.leads.value_maps import Miss, Signal, map_value_hint, temperature_of
from salescoach.errors import SalescoachError, UsageError

IMPORT_FIELDS = (
    "name", "first_name", "last_name", "company", "email", "phone", "mobile", "job_title",
    "source", "temperature", "owner", "playbook", "sla_due", "description", "crm_id",
)  # fmt: skip
_SYNONYMS = {
    "name": ("name", "full name", "contact", "contact name", "lead", "lead name", "person"),
    "first_name": ("first name", "firstname", "given name", "forename"),
    "last_name": ("last name", "lastname", "surname", "family name"),
    "company": ("company", "company name", "organisation", "organization", "account", "org"),
    "email": ("email", "e mail", "email address", "e mail address", "mail", "work email"),
    "phone": ("phone", "phone number", "telephone", "tel", "work phone", "business phone"),
    "mobile": ("mobile", "mobile phone", "mobile number", "cell", "cell phone"),
    "job_title": ("title", "job title", "position"),
    "source": ("source", "lead source", "campaign", "origin"),
    "temperature": ("temperature", "temp", "lead temperature", "rating", "lead status"),
    "owner": ("owner", "lead owner", "rep", "assigned to", "sales rep"),
    "playbook": ("playbook",),
    "sla_due": ("sla due", "sla", "first contact due", "contact by", "follow up by"),
    "description": ("description",),
}
IGNORE = "-"
GENERIC = "generic"
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_NOTE = 32_000  # Salesforce's Description holds up to 32,000 characters


def normalise(header: str) -> str:
    return normalise_header(header)


_BY_NAME = {normalise(s): f for f, names in _SYNONYMS.items() for s in names}


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


@dataclass(frozen=True)
class LeadRow:
    line: int
    fields: dict[str, Any]  # lead columns, checked; sla_due a date
    description: str | None = None  # becomes the lead's first note
    miss: Miss | None = None  # a temperature value no table knew: the default was used

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
    strict: bool = False  # a temperature value no table knows makes a bad row


@dataclass(frozen=True)
class ColumnPlan:
    """Where each column of a header goes."""

    header: list[str]
    fields: dict[str, list[int]]  # field -> columns; the first with a value wins
    signals: tuple[Signal, ...]  # the columns that decide the temperature, in order
    vendor: str  # a preset's name, or "generic"
    columns: dict[str, str]  # header -> field, for the report
    ignored: list[str]  # headers matching no field


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


def _named(option: str, given: Mapping[str, Any], header: list[str]) -> dict[str, Any]:
    wanted = {normalise(k): v for k, v in given.items()}
    unknown = set(wanted) - {normalise(h) for h in header}
    if unknown:
        raise UsageError(
            f"{option} names no column of the file: {', '.join(sorted(unknown))}",
            hint="columns: " + ", ".join(h for h in header if h.strip()),
        )
    return wanted


def plan_columns(
    header: list[str],
    overrides: Mapping[str, str],
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    source: str | None = None,
) -> ColumnPlan:
    """Which field each column feeds. `source` forces a preset (or `generic`); None detects."""
    wanted = _named("--map", overrides, header)
    tables = _named("--map-value", value_maps or {}, header)
    preset = PRESETS.get(source or "") if source else detect(header)
    keys = [normalise(h) for h in header]
    if source and preset is not None and not set(keys) & set(preset.columns):
        raise _not_the_vendor_s(header, preset)
    targets: dict[int, str] = {}
    for index, key in enumerate(keys):
        if key in wanted:
            targets[index] = wanted[key]
        elif preset is not None and key in preset.columns:
            targets[index] = preset.columns[key]
        elif key in tables:
            targets[index] = "temperature"
    for index, key in enumerate(keys):
        if tables.get(key) and targets.get(index) != "temperature":
            raise UsageError(f"--map-value names {header[index].strip()!r}, which is not read "
                             "as the temperature", hint=f"add --map '{header[index].strip()}"
                             "=temperature'")  # fmt: skip
    taken = set(targets.values())
    for index, key in enumerate(keys):
        generic = _BY_NAME.get(key)
        if index in targets or generic is None:
            continue
        if preset is not None and generic in taken:
            continue  # the vendor's own column for it comes first
        targets[index] = generic
    plan = _plan(header, keys, targets, tables, preset)
    fed = set(plan.fields) | ({"temperature"} if plan.signals else set())
    if "name" not in fed and not fed & {"first_name", "last_name"}:
        raise _no_name(header, preset, source)
    return plan


def _plan(
    header: list[str],
    keys: list[str],
    targets: dict[int, str],
    tables: Mapping[str, Mapping[str, str]],
    preset: Preset | None,
) -> ColumnPlan:
    fields: dict[str, list[int]] = {}
    signals: list[Signal] = []
    for index, target in targets.items():
        if target == IGNORE:
            continue
        if target == "temperature":
            table = {**(preset.tables.get(keys[index], {}) if preset else {}),
                     **tables.get(keys[index], {})}  # fmt: skip
            signals.append(Signal(index, header[index].strip(), table, plain=not table))
            continue
        if target in fields and preset is None:
            raise UsageError(f"two columns feed the lead's {target}: use --map to choose one")
        fields.setdefault(target, []).append(index)
    if sum(s.plain for s in signals) > 1:
        raise UsageError("two columns feed the lead's temperature: use --map to choose one")
    order = list(preset.columns) if preset else []

    def rank(index: int) -> int:
        return order.index(keys[index]) if keys[index] in order else len(order) + index

    for indexes in fields.values():
        indexes.sort(key=rank)
    # A plain temperature column first, then the ones the user gave values for, then the
    # vendor's, in the order its table says they decide.
    signals.sort(key=lambda s: (not s.plain, keys[s.index] not in tables, rank(s.index)))
    named = {i: t for i, t in targets.items() if t != IGNORE}
    return ColumnPlan(
        header=header,
        fields=fields,
        signals=tuple(signals),
        vendor=preset.name if preset else GENERIC,
        columns={header[i].strip(): t for i, t in sorted(named.items())},
        ignored=[h.strip() for i, h in enumerate(header) if i not in targets and h.strip()],
    )


def _not_the_vendor_s(header: list[str], preset: Preset) -> UsageError:
    found = detect(header)
    looks = f"; it reads as a {found.label} export" if found else ""
    return UsageError(
        f"--from {preset.name}: no column of the file is one of {preset.label}'s{looks}",
        hint="leave --from out to let the columns say, or use --from generic",
    )


def _no_name(header: list[str], preset: Preset | None, source: str | None) -> UsageError:
    shown = ", ".join(h.strip() for h in header) or "empty"
    first = next((h.strip() for h in header if h.strip()), "COLUMN")
    if preset is not None:
        tried = f"; the {preset.label} columns for it are missing"
    else:
        found = scores(header)
        tried = (
            "; it is no Salesforce, HubSpot or Pipedrive export either ("
            + ", ".join(f"{PRESETS[name].label}: {n} of its columns" for name, n in found.items())
            + ")"
        )
        if source == GENERIC:
            tried = ""
    return UsageError(
        f"no name column in the header row ({shown}){tried}",
        hint="the first line must name the columns, e.g. name,company,email; "
        f"or use --map '{first}=name' (or --map COLUMN=first_name --map COLUMN=last_name), "
        "or --from salesforce|hubspot|pipedrive",
    )


def read_header(rows: Iterator[RawRow]) -> list[str]:
    try:
        first = next(rows)
    except StopIteration:
        raise UsageError("the file is empty: not even a header row") from None
    if first.error is not None:
        raise UsageError(f"line 1: cannot read the header row ({first.error.split('(', 1)[-1]}")
    return first.cells


def leads_of(
    rows: Iterator[RawRow],
    plan: ColumnPlan,
    delimiter: str,
    defaults: ImportDefaults,
    today: date,
) -> Iterator[LeadRow | RowProblem]:
    """Every data row after the header, checked, one at a time; bad rows become problems."""
    width = len(plan.header)
    for raw in rows:
        problem = _shape_problem(raw, width, delimiter)
        if problem is not None:
            yield RowProblem(raw.line, problem)
            continue
        if not any(c.strip() for c in raw.cells):
            continue  # blank lines are not rows
        try:
            yield _lead_row(raw, plan, defaults, today)
        except SalescoachError as error:
            # The hint says what would have been accepted; a skipped row needs it most.
            hint = f"; {error.hint}" if error.hint else ""
            yield RowProblem(raw.line, error.message + hint)


def _shape_problem(raw: RawRow, width: int, delimiter: str) -> str | None:
    if raw.error is not None:
        return raw.error
    cells = raw.cells
    if raw.open_quote:
        return "a quoted cell opened in this row never closes: the file seems cut short"
    other = other_delimiter(cells, delimiter, width) if any(c.strip() for c in cells) else None
    if other is not None:
        return (
            f"this row separates its cells with {DELIMITERS[other]}s, the header with "
            f"{DELIMITERS[delimiter]}s; save the file again with one delimiter"
        )
    if [c for c in cells[width:] if c.strip()]:
        return (
            f"{len(cells)} cells, but the header names {width}; "
            "a cell holding a comma needs double quotes"
        )
    if raw.last and len(cells) < width and any(c.strip() for c in cells):
        return (
            f"the file ends after {len(cells)} of the header's {width} cells, with no line "
            "end: it seems cut short"
        )
    return None


def _lead_row(raw: RawRow, plan: ColumnPlan, defaults: ImportDefaults, today: date) -> LeadRow:
    cells = raw.cells

    def cell(index: int) -> str:
        return cells[index] if index < len(cells) else ""

    values: dict[str, str] = {}
    description = None
    for name, indexes in plan.fields.items():
        if name == "description":
            description = _note(plan, indexes, cell)
            continue
        # Exports wrap long cells; a line break inside a quoted cell reads as a space.
        texts = [_LINE_BREAK.sub(" ", cell(i)) for i in indexes]
        values[name] = next((t for t in texts if t.strip()), "")
    temperature = temperature_of(cells, plan.signals)
    miss = temperature if isinstance(temperature, Miss) else None
    if miss is not None and defaults.strict:
        raise UsageError(
            f"{miss.header} {miss.value!r} is no temperature salescoach knows (--strict)",
            hint=map_value_hint(miss.header, miss.value),
        )
    if isinstance(temperature, str):
        values["temperature"] = temperature
    fields = row_fields(values, defaults, today)
    if fields.get("crm_id"):
        fields["crm_id"] = normal_crm_id(plan.vendor, fields["crm_id"])
        fields["crm_vendor"] = plan.vendor
    return LeadRow(raw.line, fields, description, miss)


def _note(plan: ColumnPlan, indexes: list[int], cell: Callable[[int], str]) -> str | None:
    parts = [(plan.header[i].strip(), cell(i).strip()) for i in indexes]
    parts = [(h, t) for h, t in parts if t]
    if not parts:
        return None
    text = parts[0][1] if len(parts) == 1 else "\n".join(f"{h}: {t}" for h, t in parts)
    text = _NOTE_CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text[:MAX_NOTE]


def row_fields(values: dict[str, str], defaults: ImportDefaults, today: date) -> dict[str, Any]:
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


def parse_leads(
    text: str,
    overrides: Mapping[str, str],
    defaults: ImportDefaults,
    today: date,
    *,
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    source: str | None = None,
    delimiter: str = ",",
) -> ParsedFile:
    """Every data row of the CSV `text`, checked and kept in memory (for small files and
    tests; `lead import` streams with `read_header` and `leads_of`)."""
    rows = read_rows(io.StringIO(text, newline=""), delimiter)
    plan = plan_columns(read_header(rows), overrides, value_maps, source)
    parsed = ParsedFile(columns=plan.columns, ignored=plan.ignored)
    for item in leads_of(rows, plan, delimiter, defaults, today):
        (parsed.rows if isinstance(item, LeadRow) else parsed.problems).append(item)  # type: ignore[arg-type]
    return parsed


def sla_deadline(received: date, days: int) -> date:
    """First contact due `days` business days after the lead arrived (0: the same day,
    or Monday when it arrived at a weekend)."""
    return add_business_days(received, days)


def assign_sla(
    items: Iterator[LeadRow | RowProblem],
    sla_days: Callable[[str], Mapping[str, int] | None],
    received: date,
    override: int | None = None,
    known: Callable[[], Sequence[str]] = list,
) -> Iterator[LeadRow | RowProblem]:
    """Give each row without an SLA date its deadline from its playbook's `sla` (business
    days by temperature, from `sla_days(playbook)`), or `override` days for all. Rows whose
    playbook `sla_days` does not know become problems naming the `known` playbooks."""
    for item in items:
        if isinstance(item, RowProblem) or "sla_due" in item.fields:
            yield item
            continue
        playbook = item.fields["playbook"]
        table = sla_days(playbook)
        if table is None:
            names = ", ".join(known())
            yield RowProblem(item.line, f"no playbook named {playbook!r}; playbooks: {names}")
            continue
        days = override if override is not None else table[item.fields["temperature"]]
        item.fields["sla_due"] = sla_deadline(received, days)
        yield item


def check_temperature_default(value: str) -> str:
    text = value.strip().lower()
    if text not in TEMPERATURES:
        raise UsageError(f"unknown temperature {value!r}", hint="use " + ", ".join(TEMPERATURES))
    return text
