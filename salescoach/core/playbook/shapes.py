"""Pieces of a playbook as the JSON outputs show them, and `playbook list --json`.

Kept apart from the pydantic model (core/playbook/model.py) so that commands that print
these never build it. The playbook format itself is published from the model.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict


class BattlecardFields(TypedDict):
    """A competitor's battlecard, as the playbook writes it."""

    id: str
    name: str
    aliases: list[str]
    strengths: list[str]
    weaknesses: list[str]
    how_we_win: list[str]


class PlaybookEntryJSON(TypedDict):
    """One playbook on the search path: `playbook list --json` prints an array of them."""

    schema: Literal["playbook-entry"]
    version: Literal[1]
    name: str
    origin: str  # built-in, user, path, or file
    file: str
    default: bool
    shadows: list[str]  # files of the same name further down the path
