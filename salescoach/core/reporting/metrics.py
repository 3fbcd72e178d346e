"""The metrics a goal can count, with their labels (what each counts: core/reporting/goals.py).

A module of its own so that the report's published shape (core/reporting/shapes.py) can name
them without importing the goals it is the shape of.
"""

from __future__ import annotations

METRICS: dict[str, str] = {
    "calls": "Calls",
    "meetings": "Meetings",
    "emails": "E-mails",
    "contacts": "New leads contacted",
    "proposals": "Proposals (presentations)",
    "deals_won": "Deals won",
    "revenue_won": "Revenue won",
}
# What a metric's number counts, where it is not plain: a call is a lead-day with a call (a
# walked call writes several log rows), not a row of the log.
UNITS: dict[str, str] = {
    "calls": "lead-days",
    "meetings": "lead-days",
    "emails": "lead-days",
    "proposals": "lead-days",
    "contacts": "leads",
    "deals_won": "leads",
}
