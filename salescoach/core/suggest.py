"""Which objection families to offer first for what the buyer said.

`suggest_objections` is the one seam for the objection matcher: today it ranks the families
whose keywords appear in the text; the full matcher (salescoach.core.objections,
its own issue) replaces its body without changing callers. `rank_objections` orders every family
for a picker: suggested ones, then the step's likely ones, then the rest.
"""

from __future__ import annotations

import re

from salescoach.core.playbook import Objection, Playbook, Step

_WORD = re.compile(r"[a-z0-9']+")


def suggest_objections(playbook: Playbook, text: str) -> list[str]:
    """Objection ids whose keywords (or the playbook's synonyms for them) appear in `text`,
    most hits first; empty when nothing fits."""
    said = f" {' '.join(_WORD.findall(text.lower()))} "
    scored: list[tuple[int, int, str]] = []
    for index, objection in enumerate(playbook.objections):
        words = [*objection.keywords, *playbook.synonyms.get(objection.id, [])]
        hits = sum(f" {' '.join(_WORD.findall(w.lower()))} " in said for w in words)
        if hits:
            scored.append((-hits, index, objection.id))
    return [oid for _, _, oid in sorted(scored)]


def rank_objections(playbook: Playbook, text: str, step: Step) -> tuple[list[Objection], int]:
    """Every family, ordered for a picker, and how many at the front were suggested."""
    suggested = suggest_objections(playbook, text)
    order = [*suggested, *step.likely_objections, *(o.id for o in playbook.objections)]
    seen: list[str] = []
    for oid in order:
        if oid not in seen:
            seen.append(oid)
    families = [o for oid in seen if (o := playbook.objection(oid)) is not None]
    return families, len(suggested)
