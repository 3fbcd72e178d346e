"""The published JSON of the data-home commands: `paths`, `logs status` and `import`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count


class PathsJSON(TypedDict):
    """Where salescoach keeps things: `paths --json`."""

    schema: Literal["paths"]
    version: Literal[1]
    data_home: str
    database: str
    user_playbooks: str
    playbook_search_path: list[str]  # "origin: folder", first match wins


class LogsStatusJSON(TypedDict):
    """Whether interactions are logged: `logs status --json`."""

    schema: Literal["logs-status"]
    version: Literal[1]
    logging: bool


class RestoreJSON(TypedDict):
    """Rows restored into each table: `import --json`."""

    schema: Literal["import"]
    version: Literal[1]
    leads: Count
    sessions: Count
    answers: Count
    interactions: Count
    tasks: Count
    goals: Count
    training: Count
    review_items: Count
    settings: Count


def restore_report(counts: Mapping[str, int]) -> RestoreJSON:
    return {
        "schema": "import",
        "version": 1,
        "leads": counts["leads"],
        "sessions": counts["sessions"],
        "answers": counts["answers"],
        "interactions": counts["interactions"],
        "tasks": counts["tasks"],
        "goals": counts["goals"],
        "training": counts["training"],
        "review_items": counts["review_items"],
        "settings": counts["settings"],
    }
