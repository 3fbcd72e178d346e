"""Benchmark: `plan --format json` and `tasks --json` on a big store against an empty one.

    python benchmarks/plan_bench.py [--runs 9] [--keep DIR]

Builds two data homes in a temporary folder: an empty store, and one with 10,000 leads,
200,000 interactions and 20,000 tasks (written with plain SQL in one transaction, a few
seconds). Each command runs as a whole process (`python -m salescoach ...`), once to warm the
file cache and the playbook-limits cache, then `--runs` times; the report gives the medians
and the ratio big/empty. Target: within 1.5x of empty. The playbooks come from the usual search
path (SALESCOACH_PLAYBOOK_PATH, the user folder, the shipped ones).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from salescoach.core.kernel.steps import STEP_IDS

TODAY = date(2026, 3, 11)
LEADS, INTERACTIONS, TASKS = 10_000, 200_000, 20_000
PLAYBOOKS = ("b2b-saas", "field-sales", "services")
STEPS = STEP_IDS
CHANNELS = ("call", "email", "meeting", "sms", None)
COMMANDS = {
    "plan --format json": ["plan", "--format", "json"],
    "tasks --json": ["tasks", "--json"],
}


def stamp(day: date, rng: random.Random) -> str:
    moment = datetime.combine(day, clock_time(rng.randint(8, 18), rng.randint(0, 59)))
    return moment.astimezone().isoformat(timespec="seconds")


def make_store(home: Path, *, big: bool) -> None:
    """A data home whose store is migrated (by the package itself) and, if `big`, filled."""
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_TODAY": TODAY.isoformat()}
    subprocess.run(
        [sys.executable, "-m", "salescoach", "tasks", "--json"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not big:
        return
    rng = random.Random(20260311)
    conn = sqlite3.connect(home / "salescoach.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    leads = []
    for lead_id in range(1, LEADS + 1):
        created = TODAY - timedelta(days=rng.randint(0, 180))
        status = rng.choices(("open", "won", "lost", "archived"), (70, 10, 10, 10))[0]
        temperature = rng.choice(("cold", "warm", "qualified"))
        sla_due = created + timedelta(days=rng.randint(0, 5))
        leads.append(
            (
                lead_id,
                f"Lead {lead_id}",
                f"Company {lead_id % 3000}",
                temperature,
                rng.choice(PLAYBOOKS),
                rng.choice(STEPS),
                status,
                sla_due.isoformat(),
                stamp(created, rng),
                stamp(created, rng),
                stamp(created, rng),
            )
        )
    conn.executemany(
        "INSERT INTO leads (id, name, company, temperature, playbook, step, status, sla_due, "
        "step_entered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        leads,
    )
    # 85 leads in 100 get interactions; the rest were never contacted (the SLA section).
    contacted = [lead_id for lead_id in range(1, LEADS + 1) if rng.random() < 0.85]
    conn.executemany(
        "INSERT INTO interactions (lead_id, at, step, channel, kind, text) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (
                lead_id,
                stamp(TODAY - timedelta(days=rng.randint(0, 180)), rng),
                rng.choice(STEPS),
                rng.choice(CHANNELS),
                rng.choice(("note", "answer", "outcome")),
                "talked about the proposal and the next step",
            )
            for lead_id in (rng.choice(contacted) for _ in range(INTERACTIONS))
        ),
    )
    conn.execute(
        "UPDATE leads SET last_interaction_at = (SELECT max(at) FROM interactions i "
        "WHERE i.lead_id = leads.id), first_contact_at = (SELECT min(at) FROM interactions i "
        "WHERE i.lead_id = leads.id AND i.channel IS NOT NULL)"
    )
    tasks = []
    for task_id in range(1, TASKS + 1):
        status = rng.choices(("open", "done", "cancelled", "dropped"), (20, 65, 10, 5))[0]
        due = TODAY + timedelta(days=rng.randint(-30, 30))
        created = stamp(due - timedelta(days=rng.randint(1, 20)), rng)
        tasks.append(
            (
                task_id,
                rng.randint(1, LEADS),
                f"Follow-up {task_id}",
                due.isoformat(),
                rng.choice(CHANNELS),
                rng.choice(("low", "normal", "normal", "high")),
                status,
                created,
                created,
            )
        )
    conn.executemany(
        "INSERT INTO tasks (id, lead_id, title, due, channel, priority, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tasks,
    )
    conn.execute(
        "INSERT INTO goals (metric, target, period, created_at) VALUES "
        "('calls', 40, 'week', '2026-03-01'), ('emails', 20, 'day', '2026-03-01')"
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def timed_ms(home: Path, args: list[str]) -> float:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_TODAY": TODAY.isoformat()}
    command = [sys.executable, "-m", "salescoach", *args]
    start = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return (time.perf_counter() - start) * 1000


def medians_ms(homes: list[Path], args: list[str], runs: int) -> list[float]:
    """Median wall time per home; runs alternate between the homes so that load from other
    processes on the machine falls on both alike. One unmeasured run each warms the caches."""
    for home in homes:
        timed_ms(home, args)
    times: list[list[float]] = [[] for _ in homes]
    for _ in range(runs):
        for index, home in enumerate(homes):
            times[index].append(timed_ms(home, args))
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="Build the stores here and keep them.")
    options = parser.parse_args()
    root = options.keep or Path(tempfile.mkdtemp(prefix="salescoach-plan-bench-"))
    empty, big = root / "empty", root / "big"
    started = time.perf_counter()
    for home, filled in ((empty, False), (big, True)):
        if not (home / "salescoach.db").exists():
            home.mkdir(parents=True, exist_ok=True)
            make_store(home, big=filled)
    print(f"stores ready in {time.perf_counter() - started:.1f} s ({root})", file=sys.stderr)
    print(
        f"| command | empty store (ms) | {LEADS:,} leads / {INTERACTIONS:,} interactions / "
        f"{TASKS:,} tasks (ms) | ratio |"
    )
    print("|---|---:|---:|---:|")
    for name, args in COMMANDS.items():
        base, loaded = medians_ms([empty, big], args, options.runs)
        print(f"| `{name}` | {base:.0f} | {loaded:.0f} | {loaded / base:.2f}x |")


if __name__ == "__main__":
    # An installed salescoach runs from its bytecode: measure that, not compiling every module.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
