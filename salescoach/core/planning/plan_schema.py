"""The JSON Schema (draft-07) of `salescoach plan --format json`, version 1.

Scripts may rely on every field listed here. Compatible additions (a new optional field) keep
version 1; renaming or removing a field, or changing its meaning, makes version 2.
"""

from __future__ import annotations

from typing import Any

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_COUNT = {"type": "integer", "minimum": 0}
_LEAD = {
    "type": "object",
    "required": ["id", "name", "company"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "company": {"type": ["string", "null"]},
    },
}
_CHANNEL = {"enum": ["call", "email", "meeting", "sms", "social", "other", None]}


def _section(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "more"],
        "additionalProperties": False,
        "properties": {"items": {"type": "array", "items": item}, "more": _COUNT},
    }


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }


PLAN_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://salescoach.invalid/schemas/plan-v1.json",
    "title": "salescoach daily plan, version 1",
    **_object(
        {
            "version": {"const": 1},
            "date": _DATE,
            "generated_at": {"type": "string", "format": "date-time"},
            "counts": _object(
                {
                    name: _COUNT
                    for name in (
                        "overdue",
                        "due_today",
                        "sla_broken",
                        "sla_due_today",
                        "stale",
                        "calls_today",
                    )
                }
            ),
            "tasks": _section(
                _object(
                    {
                        "id": {"type": "integer"},
                        "lead": _LEAD,
                        "title": {"type": "string"},
                        "due": _DATE,
                        "channel": _CHANNEL,
                        "priority": {"enum": ["low", "normal", "high"]},
                        "days_overdue": _COUNT,
                        "urgency": {"type": "number"},
                        "why": {"type": "string"},
                    }
                )
            ),
            "sla": _section(
                _object(
                    {
                        "lead": _LEAD,
                        "temperature": {"enum": ["cold", "warm", "qualified"]},
                        "sla_due": _DATE,
                        "state": {"enum": ["broken", "due_today"]},
                        "days_late": _COUNT,
                    }
                )
            ),
            "stale": _section(
                _object(
                    {
                        "lead": _LEAD,
                        "step": {"type": "string"},
                        "idle_since": _DATE,
                        "idle_days": _COUNT,
                        "stale_after_days": {"type": "integer", "minimum": 1},
                    }
                )
            ),
            "calls": _section(
                _object(
                    {
                        "task_id": {"type": "integer"},
                        "lead": _LEAD,
                        "title": {"type": "string"},
                        "channel": _CHANNEL,
                        "prep": {"type": "string"},
                    }
                )
            ),
            "goals": {
                "type": "array",
                "items": _object(
                    {
                        "metric": {"type": "string"},
                        "period": {"enum": ["day", "week"]},
                        "target": {"type": "number", "exclusiveMinimum": 0},
                        "actual": {"type": "number", "minimum": 0},
                        "percent": {"type": "integer", "minimum": 0},
                    }
                ),
            },
            "warnings": {"type": "array", "items": {"type": "string"}},
        }
    ),
}
