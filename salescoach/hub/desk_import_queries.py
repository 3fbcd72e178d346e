"""What `team import` reads from the desk: the leads the hub has, and each owner's load."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

# The expressions of the indexes desk_leads_email_key and desk_leads_name_key.
_EMAIL = "lower(data ->> 'email')"
_NAME = "(lower(name) || '|' || lower(coalesce(company, '')))"


def existing_keys(connection: Any, keys: Collection[str]) -> set[str]:
    """Which of `keys` a lead on the hub has: `e:` its e-mail, `n:` its name and company
    (lower case), as the import computes them for a row. Each key is looked up (indexes of
    hub migration 6) rather than every lead read."""
    emails = [key[2:] for key in keys if key.startswith("e:")]
    names = [key[2:] for key in keys if key.startswith("n:")]
    rows = connection.execute(
        f"SELECT 'e:' || {_EMAIL} FROM salescoach.desk_leads WHERE {_EMAIL} = ANY(%s)"
        f" UNION SELECT 'n:' || {_NAME} FROM salescoach.desk_leads WHERE {_NAME} = ANY(%s)",
        (emails, names),
    )
    return {row[0] for row in rows}


def open_leads_per_owner(connection: Any) -> dict[str, int]:
    rows = connection.execute(
        "SELECT owner, count(*) FROM salescoach.desk_lead_facts"
        " WHERE status = 'open' AND owner IS NOT NULL GROUP BY owner"
    )
    return {owner: int(count) for owner, count in rows}
