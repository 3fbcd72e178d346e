"""The second process of a full export (`store.export_tail`): writes the export of the store
at STORE from the cut (TABLE, ROWID) on to the open file FD, from a read transaction it
begins when told to (see the hand-shake there), then says on stdout what it did, as JSON.

    python -m salescoach.store.export_rest_process STORE FD TABLE ROWID
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from typing import Any

from salescoach.errors import StoreError
from salescoach.store.export_tail import BEGIN, READY, STARTED, read_only
from salescoach.store.exporter import write_part

_BUFFER = 1 << 20


def main(argv: list[str]) -> None:
    """Write the rest. Its exit status is only for the export that started it: 0 when the
    rest was written or stopped at a row JSON cannot carry (said on stdout), anything else
    when it failed (the export then writes the rest itself); the user sees the export's."""
    path, fd, table, row = argv
    conn = sqlite3.connect(read_only(path), uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    parent = os.getppid()
    _say(STARTED)
    if sys.stdin.buffer.readline() != BEGIN:
        return  # the export goes on without it
    conn.execute("BEGIN")
    conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the snapshot begins
    _say(READY)
    result: dict[str, Any]
    with open(int(fd), "wb", buffering=_BUFFER) as out:

        def write(data: bytes) -> None:
            if os.getppid() != parent:  # the export was killed: nobody will read this
                raise SystemExit(1)
            out.write(data)

        try:
            result = {"written": write_part(conn, write, start=(table, int(row)))}
        except StoreError as error:
            result = {"error": error.message, "hint": error.hint}
    sys.stdout.buffer.write(json.dumps(result).encode())


def _say(line: bytes) -> None:
    sys.stdout.buffer.write(line)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
