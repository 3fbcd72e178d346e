"""The columns of Salesforce, HubSpot and Pipedrive exports, and how to tell them apart.

Each preset maps the vendor's column names (as normalised by `textfile.normalise_header`) to
lead fields. Several columns may feed one field: the first one listed with a value wins
(Pipedrive's work e-mail before its home e-mail). Columns that feed the temperature carry
the vendor's value table (`value_maps`), in the order they decide. The header lists follow
the vendors' documentation; README.md ("Importing from a CRM") cites the pages.

A file is recognised by the vendor's distinctive column names: at least two of them, and
more than any other vendor's. Pipedrive is recognised by its `Entity - Field` names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from salescoach.core.leads.textfile import normalise_header
from salescoach.core.leads.value_maps import table

VENDORS = ("salesforce", "hubspot", "pipedrive")
FROM_CHOICES = (*VENDORS, "generic")


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    columns: Mapping[str, str]  # normalised header -> field; first listed wins
    tables: Mapping[str, Mapping[str, str]]  # temperature columns, in deciding order
    signature: frozenset[str]  # distinctive normalised headers
    id_label: str  # what the vendor calls its record id

    def score(self, headers: Sequence[str]) -> int:
        return len({normalise_header(h) for h in headers} & self.signature)


def _columns(*groups: tuple[str, Sequence[str]]) -> dict[str, str]:
    return {normalise_header(h): f for f, headers in groups for h in headers}


_SF_RATING = table({"Hot": "qualified", "Warm": "warm", "Cold": "cold"})
_SF_STATUS = table(
    {
        "Open - Not Contacted": "cold",
        "Working - Contacted": "warm",
        "Closed - Converted": "qualified",
        "Closed - Not Converted": "cold",
    }
)
SALESFORCE = Preset(
    name="salesforce",
    label="Salesforce",
    columns=_columns(
        ("crm_id", ("Lead ID", "Id")),
        ("name", ("Full Name", "Name")),
        ("first_name", ("First Name", "FirstName")),
        ("last_name", ("Last Name", "LastName")),
        ("company", ("Company", "Company / Account")),
        ("email", ("Email",)),
        ("phone", ("Phone",)),
        ("mobile", ("Mobile Phone", "MobilePhone", "Mobile")),
        ("job_title", ("Title",)),
        ("source", ("Lead Source", "LeadSource")),
        ("temperature", ("Rating", "Lead Status", "Status")),
        ("owner", ("Lead Owner", "Record Owner", "OwnerId")),
        ("description", ("Description",)),
    ),
    tables={
        normalise_header(h): t
        for h, t in (
            ("Rating", _SF_RATING),
            ("Lead Status", _SF_STATUS),
            ("Status", _SF_STATUS),
        )
    },
    signature=frozenset(
        normalise_header(h)
        for h in (
            "Lead ID",
            "Lead Source",
            "Lead Status",
            "Rating",
            "Lead Owner",
            "Record Owner",
            "Mobile Phone",
            "FirstName",
            "LastName",
            "LeadSource",
            "MobilePhone",
            "OwnerId",
            "CreatedDate",
            "IsConverted",
        )
    ),
    id_label="Id",
)

_HS_LIFECYCLE = table(
    {
        "Subscriber": "cold",
        "Lead": "cold",
        "Marketing Qualified Lead": "warm",
        "Sales Qualified Lead": "qualified",
        "Opportunity": "qualified",
        "Customer": "qualified",
        "Evangelist": "qualified",
        "Other": "cold",
    }
)
_HS_LEAD_STATUS = table(
    {
        "New": "cold",
        "Open": "cold",
        "In Progress": "warm",
        "Open Deal": "qualified",
        "Unqualified": "cold",
        "Attempted to Contact": "cold",
        "Connected": "warm",
        "Bad Timing": "cold",
    }
)
HUBSPOT = Preset(
    name="hubspot",
    label="HubSpot",
    columns=_columns(
        ("crm_id", ("Record ID", "Contact ID")),
        ("first_name", ("First Name",)),
        ("last_name", ("Last Name",)),
        ("company", ("Company Name", "Company")),
        ("email", ("Email", "Email Address")),
        ("phone", ("Phone Number", "Phone")),
        ("mobile", ("Mobile Phone Number",)),
        ("job_title", ("Job Title",)),
        ("source", ("Original Source", "Original Traffic Source")),
        ("temperature", ("Lifecycle Stage", "Lead Status")),
        ("owner", ("Contact owner", "HubSpot Owner")),
    ),
    tables={
        normalise_header("Lifecycle Stage"): _HS_LIFECYCLE,
        normalise_header("Lead Status"): _HS_LEAD_STATUS,
    },
    signature=frozenset(
        normalise_header(h)
        for h in (
            "Record ID",
            "Contact owner",
            "Lifecycle Stage",
            "Phone Number",
            "Mobile Phone Number",
            "Company Name",
            "Job Title",
            "Original Source",
            "Create Date",
            "Last Activity Date",
        )
    ),
    id_label="Record ID",
)

_PD_LABEL = table(
    {"Hot lead": "qualified", "Warm lead": "warm", "Cold lead": "cold", "Customer": "qualified"}
)
_PD_STAGE = table(
    {
        "Qualified": "qualified",
        "Contact Made": "warm",
        "Demo Scheduled": "qualified",
        "Proposal Made": "qualified",
        "Negotiations Started": "qualified",
    }
)
PIPEDRIVE = Preset(
    name="pipedrive",
    label="Pipedrive",
    columns=_columns(
        ("crm_id", ("Person - ID",)),
        ("name", ("Person - Name", "Deal - Contact person")),
        ("first_name", ("Person - First name",)),
        ("last_name", ("Person - Last name",)),
        ("company", ("Person - Organization", "Organization - Name", "Deal - Organization")),
        (
            "email",
            (
                "Person - Email - Work",
                "Person - Email",
                "Person - Email - Home",
                "Person - Email - Other",
            ),
        ),
        (
            "phone",
            (
                "Person - Phone - Work",
                "Person - Phone",
                "Person - Phone - Home",
                "Person - Phone - Other",
            ),
        ),
        ("mobile", ("Person - Phone - Mobile",)),
        ("job_title", ("Person - Job title", "Person - Title")),
        ("source", ("Deal - Source channel", "Deal - Source")),
        ("temperature", ("Person - Label", "Person - Labels", "Deal - Stage")),
        ("owner", ("Person - Owner", "Deal - Owner")),
        ("description", ("Person - Notes", "Deal - Title", "Deal - Value")),
    ),
    tables={
        normalise_header(h): t
        for h, t in (
            ("Person - Label", _PD_LABEL),
            ("Person - Labels", _PD_LABEL),
            ("Deal - Stage", _PD_STAGE),
        )
    },
    signature=frozenset(),
    id_label="Person - ID",
)
PRESETS = {p.name: p for p in (SALESFORCE, HUBSPOT, PIPEDRIVE)}
_PIPEDRIVE_COLUMN = re.compile(r"^\s*(person|deal|organi[sz]ation|lead)\s+-\s+\S", re.IGNORECASE)


def scores(header: Sequence[str]) -> dict[str, int]:
    """How many distinctive columns of each vendor the header has."""
    found = {p.name: p.score(header) for p in (SALESFORCE, HUBSPOT)}
    found["pipedrive"] = sum(1 for h in header if _PIPEDRIVE_COLUMN.match(h))
    return found


def detect(header: Sequence[str]) -> Preset | None:
    """The vendor whose export this header is, if one stands out (two or more of its
    distinctive columns, more than any other vendor's)."""
    found = scores(header)
    best = max(found.values())
    winners = [name for name, n in found.items() if n == best]
    if best < 2 or len(winners) > 1:
        return None
    return PRESETS[winners[0]]


_ID_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def normal_crm_id(vendor: str, text: str) -> str:
    """The record id as kept: a Salesforce id in its 18-character form, so a report's
    15-character (case-sensitive) id and the Data Loader's 18-character one are one record."""
    if vendor != "salesforce" or len(text) != 15 or not text.isalnum() or not text.isascii():
        return text
    suffix = ""
    for start in (0, 5, 10):
        bits = sum(1 << i for i, c in enumerate(text[start : start + 5]) if "A" <= c <= "Z")
        suffix += _ID_SUFFIX[bits]
    return text + suffix
