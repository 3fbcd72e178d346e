"""The pre-call brief as data: what a rep wants in the minute before a call.

Built from the lead, a few queries' worth of its history (`BriefInputs`, filled by the store)
and the playbook; `today` is passed in. Rendering (one screen) and JSON are the caller's.
The playbook is read through `core.playbook.parts`, so `prep` briefs from the compiled plain
form without importing pydantic or building the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.kernel.dates import business_days_between
from salescoach.core.kernel.jsonview import lead_contact, open_task_record
from salescoach.core.kernel.records import Interaction, Lead, OpenTask
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.walk.answers import show

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import Battlecard, Playbook
    from salescoach.core.walk.shapes import (
        BattlecardRecord,
        BriefAnswer,
        BriefEvent,
        BriefFamily,
        BriefJSON,
        BriefObjections,
        BriefSla,
        BriefTask,
        LikelyObjection,
        OpenWalk,
        PersonaRecord,
    )

RECENT = 5
# Kinds the brief shows elsewhere (answers, the step) rather than as recent events.
WALK_DETAIL_KINDS = ("answer", "criteria", "stage")


@dataclass(frozen=True)
class BriefInputs:
    lead: Lead
    recent: list[Interaction]  # newest first, without WALK_DETAIL_KINDS
    objections: list[Interaction]  # kind objection, newest first
    notes: list[str]  # free text the rep wrote about the lead (battlecard mentions)
    open_tasks: list[OpenTask]  # by due date
    open_walk: OpenWalk | None = None  # an unfinished walk


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def build_brief(
    playbook: Playbook, playbook_name: str, inputs: BriefInputs, *, today: date
) -> BriefJSON:
    """The brief, every value as JSON has it (dates as ISO text): `prep --json` prints it."""
    lead = inputs.lead
    step = playbook.step(lead.step) if lead.step in STEP_IDS else playbook.steps[0]
    last = lead.last_interaction_at
    idle = (today - last.date()).days if last else None
    return {
        "schema": "prep",
        "version": 1,
        "lead": {
            **lead_contact(lead),
            "owner": lead.owner,
            "temperature": lead.temperature,
            "status": lead.status,
            "status_reason": lead.status_reason,
            "step": step.id,
            "step_number": STEP_IDS.index(step.id) + 1,
            "step_title": step.title,
            "days_in_step": (today - lead.step_entered_at.date()).days,
            "last_interaction": last.isoformat() if last else None,
            "days_idle": idle,
            "stale": idle is not None and idle > step.stale_after_days,
        },
        "sla": sla_status(lead, today),
        "recent": [_event(i) for i in inputs.recent[:RECENT]],
        "answers": _answers(playbook, lead),
        "objections": _objection_history(playbook, inputs.objections),
        "tasks": [_task(t, today) for t in inputs.open_tasks],
        "step": {
            "id": step.id,
            "number": STEP_IDS.index(step.id) + 1,
            "title": step.title,
            "goal": step.goal,
            "guidance": list(step.guidance),
            "checklist": list(step.checklist),
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "type": q.type,
                    "required": q.required,
                    "answer": lead.answers.get(q.field),
                }
                for q in step.questions
            ],
            "exit_criteria": [c.text for c in step.exit_criteria],
        },
        "persona": _persona(playbook, lead),
        "battlecards": _battlecards(playbook, lead, inputs.notes),
        "likely_objections": _likely(playbook, step.likely_objections, inputs.objections),
        "open_walk": inputs.open_walk,
        "playbook": playbook_name,
        "today": today.isoformat(),
        "notes": inputs.notes[:3],
    }


def _task(task: OpenTask, today: date) -> BriefTask:
    return {**open_task_record(task), "overdue": task.due < today, "due_today": task.due == today}


def sla_status(lead: Lead, today: date) -> BriefSla:
    """met / late / broken / due (today or in N business days) / none, with the dates."""
    due = lead.sla_due
    contacted = lead.first_contact_at.date() if lead.first_contact_at else None
    if due is None:
        state, days = "none", None
    elif contacted is not None:
        days = business_days_between(due, contacted)
        state = "met" if contacted <= due else "late"
    else:
        days = business_days_between(today, due)
        state = "broken" if today > due else "due"
    return {
        "state": state,
        "due": _day(due),
        "first_contact": _day(contacted),
        "business_days": days,
    }


def _event(item: Interaction) -> BriefEvent:
    return {
        "at": item.at.isoformat(),
        "kind": item.kind,
        "step": item.step,
        "channel": item.channel,
        "text": item.text,
        "objection": item.objection,
        "result": item.result,
    }


def _answers(playbook: Playbook, lead: Lead) -> list[BriefAnswer]:
    rows: list[BriefAnswer] = []
    seen = set()
    for step, question in playbook.questions():
        if question.field in lead.answers and question.field not in seen:
            seen.add(question.field)
            value = lead.answers[question.field]
            rows.append(
                {
                    "field": question.field,
                    "step": step.id,
                    "question": question.text,
                    "value": value,
                    "shown": show(value, question),
                }
            )
    extra = sorted(set(lead.answers) - seen)  # answers from another playbook
    rows += [
        {"field": f, "step": None, "question": f, "value": v, "shown": show(v)}
        for f in extra
        for v in [lead.answers[f]]
    ]
    return rows


def _objection_history(playbook: Playbook, raised: list[Interaction]) -> BriefObjections:
    counts = Counter(i.objection or "other" for i in raised)
    resolved = Counter(i.objection or "other" for i in raised if i.result == "resolved")
    families: list[BriefFamily] = [
        {
            "id": oid,
            "title": (o.title if (o := playbook.objection(oid)) else "not in the playbook"),
            "times": n,
            "resolved": resolved[oid],
            "last_result": next(i.result for i in raised if (i.objection or "other") == oid),
        }
        for oid, n in counts.most_common()
    ]
    return {"families": families, "latest": [_event(i) for i in raised[:3]]}


def _persona(playbook: Playbook, lead: Lead) -> PersonaRecord | None:
    wanted = lead.answers.get("persona")
    found = next((p for p in playbook.personas if p.id == wanted), None)
    if found is None:
        return None
    return {
        "id": found.id,
        "role": found.role,
        "cares_about": list(found.cares_about),
        "talking_points": list(found.talking_points),
    }


def _battlecards(playbook: Playbook, lead: Lead, notes: list[str]) -> list[BattlecardRecord]:
    named = lead.answers.get("competitors") or []
    named = [named] if isinstance(named, str) else list(named)
    texts = notes + [v for v in lead.answers.values() if isinstance(v, str)]
    cards: list[BattlecardRecord] = []
    for card in playbook.battlecards:
        if card.id in named:
            why = "named as a competitor"
        elif any(_mentions(card, text) for text in texts):
            why = "mentioned in notes"
        else:
            continue
        cards.append(
            {
                "id": card.id,
                "name": card.name,
                "aliases": list(card.aliases),
                "strengths": list(card.strengths),
                "weaknesses": list(card.weaknesses),
                "how_we_win": list(card.how_we_win),
                "why": why,
            }
        )
    return cards


def _mentions(card: Battlecard, text: str) -> bool:
    for name in [card.name, *card.aliases]:
        if re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text.lower()):
            return True
    return False


def _likely(
    playbook: Playbook, ids: Sequence[str], raised: list[Interaction]
) -> list[LikelyObjection]:
    found: list[LikelyObjection] = []
    for oid in ids:
        family = playbook.objection(oid)
        if family is None:
            continue
        before = [i.result for i in raised if i.objection == oid]
        found.append(
            {
                "id": oid,
                "title": family.title,
                "concern": family.concern,
                "ask": family.probing_questions[0],
                "raised_before": len(before),
                "last_result": before[0] if before else None,
            }
        )
    return found
