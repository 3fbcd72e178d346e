"""Who is the same person: the same e-mail, or the same name and company (case-insensitive).

`lead add` asks the store for one such lead (`store.leads.find_duplicate`); `lead import`
checks every row against the leads already there and against the rows before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from salescoach.core.leads.import_rows import LeadRow


@dataclass(frozen=True)
class Duplicate:
    line: int
    label: str
    same_as: str  # "lead 12" (already in the store) or "line 4" (earlier in the file)
    why: str  # "e-mail" or "name and company"


@dataclass
class KnownLeads:
    """Who is already there, keyed the way duplicates are recognised."""

    emails: dict[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def match(self, fields: dict[str, object]) -> tuple[str, str] | None:
        email = str(fields.get("email") or "").lower()
        if email and email in self.emails:
            return self.emails[email], "e-mail"
        key = (str(fields["name"]).lower(), str(fields.get("company") or "").lower())
        if key in self.names:
            return self.names[key], "name and company"
        return None

    def add(self, fields: dict[str, object], where: str) -> None:
        email = str(fields.get("email") or "").lower()
        if email:
            self.emails.setdefault(email, where)
        key = (str(fields["name"]).lower(), str(fields.get("company") or "").lower())
        self.names.setdefault(key, where)


def split_duplicates(
    rows: Iterable[LeadRow], known: KnownLeads
) -> tuple[list[LeadRow], list[Duplicate]]:
    """Rows that are new people, and rows that repeat a known lead or an earlier row."""
    fresh, duplicates = [], []
    for row in rows:
        twin = known.match(row.fields)
        if twin is not None:
            duplicates.append(Duplicate(row.line, row.label, *twin))
            continue
        known.add(row.fields, f"line {row.line}")
        fresh.append(row)
    return fresh, duplicates
