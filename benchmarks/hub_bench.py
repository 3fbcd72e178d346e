"""Benchmark: `salescoach sync` against a real PostgreSQL hub, as whole processes.

    python benchmarks/hub_bench.py [--runs 3] [--idle-runs 7]

Starts a throw-away cluster (as the tests do; or SALESCOACH_TEST_PG_URL) and creates a hub
with one rep per run. Each figure is the median of --runs whole `python -m salescoach sync`
processes (the rep's password in a pgpass file, SALESCOACH_TODAY fixed):

- push: a store of 1,000 leads with 10,000 interactions syncs for the first time (a new rep
  each run); target < 5 s. Measured again with the desk trigger (hub migration 2) disabled,
  to show what keeping the desk current costs a push.
- pull: a fresh data home joins as the rep who holds 5,000 leads with 100,000 interactions
  on the hub (pushed once through the hub session) and syncs; target < 10 s and a peak
  resident memory < 150 MB.
- idle: a sync with nothing to do against `salescoach plan` on the same store, alternating,
  --idle-runs each; target <= 1.5x.

It prints every run and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sync_idle_bench import cluster, fill, join, run, timed_child  # noqa: E402

from salescoach.core.sync.changes import RowChange  # noqa: E402
from salescoach.core.sync.gids import RANDOM_BYTES, time_ordered_gid  # noqa: E402

STAMP = "2026-03-11T09:00:00+00:00"
PUSH_SECONDS, PULL_SECONDS, PULL_MIB, IDLE_RATIO = 5.0, 10.0, 150.0, 1.5


def hub_rows(rep: str, leads: int, per_lead: int) -> Iterator[RowChange]:
    """A rep's leads and interactions as their store pushes them (every column set), each
    with a time-ordered gid minted as its row was made, as a store's triggers mint them."""
    clock = 1_764_590_000_000
    gids = [time_ordered_gid(clock + 1 + i, os.urandom(RANDOM_BYTES)) for i in range(leads)]
    for i, gid in enumerate(gids):
        clock += 1
        yield RowChange("leads", gid, gid, rep, "bench", f"{clock:018d}-000000-bench", {
            "name": f"Lead {i}", "company": f"Company {i % 700}", "email": f"l{i}@ex.com",
            "phone": None, "source": "web", "temperature": "warm", "playbook": "b2b-saas",
            "owner": rep, "step": "approach", "status": "open", "status_reason": None,
            "sla_due": None, "first_contact_at": None, "last_interaction_at": STAMP,
            "step_entered_at": STAMP, "created_at": STAMP, "updated_at": STAMP, "mobile": None,
            "job_title": "Head of Operations", "crm_vendor": None, "crm_id": None,
            "origin": None,
        })  # fmt: skip
    for i in range(leads * per_lead):
        clock += 1
        yield RowChange(
            "interactions", time_ordered_gid(clock, os.urandom(RANDOM_BYTES)),
            gids[i // per_lead], rep, "bench",
            f"{clock:018d}-000000-bench", {
                "at": STAMP, "step": "approach", "channel": "call", "kind": "note",
                "text": "Talked through the pilot; wants numbers for the CFO by Friday.",
                "objection": None, "result": None, "duration_minutes": 5,
                "detail_json": None, "session_gid": None,
            },
        )  # fmt: skip


def push_through_session(team: Any, rep: str, rows: Iterator[RowChange]) -> None:
    with team.session(rep) as session:
        batch: list[RowChange] = []
        for change in rows:
            batch.append(change)
            if len(batch) == 5_000:
                session.push(batch)
                batch = []
        if batch:
            session.push(batch)


def first_push(db: Any, team: Any, tmp: Path, rep: str) -> float:
    env = join(db, tmp, team, rep, "home")
    run(env, "tasks", "--json")  # the store, migrated by the package itself
    fill(tmp / rep / "home" / "salescoach.db", 1_000, 10)
    seconds, _ = timed_child(env, "sync")
    return seconds


def desk_trigger(db: Any, enabled: bool) -> None:
    with db.connect() as admin:
        verb = "ENABLE" if enabled else "DISABLE"
        admin.execute(f"ALTER TABLE salescoach.feed {verb} TRIGGER feed_to_desk")


def report(label: str, values: list[float], unit: str, target: float | None) -> bool:
    median = statistics.median(values)
    runs = ", ".join(f"{v:.2f}" for v in values)
    verdict = "" if target is None else (" met" if median < target else " MISSED")
    bound = "" if target is None else f"; target < {target:g} {unit}:{verdict}"
    print(f"{label}: median {median:.2f} {unit} ({runs}){bound}", flush=True)
    return target is None or median < target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle-runs", type=int, default=7)
    args = parser.parse_args()
    from tests.support.hub import make_team
    from tests.support.postgres import fresh_database

    pushers = [f"pusher{i}" for i in range(2 * args.runs)]
    ok = True
    with cluster() as server, tempfile.TemporaryDirectory() as tmp, fresh_database(server) as db:
        folder = Path(tmp)
        team = make_team(db, (*pushers, "puller", "idler"))
        pushes = [first_push(db, team, folder, rep) for rep in pushers[: args.runs]]
        ok &= report("push 1,000 leads + 10,000 interactions (first sync)", pushes, "s",
                     PUSH_SECONDS)  # fmt: skip
        desk_trigger(db, enabled=False)
        bare = [first_push(db, team, folder, rep) for rep in pushers[args.runs :]]
        desk_trigger(db, enabled=True)
        report("  the same without the desk trigger", bare, "s", None)

        push_through_session(team, "puller", hub_rows("puller", 5_000, 20))
        pulls, peaks = [], []
        for k in range(args.runs):
            env = join(db, folder, team, "puller", f"fresh{k}")
            seconds, peak = timed_child(env, "sync")
            pulls.append(seconds)
            peaks.append(peak)
        ok &= report("pull 5,000 leads + 100,000 interactions into an empty store", pulls, "s",
                     PULL_SECONDS)  # fmt: skip
        ok &= report("  its peak resident memory", peaks, "MiB", PULL_MIB)

        env = join(db, folder, team, "idler", "home")
        run(env, "tasks", "--json")
        fill(folder / "idler" / "home" / "salescoach.db", 1_000, 5)
        run(env, "sync")
        times: dict[str, list[float]] = {"sync": [], "plan": []}
        for command in times:
            run(env, command)  # warm-up
        for _ in range(args.idle_runs):
            for command in times:
                times[command].append(run(env, command))
        sync, plan = (statistics.median(times[c]) for c in ("sync", "plan"))
        report("idle sync (1,000 leads, nothing to do)", times["sync"], "s", None)
        report("plan on the same store", times["plan"], "s", None)
        ratio_ok = sync <= IDLE_RATIO * plan
        verdict = "met" if ratio_ok else "MISSED"
        print(f"idle sync / plan: {sync / plan:.2f}x; target <= {IDLE_RATIO}x: {verdict}")
        ok &= ratio_ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    # An installed salescoach runs from its bytecode: measure that, not compiling every module.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
