"""The JSON Schema (draft-07) of `salescoach report --json`, schema_version 1.

Stable: fields may be added in a later version 1 report; renaming or removing one, or changing
its meaning, bumps `schema_version`. `salescoach report --schema` prints this.
"""

from __future__ import annotations

from typing import Any

from salescoach.core.kernel.periods import PERIODS
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.goals import METRICS

_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
_NUMBER: dict[str, Any] = {"type": "number"}
_SHARE: dict[str, Any] = {"type": ["number", "null"], "minimum": 0}
_DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


def _list(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": _object(properties)}


REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "salescoach report",
    **_object(
        {
            "schema_version": {"const": 1},
            "period": _object(
                {"label": {"type": "string"}, "start": _DATE, "end": _DATE, "today": _DATE}
            ),
            "activity": _object(
                {
                    "interactions": _COUNT,
                    "leads": _COUNT,
                    "by_step_channel": _list(
                        {
                            "step": {"type": "string"},
                            "channel": {"type": "string"},
                            "interactions": _COUNT,
                            "leads": _COUNT,
                        }
                    ),
                    "by_step": _list({"step": {"type": "string"}, "interactions": _COUNT}),
                    "by_channel": _list({"channel": {"type": "string"}, "interactions": _COUNT}),
                }
            ),
            "metrics": _object({m: {"type": "number", "minimum": 0} for m in METRICS}),
            "funnel": _object(
                {
                    "leads": _COUNT,
                    "steps": {
                        "type": "array",
                        "minItems": len(STEP_IDS),
                        "maxItems": len(STEP_IDS),
                        "items": _object(
                            {
                                "step": {"enum": list(STEP_IDS)},
                                "position": {"type": "integer", "minimum": 1, "maximum": 7},
                                "reached": _COUNT,
                                "conversion": _SHARE,
                                "average_days": _SHARE,
                                "moved_on": _COUNT,
                            }
                        ),
                    },
                    "won": _COUNT,
                    "lost": _COUNT,
                    "no_decision": _COUNT,
                    "win_rate": _SHARE,
                }
            ),
            "sla": _object(
                {
                    "leads": _COUNT,
                    "met": _COUNT,
                    "late": _COUNT,
                    "missed": _COUNT,
                    "pending": _COUNT,
                    "compliance": _SHARE,
                    "median_hours_to_first_contact": {"type": ["number", "null"]},
                }
            ),
            "objections": _list(
                {
                    "family": {"type": ["string", "null"]},  # null: logged without a family
                    "raised": _COUNT,
                    "resolved": _COUNT,
                    "partly": _COUNT,
                    "not_resolved": _COUNT,
                    "unrecorded": _COUNT,
                    "resolution_rate": _SHARE,
                }
            ),
            "training": _object(
                {
                    "items": _COUNT,
                    "by_drill": _list(
                        {
                            "drill": {"type": "string"},
                            "runs": _COUNT,
                            "items": _COUNT,
                            "share": _SHARE,
                        }
                    ),
                    "by_family": _list(
                        {"family": {"type": "string"}, "attempts": _COUNT, "share": _SHARE}
                    ),
                }
            ),
            "goals": _list(
                {
                    "metric": {"enum": list(METRICS)},
                    "label": {"type": "string"},
                    "period": {"enum": list(PERIODS)},
                    "start": _DATE,
                    "end": _DATE,
                    "target": {"type": "number", "exclusiveMinimum": 0},
                    "actual": _NUMBER,
                    "share": _NUMBER,
                    "remaining": _NUMBER,
                    "expected_by_today": _NUMBER,
                    "on_pace": {"type": "boolean"},
                    "met": {"type": "boolean"},
                }
            ),
        }
    ),
}
