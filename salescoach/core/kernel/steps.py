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
# Each step's name where no one playbook names it (a report spans leads on several playbooks,
# and each playbook may title its steps in its own words).
STEP_TITLES: dict[str, str] = {
    "prospecting": "Prospecting",
    "preparation": "Preparation",
    "approach": "Approach",
    "presentation": "Presentation",
    "objections": "Handling objections",
    "closing": "Closing",
    "follow_up": "Follow-up",
}
