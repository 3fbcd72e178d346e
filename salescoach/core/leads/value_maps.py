"""A CRM's own words for how hot a lead is, read as salescoach's temperature.

A column that feeds the temperature is a *signal*. The first signal of a row with a value
decides: a value of its table gives that temperature, one of ours (cold, warm, qualified)
stands for itself. A value in no table is a *miss*: the row gets the default temperature and
the import warns, naming `--map-value` (with `--strict` the row is refused instead). A plain
`temperature` column of a generic file has no table and keeps the strict check it always had.

Values match ignoring case, spaces and punctuation, so HubSpot's internal
`marketingqualifiedlead` and its label "Marketing Qualified Lead" are one value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from salescoach.core.kernel.leadfields import TEMPERATURES, clean_temperature
from salescoach.errors import UsageError

NO_SIGNAL = "-"  # `--map-value COLUMN:VALUE=-`: the value says nothing; the next signal decides


def value_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


@dataclass(frozen=True)
class Signal:
    index: int  # the column's position
    header: str
    table: Mapping[str, str] = field(default_factory=dict)  # value_key -> temperature or "-"
    plain: bool = False  # a generic temperature column: unknown values are bad rows


@dataclass(frozen=True)
class Miss:
    """A value no table knows; the row took the default temperature."""

    header: str
    value: str


def temperature_of(cells: Sequence[str], signals: Sequence[Signal]) -> str | Miss | None:
    """The row's temperature from its first signal with a value; None when none has one."""
    for signal in signals:
        text = cells[signal.index].strip() if signal.index < len(cells) else ""
        if not text:
            continue
        if signal.plain:
            return text.lower() if text.lower() in TEMPERATURES else clean_temperature(text)
        found = _known(text, signal.table)
        if found is None and _MULTI.search(text):
            parts = [_known(part, signal.table) for part in _MULTI.split(text)]
            told = [f for f in parts if f not in (None, NO_SIGNAL)]
            found = told[0] if told else (NO_SIGNAL if NO_SIGNAL in parts else None)
        if found == NO_SIGNAL:
            continue
        if found is not None:
            return found
        return Miss(signal.header, text)
    return None


# A multi-select picklist's values in one cell: Pipedrive writes "Hot lead, Customer",
# Salesforce and HubSpot separate them with semicolons. The first value a table knows decides.
_MULTI = re.compile(r"\s*[,;]\s*")


def _known(text: str, table: Mapping[str, str]) -> str | None:
    """The temperature (or NO_SIGNAL) one value stands for, or None when no table knows it."""
    mapped = table.get(value_key(text))
    if mapped is not None:
        return mapped
    return text.strip().lower() if text.strip().lower() in TEMPERATURES else None


def parse_value_maps(pairs: Sequence[str]) -> dict[str, dict[str, str]]:
    """`--map-value COLUMN:VALUE=TEMPERATURE` options as {column: {value_key: temperature}}."""
    maps: dict[str, dict[str, str]] = {}
    for pair in pairs:
        column, colon, rest = pair.partition(":")
        value, equals, target = rest.rpartition("=")
        target = target.strip().lower()
        if not (colon and equals and column.strip() and value_key(value)) or (
            target not in TEMPERATURES and target != NO_SIGNAL
        ):
            raise UsageError(
                f"--map-value {pair!r} is not COLUMN:VALUE=TEMPERATURE",
                hint="e.g. --map-value 'Rating:Lukewarm=warm'; temperatures: "
                + ", ".join(TEMPERATURES)
                + " (or - for a value that says nothing)",
            )
        maps.setdefault(column.strip(), {})[value_key(value)] = target
    return maps


def map_value_hint(header: str, value: str) -> str:
    return f"--map-value '{header}:{value}=warm' (or cold, qualified) says which"


def table(entries: Mapping[str, str]) -> dict[str, str]:
    """A value table written with the CRM's labels, keyed the way values are matched."""
    return {value_key(label): temperature for label, temperature in entries.items()}
