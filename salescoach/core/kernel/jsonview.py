"""Records as JSON-ready dicts: the shape `--json` prints for leads, interactions and tasks.

Dates and times are ISO 8601 text; every field is present (null when unknown), so scripts
can rely on the keys.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from typing import Any


def jsonable(value: Any) -> Any:
    """A dataclass (or anything inside one) as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def lead_summary(lead: Any) -> dict[str, Any]:
    """A lead for listings: every column, without the recorded answers."""
    data: dict[str, Any] = jsonable(lead)
    data.pop("answers", None)
    return data
