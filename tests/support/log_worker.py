"""One of the writers in the concurrency test: logs COUNT interactions as `salescoach log` does.

python log_worker.py DATABASE WORKER COUNT
"""

from __future__ import annotations

import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from salescoach.actions.interaction_log import interaction_log
from salescoach.actions.interactions import log_interaction
from salescoach.core.kernel.records import NewInteraction
from salescoach.store.db import connect


def main(database: Path, worker: int, count: int) -> None:
    start = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
    with closing(connect(database)) as conn:
        for n in range(count):
            item = NewInteraction(
                lead_id=1,
                at=start + timedelta(seconds=n * 8 + worker),
                kind="note",
                channel="call",
                text=f"worker {worker}",
            )
            if log_interaction(conn, interaction_log(conn), item) is None:
                raise SystemExit("logging is off")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
