"""The prompts and battlecards of the compiled cache (JSON already), copied into their typed
shapes (core/objections/shapes.py, core/playbook/shapes.py) for `objection --json`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salescoach.core.objections.shapes import ObjectionPrompts
    from salescoach.core.playbook.parts import Objection
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


def prompts_of(objection: Objection) -> ObjectionPrompts:
    """The prompts of a playbook's objection, the model's or its plain form."""
    responses = [{"framework": r.framework, "stages": r.stages} for r in objection.responses]
    fields = ("id", "title", "concern", "probing_questions", "avoid")
    return prompts_record({**{k: getattr(objection, k) for k in fields}, "responses": responses})


def card_record(data: Mapping[str, Any]) -> BattlecardFields:
    return {
        "id": data["id"],
        "name": data["name"],
        "aliases": list(data["aliases"]),
        "strengths": list(data["strengths"]),
        "weaknesses": list(data["weaknesses"]),
        "how_we_win": list(data["how_we_win"]),
    }
