"""What a lead's fields may hold: the one set of checks behind `lead add`, `lead edit` and
`lead import`, so a lead typed by hand and one handed over by marketing obey the same rules.

Names may be in any script (emoji and right-to-left text are kept as typed), but control
characters, the invisible bidirectional overrides and other format characters are refused
(salescoach.core.kernel.safe_text): they garble terminal output and can make one name look
like another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from salescoach.core.kernel.safe_text import check_text
from salescoach.errors import UsageError

TEMPERATURES = ("cold", "warm", "qualified")
TEXT_FIELDS = ("name", "company", "email", "phone", "source", "owner", "job_title", "crm_id")
MAX_LENGTH = {
    "name": 200, "company": 200, "email": 254, "phone": 40, "mobile": 40, "source": 200,
    "owner": 100, "job_title": 200, "crm_id": 100,
}  # fmt: skip
# Shown in messages: "the job title is ..." rather than "the job_title is ...".
_LABELS = {"job_title": "job title", "crm_id": "CRM id"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE = re.compile(r"^[0-9+()./\- ]+((ext\.?|x)\s*[0-9]+)?$", re.IGNORECASE)


def clean_text(field: str, value: str | None, *, required: bool = False) -> str | None:
    """`value` stripped and checked; None for empty (refused when `required`)."""
    text = (value or "").strip()
    label = _LABELS.get(field, field)
    if not text:
        if required:
            raise UsageError(f"the lead's {label} is empty", hint=f"give a {label}")
        return None
    limit = MAX_LENGTH.get(field, 200)
    if len(text) > limit:
        raise UsageError(f"the {label} is {len(text)} characters long; at most {limit} fit")
    return check_text(label, text)


def clean_email(value: str | None) -> str | None:
    text = clean_text("email", value)
    if text is not None and not _EMAIL.match(text):
        raise UsageError(f"{text!r} is not an e-mail address", hint="e.g. ada@example.com")
    return text


def clean_phone(value: str | None, field: str = "phone") -> str | None:
    text = clean_text(field, value)
    if text is not None and (not _PHONE.match(text) or not any(c.isdigit() for c in text)):
        raise UsageError(
            f"{text!r} is not a phone number", hint="digits, spaces, + ( ) - . / and ext 12"
        )
    return text


def clean_temperature(value: str | None) -> str | None:
    text = (value or "").strip().lower()
    if not text:
        return None
    if text not in TEMPERATURES:
        raise UsageError(
            f"unknown temperature {value!r}", hint="use one of: " + ", ".join(TEMPERATURES)
        )
    return text


def clean_lead_fields(fields: Mapping[str, str | None], *, new: bool) -> dict[str, str | None]:
    """Check the given lead fields; returns the cleaned values (None clears a field).

    A new lead needs a name; an edit may leave it out but may not empty it.
    """
    cleaned: dict[str, str | None] = {}
    for field, value in fields.items():
        if field == "email":
            cleaned[field] = clean_email(value)
        elif field in ("phone", "mobile"):
            cleaned[field] = clean_phone(value, field)
        elif field == "temperature":
            cleaned[field] = clean_temperature(value)
        elif field in TEXT_FIELDS or field == "playbook":
            cleaned[field] = clean_text(field, value, required=field in ("name", "playbook"))
        else:
            raise UsageError(f"leads have no field {field!r}")
    if new and not cleaned.get("name"):
        raise UsageError("the lead's name is empty", hint="give a name")
    return cleaned
