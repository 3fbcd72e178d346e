"""The privacy switch, settled once per command: does this command write interactions?

`--no-log` on the command, or `salescoach logs off` saved in the store, silence the log. A
command resolves that once with `interaction_log` and hands the one `InteractionLog` to every
action it calls; every interaction any action writes goes through `InteractionLog.write`.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

from salescoach.core.kernel.records import NewInteraction
from salescoach.core.kernel.safe_text import check_text
from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.store.db import transaction
from salescoach.store.interactions import insert_interaction, logging_enabled, set_logging
from salescoach.store.sync_state import require_own_lead

Silence = Literal["--no-log", "logs off"]


class InteractionLog(HashedSlotted):
    """The interaction log as one command may use it; `silenced_by` says why not, if not."""

    __slots__ = ("silenced_by",)

    def __init__(
        self,
        silenced_by: Silence | None = None,
    ) -> None:
        self.silenced_by = silenced_by

    @property
    def enabled(self) -> bool:
        return self.silenced_by is None

    def write(self, conn: sqlite3.Connection, item: NewInteraction) -> int | None:
        """Append `item` (inside the caller's transaction); its id, or None when silenced.

        Every path that logs checks its text first; this is the last guard, so none can
        store a terminal control (a UsageError rolls the caller's transaction back)."""
        require_own_lead(conn, item.lead_id)
        if item.text:
            check_text("note", item.text, multiline=True)
        if item.result:
            check_text("outcome", item.result)
        return insert_interaction(conn, item) if self.enabled else None


def interaction_log(conn: sqlite3.Connection, *, no_log: bool = False) -> InteractionLog:
    """The log for this command: silenced by `--no-log`, else by `logs off`."""
    if no_log:
        return InteractionLog("--no-log")
    return InteractionLog(None if logging_enabled(conn) else "logs off")


def switch_logging(conn: sqlite3.Connection, enabled: bool) -> None:
    """`salescoach logs on|off`: save the switch for the commands that follow."""
    with transaction(conn):
        set_logging(conn, enabled)
