"""Who is the same person: the same e-mail, or the same name and company (case-insensitive);
and, for a lead from a CRM, the same record of the same CRM.

`lead add` asks the store for one such lead (`store.leads.find_duplicate`); `lead import`
checks every row against the leads already there and against the rows before it
(`store.importer.ImportIndex`, keyed by `identity_keys`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Keys join a name and a company with a character no name may hold (controls are refused).
KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Duplicate:
    line: int
    label: str
    same_as: str  # "lead 12" (already in the store) or "line 4" (earlier in the file)
    why: str  # "e-mail", "name and company", or the CRM's id ("Salesforce Id")


def crm_key(fields: Mapping[str, object]) -> str | None:
    vendor, crm_id = fields.get("crm_vendor"), fields.get("crm_id")
    return f"c:{vendor}{KEY_SEPARATOR}{crm_id}" if vendor and crm_id else None


def identity_keys(fields: Mapping[str, object]) -> list[tuple[str, str]]:
    """(why, key) pairs a lead is recognised by: its CRM record ("crm"), then its e-mail,
    then its name and company."""
    keys = []
    crm = crm_key(fields)
    if crm is not None:
        keys.append(("crm", crm))
    email = str(fields.get("email") or "").lower()
    if email:
        keys.append(("e-mail", "e:" + email))
    name = str(fields["name"]).lower()
    company = str(fields.get("company") or "").lower()
    keys.append(("name and company", "n:" + name + KEY_SEPARATOR + company))
    return keys
