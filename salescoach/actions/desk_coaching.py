"""The manager coaches through the hub: `team drill assign` and `team playbook publish`.

Both write records with no lead, pushed by the manager's session (origin "hub"): an
assignment owned by its rep, a playbook version owned by the manager. Everything given is
checked before the hub is written (an unknown or removed rep, a family or scenario the
playbook lacks, a due date in the past, an invalid playbook): nothing is written then.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from salescoach.actions.desk import desk_connection
from salescoach.actions.desk_assign import check_rep, push_all
from salescoach.actions.team import Prompt
from salescoach.core.kernel.periods import Span
from salescoach.core.sync.gids import RANDOM_BYTES, time_ordered_gid
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamVersionsJSON

ORIGIN = "hub"
_PLAYBOOKS = uuid.UUID("4f2d8a61-3c7e-4b8e-9a0d-5e1f6b2c7d93")  # namespace of published versions
PLAYBOOK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Assigned:
    rep: str
    drill: str
    target: str
    due: str | None


def assign_drill(
    rep: str,
    what: str,
    due: date | None,
    playbook: str | None,
    today: date,
    now: datetime,
    wall_ms: int,
    *,
    prompt: Prompt,
) -> Assigned:
    from salescoach.core.playbook.loader import load_playbook
    from salescoach.core.sync.changes import FieldValue, RowChange
    from salescoach.core.sync.clock import Stamp
    from salescoach.core.training.assignments import check_due, drill_of
    from salescoach.paths import DEFAULT_PLAYBOOK, playbook_dirs

    loaded = load_playbook(playbook or DEFAULT_PLAYBOOK, playbook_dirs())
    drill, target = drill_of(loaded.playbook, what)
    due_day = check_due(due, today)
    with desk_connection("drill assign", prompt, pushes=True) as connection:
        check_rep(connection, rep)
        fields: dict[str, FieldValue] = {
            "rep": rep, "drill": drill, "target": target, "playbook": loaded.name,
            "due": due_day, "assigned_at": now.isoformat(timespec="seconds"), "status": "open",
        }  # fmt: skip
        gid = time_ordered_gid(wall_ms, os.urandom(RANDOM_BYTES))
        push_all(
            connection,
            [RowChange("assignments", gid, None, rep, ORIGIN, Stamp(wall_ms, 0, ORIGIN).text(),
                       fields)],
        )  # fmt: skip
    return Assigned(rep, drill, target, due_day)


@dataclass(frozen=True, slots=True)
class Published:
    name: str
    version: int


def publish_playbook(file: Path, now: datetime, wall_ms: int, *, prompt: Prompt) -> Published:
    from salescoach.core.playbook.loader import load_file, read_text
    from salescoach.core.sync.changes import RowChange
    from salescoach.core.sync.clock import Stamp
    from salescoach.hub.coaching_queries import next_playbook_version
    from salescoach.paths import playbook_dirs

    name = file.stem
    if not PLAYBOOK_NAME.match(name):
        raise UsageError(
            f"{file.name}: a published playbook's name (its file name) must be lower-case "
            "letters, digits, - and _ (up to 64)"
        )
    loaded = load_file(file, playbook_dirs())  # PlaybookError (exit 2) names every problem
    _check_parents(loaded.files[1:])
    text = read_text(file)
    with (
        desk_connection("playbook publish", prompt, pushes=True) as connection,
        connection.transaction(),
    ):
        version = next_playbook_version(connection, name)
        manager = connection.execute("SELECT current_user").fetchone()[0]
        change = RowChange(
            "playbooks", str(uuid.uuid5(_PLAYBOOKS, f"{name}\n{version}")), None, manager,
            ORIGIN, Stamp(wall_ms, 0, ORIGIN).text(),
            {"name": name, "version": version, "yaml": text,
             "published_at": now.isoformat(timespec="seconds"), "published_by": manager},
        )  # fmt: skip
        push_all(connection, [change])
    return Published(name, version)


def _check_parents(parents: tuple[Path, ...]) -> None:
    """A published playbook reaches reps alone: it may extend only what every rep has (a
    shipped playbook, or another published one)."""
    from salescoach.paths import hub_playbook_dir, shipped_playbook_dir

    shared = (shipped_playbook_dir().resolve(), hub_playbook_dir().resolve())
    for parent in parents:
        if parent.resolve().parent not in shared:
            raise UsageError(
                f"it extends {parent}, which the reps do not have; nothing was published",
                hint="extend a shipped playbook or a published one, or publish the parent first",
            )


def playbook_versions_report(span: Span, today: date, *, prompt: Prompt) -> TeamVersionsJSON:
    from salescoach.actions.desk import checked_span
    from salescoach.core.team.by_version import compare_versions
    from salescoach.hub.coaching_report_queries import version_rows

    checked_span(span, today)
    with desk_connection("report", prompt) as connection:
        walks, results, arrivals = version_rows(connection, span)
    return compare_versions(span, today, walks, results, arrivals)
