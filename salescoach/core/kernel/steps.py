"""The seven steps of a sale, in order: the spine of every playbook.

A module of its own, with no imports, so that commands which never read a playbook can know
the step ids without building the pydantic playbook model.
"""

from __future__ import annotations

STEP_IDS: tuple[str, ...] = (
    "prospecting",
    "preparation",
    "approach",
    "presentation",
    "objections",
    "closing",
    "follow_up",
)
