"""The text of a new user playbook that extends another."""

from __future__ import annotations

import re

from salescoach.core.playbook.model import Playbook
from salescoach.errors import UsageError

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def scaffold(name: str, parent: str, parent_playbook: Playbook) -> str:
    if not _NAME.match(name):
        raise UsageError(
            f"{name!r} is not a playbook name", hint="use a-z, 0-9, - and _ (up to 64)"
        )
    example = parent_playbook.objections[0].id if parent_playbook.objections else "price"
    return f"""\
# A team playbook on top of {parent}. Write only what differs: lists of items with an `id`
# (steps, questions, objections, cadences, personas, battlecards, scenarios) merge by id,
# anything else replaces the parent's value. Check it with: salescoach playbook validate FILE
extends: {parent}
title: {name}
# steps:
#   - id: closing
#     guidance:
#       - Our own closing advice.
# objections:
#   - id: {example}
#     phrasings:
#       - Something our buyers say.
"""
