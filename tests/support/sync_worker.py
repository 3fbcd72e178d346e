"""A rep (or the manager) in a process of its own, for the kill and concurrency tests.

`python -m tests.support.sync_worker sync DB CONNINFO ROLE REPLICA`: one sync, then exit.
`python -m tests.support.sync_worker soak DB CONNINFO ROLE REPLICA SECONDS [REPS...]`: until
the time is up, write (a rep: leads, notes, edits; the manager: reassigns among REPS) and sync.
The role's password comes in PGPASSWORD.
"""

from __future__ import annotations

import os
import random
import sys
import time
from contextlib import closing
from pathlib import Path

from salescoach.hub import open_session
from salescoach.hub.config import TeamConfig
from tests.support.replicas import Replica


def _sync(replica: Replica, conninfo: str, role: str) -> None:
    config = TeamConfig(url=conninfo, rep=role, replica=replica.replica)
    with open_session(config, password_prompt=lambda: os.environ["PGPASSWORD"]) as session:
        replica.sync(session)


def _rep_round(replica: Replica, role: str, rnd: random.Random, count: int) -> int:
    mine = replica.conn.execute(
        "SELECT id FROM leads WHERE owner IS NULL OR owner = ?", (role,)
    ).fetchall()
    if not mine or rnd.random() < 0.3:
        replica.add_lead(f"{role}-{count}")
    else:
        lead = rnd.choice(mine)[0]
        replica.log(lead, f"{role} note {count}")
        replica.write("UPDATE leads SET phone = ? WHERE id = ?", str(count), lead)
    return count + 1


def _manager_round(replica: Replica, reps: list[str], rnd: random.Random) -> None:
    leads = replica.conn.execute("SELECT id FROM leads").fetchall()
    if leads:
        replica.write(
            "UPDATE leads SET owner = ? WHERE id = ?", rnd.choice(reps), rnd.choice(leads)[0]
        )


def main(argv: list[str]) -> None:
    what, db, conninfo, role, replica_id = argv[:5]
    replica = Replica.open(Path(db).parent, Path(db).stem)
    replica.replica = replica_id
    with closing(replica.conn):
        if what == "sync":
            _sync(replica, conninfo, role)
            return
        seconds, reps = float(argv[5]), argv[6:]
        rnd, count, end = random.Random(role), 0, time.monotonic() + seconds
        while time.monotonic() < end:
            if reps:
                _manager_round(replica, reps, rnd)
            else:
                for _ in range(rnd.randint(1, 5)):
                    count = _rep_round(replica, role, rnd, count)
            _sync(replica, conninfo, role)


if __name__ == "__main__":
    main(sys.argv[1:])
