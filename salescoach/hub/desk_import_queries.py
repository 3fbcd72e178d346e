"""What `team import` reads from the desk: the leads the hub has, and each owner's load."""

from __future__ import annotations

from typing import Any


def existing_keys(connection: Any) -> set[str]:
    """Each lead's duplicate keys: `e:` its e-mail, `n:` its name and company (lower case),
    as the import computes them for a row."""
    keys: set[str] = set()
    rows = connection.execute(
        "SELECT lower(name), lower(coalesce(company, '')), lower(data ->> 'email')"
        " FROM salescoach.desk_leads"
    )
    for name, company, email in rows:
        keys.add(f"n:{name}|{company}")
        if email:
            keys.add(f"e:{email}")
    return keys


def open_leads_per_owner(connection: Any) -> dict[str, int]:
    rows = connection.execute(
        "SELECT o.owner, count(*) FROM salescoach.desk_leads l"
        " JOIN salescoach.lead_owners o ON o.lead_gid = l.gid"
        " WHERE l.status = 'open' GROUP BY o.owner"
    )
    return {owner: int(count) for owner, count in rows}
