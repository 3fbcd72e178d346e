"""Questions that pick an objection family list the playbook's families, all of them.

A choice question whose choices are all objection family ids ("Which objection family is the
main one?") picks a family. A team playbook that extends a shipped one and adds its own family
(`budget_freeze`) would otherwise still offer only the parent's list, written into the parent's
question: so after loading, such a question offers every family of the merged playbook, in the
playbook's order.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.playbook import parts
    from salescoach.core.playbook.model import Playbook


def picks_family(question: parts.Question, family_ids: Collection[str]) -> bool:
    choices = question.choices or []
    return question.type == "choice" and len(choices) >= 2 and set(choices) <= set(family_ids)


def with_family_choices(playbook: Playbook) -> Playbook:
    """`playbook` with each family-picking question offering all its families."""
    ids = [o.id for o in playbook.objections]
    if not any(picks_family(q, ids) and q.choices != ids for _, q in playbook.questions()):
        return playbook
    steps = [
        step.model_copy(
            update={
                "questions": [
                    q.model_copy(update={"choices": list(ids)}) if picks_family(q, ids) else q
                    for q in step.questions
                ]
            }
        )
        for step in playbook.steps
    ]
    return playbook.model_copy(update={"steps": steps})
