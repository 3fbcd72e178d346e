"""The warning `lead import` gives for a temperature value no table knew (the report is
typed in core/leads/shapes.py and built in core/leads/jsonview.py)."""

from __future__ import annotations

from salescoach.core.leads.value_maps import map_value_hint


def miss_message(column: str, value: str, count: int, lines: list[int], default: str) -> str:
    more = f" and {count - len(lines)} more" if count > len(lines) else ""
    rows = "line" if count == 1 else "lines"
    return (
        f"{column} {value!r} ({rows} {', '.join(map(str, lines))}{more}) is no temperature "
        f"salescoach knows: imported as {default}; {map_value_hint(column, value)}"
    )


def dropped_message(field: str, reason: str, count: int, lines: list[int]) -> str:
    more = f" and {count - len(lines)} more" if count > len(lines) else ""
    rows = "line" if count == 1 else "lines"
    label = field.replace("_", " ")
    return f"{rows} {', '.join(map(str, lines))}{more}: {reason}; imported without the {label}"
