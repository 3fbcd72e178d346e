"""Leads as vCards 4.0 (RFC 6350), for phones and CardDAV servers.

Each card has VERSION, PRODID, a UID stable per lead (a UUID5 of the lead's id, so exporting
again and importing updates the same contact), FN always, N, and ORG, TITLE, EMAIL,
TEL;TYPE=work and TEL;TYPE=cell, NOTE and REV when the lead has them. Lines end with CRLF
and are folded at 75 octets, never inside a character (RFC 6350 3.2, the same rule as
iCalendar's); text escapes backslash, comma, semicolon and newlines (3.4).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from salescoach.core.kernel.records import Lead
from salescoach.core.planning.ics import fold, utc_stamp


def escape(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def uid(lead: Lead) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'salescoach:lead-{lead.id}')}"


def name_parts(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is the family name, the rest given names; a
    one-word name is a given name ("Ada", "مريم")."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return words[-1], " ".join(words[:-1])


def _note(lead: Lead) -> str:
    crm = f"{lead.crm_vendor} id: {lead.crm_id}" if lead.crm_id else None
    parts = (
        f"salescoach lead {lead.id}: {lead.step}, {lead.temperature}",
        f"source: {lead.source}" if lead.source else None,
        f"owner: {lead.owner}" if lead.owner else None,
        crm,
    )
    return "; ".join(p for p in parts if p)


def card(lead: Lead, version: str) -> list[str]:
    """One lead's vCard, as unfolded content lines; `version` is the product's (the caller's:
    core does not import the package it sits in)."""
    family, given = name_parts(lead.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:-//salescoach//salescoach {version}//EN",
        f"UID:{uid(lead)}",
        f"FN:{escape(lead.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    optional = (
        ("ORG", lead.company),
        ("TITLE", lead.job_title),
        ("EMAIL;TYPE=work", lead.email),
        ("TEL;TYPE=work", lead.phone),
        ("TEL;TYPE=cell", lead.mobile),
    )
    lines += [f"{prop}:{escape(value)}" for prop, value in optional if value]
    lines.append(f"NOTE:{escape(_note(lead))}")
    lines.append(f"REV:{utc_stamp(lead.updated_at)}")
    lines.append("END:VCARD")
    return lines


def to_vcards(leads: Iterable[Lead], *, version: str) -> str:
    cards = (card(lead, version) for lead in leads)
    return "".join(part + "\r\n" for lines in cards for line in lines for part in fold(line))
