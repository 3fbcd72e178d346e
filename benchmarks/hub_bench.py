"""Benchmark: the hub session's push and pull against a real PostgreSQL on loopback.

    python benchmarks/hub_bench.py [--leads 1000 --interactions 10000]
                                   [--pull-leads 5000 --pull-interactions 100000]

Starts a throw-away cluster (as the tests do; or SALESCOACH_TEST_PG_URL), creates a hub with
one manager and one rep, and connects over TCP to 127.0.0.1. Push: the rep pushes N new leads
and M interactions in batches of 1,000 changes (one transaction each), timed from the first
push to the last commit. Pull: a hub holding the rep's 5,000 leads and 100,000 interactions is
pulled from the beginning, in batches of 5,000, by a fresh process (so its peak memory is the
pull's alone): the time and the process's peak resident memory.

Targets (issue 15): push 10,000 interactions + 1,000 leads < 5 s; pull < 10 s and < 150 MB.
This measures the hub session only; the local store's side is `benchmarks/sync_bench.py`.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salescoach.core.sync.changes import RowChange

BATCH = 1_000
PULL_BATCH = 5_000


def changes(rep: str, leads: int, interactions: int) -> Iterator[RowChange]:
    """Leads, then interactions spread over them, with fields the size of real rows."""
    gids = [str(uuid.uuid4()) for _ in range(leads)]
    clock = 1_764_590_000_000
    for i, gid in enumerate(gids):
        clock += 1
        yield RowChange(
            "leads", gid, gid, rep, "bench-replica", f"{clock:018d}-000000-bench", {
                "name": f"Lead {i}", "company": f"Company {i % 700}", "email": f"l{i}@ex.com",
                "phone": "+44 20 7946 0000", "title": "Head of Operations", "source": "web",
                "temperature": "warm", "status": "active", "step": "approach",
                "playbook": "b2b-saas", "owner": rep, "created_at": "2026-01-05T09:00:00",
                "step_entered_at": "2026-01-06T10:00:00", "notes": "Met at the trade fair.",
            },
        )  # fmt: skip
    for i in range(interactions):
        clock += 1
        gid = gids[i % leads]
        yield RowChange(
            "interactions", str(uuid.uuid4()), gid, rep, "bench-replica",
            f"{clock:018d}-000000-bench", {
                "lead_gid": gid, "at": "2026-02-03T11:15:00", "channel": "call",
                "direction": "outbound", "step": "approach", "outcome": "connected",
                "note": "Talked through the pilot; wants numbers for the CFO by Friday.",
            },
        )  # fmt: skip


def push_all(session: object, stream: Iterator[RowChange]) -> int:
    batch: list[RowChange] = []
    refused = 0
    for change in stream:
        batch.append(change)
        if len(batch) == BATCH:
            refused += len(session.push(batch))  # type: ignore[attr-defined]
            batch = []
    if batch:
        refused += len(session.push(batch))  # type: ignore[attr-defined]
    return refused


def pull_child(url: str, rep: str, password: str) -> None:
    """In a fresh process: pull everything; print seconds, changes and peak RSS (MiB)."""
    from salescoach.hub import open_session
    from salescoach.hub.config import TeamConfig

    started = time.perf_counter()
    count, cursor = 0, None
    with open_session(TeamConfig(url, rep, "pull-bench"), password_prompt=lambda: password) as s:
        while True:
            batch = s.pull(cursor, PULL_BATCH)
            count += len(batch.changes)  # a store would apply the batch here, then drop it
            cursor = batch.cursor
            if not batch.more:
                break
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {count} {peak:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1_000)
    parser.add_argument("--interactions", type=int, default=10_000)
    parser.add_argument("--pull-leads", type=int, default=5_000)
    parser.add_argument("--pull-interactions", type=int, default=100_000)
    parser.add_argument("--pull-child", nargs=3, metavar=("URL", "REP", "PASSWORD"))
    args = parser.parse_args()
    if args.pull_child:
        pull_child(*args.pull_child)
        return

    from tests.support.hub import make_team
    from tests.support.postgres import HubDatabase, fresh_database, server_bin, throwaway_cluster

    bin_dir = server_bin()
    if bin_dir is None:
        sys.exit("no PostgreSQL server binaries (initdb) found")
    with throwaway_cluster(bin_dir) as cluster, fresh_database(cluster) as db:
        loopback = HubDatabase(
            type(cluster)(
                "127.0.0.1", cluster.tcp_port or 5432, None, "postgres", cluster.password
            ),
            db.name,
        )
        team = make_team(loopback, reps=("pusher", "puller"))

        with team.session("pusher") as session:
            started = time.perf_counter()
            refused = push_all(session, changes("pusher", args.leads, args.interactions))
            pushed = time.perf_counter() - started
        total = args.leads + args.interactions
        print(
            f"push {args.leads:,} leads + {args.interactions:,} interactions "
            f"({total // BATCH} transactions of {BATCH:,}): {pushed:.2f} s "
            f"({total / pushed:,.0f} changes/s; {refused} refused); target < 5 s"
        )

        with team.session("puller") as session:
            push_all(session, changes("puller", args.pull_leads, args.pull_interactions))
        done = subprocess.run(
            [sys.executable, __file__, "--pull-child", loopback.conninfo(), "puller",
             team.passwords["puller"]],
            capture_output=True, text=True, check=True, env={**os.environ},
        )  # fmt: skip
        seconds, count, peak = done.stdout.split()
        print(
            f"pull {args.pull_leads:,} leads + {args.pull_interactions:,} interactions "
            f"({int(count):,} changes, batches of {PULL_BATCH:,}) into a fresh process: "
            f"{float(seconds):.2f} s, peak memory {float(peak):.0f} MiB; "
            "target < 10 s, < 150 MB"
        )


if __name__ == "__main__":
    main()
