"""The prompts and battlecards of the compiled cache (JSON already), copied into their typed
shapes (core/objections/shapes.py, core/playbook/shapes.py) for `objection --json`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import ObjectionPrompts
    from salescoach.core.playbook.shapes import BattlecardFields


def prompts_record(data: Mapping[str, Any]) -> ObjectionPrompts:
    return {
        "id": data["id"],
        "title": data["title"],
        "concern": data["concern"],
        "probing_questions": list(data["probing_questions"]),
        "responses": [
            {"framework": r["framework"], "stages": dict(r["stages"])} for r in data["responses"]
        ],
        "avoid": list(data["avoid"]),
    }


def card_record(data: Mapping[str, Any]) -> BattlecardFields:
    return {
        "id": data["id"],
        "name": data["name"],
        "aliases": list(data["aliases"]),
        "strengths": list(data["strengths"]),
        "weaknesses": list(data["weaknesses"]),
        "how_we_win": list(data["how_we_win"]),
    }
