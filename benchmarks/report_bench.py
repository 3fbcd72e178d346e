"""Benchmark: `salescoach report --period quarter --json` on a big store and on an empty one.

    python benchmarks/report_bench.py [--runs 7] [--keep DIR]

Builds (with direct SQL, in a few seconds) a store of 10,000 leads and 200,000 interactions
spread over the year before SALESCOACH_TODAY (2026-03-11), with objections, outcomes, SLA
deadlines, training history and goals; then times whole `python -m salescoach` processes and
prints the medians and the ratio of big to empty. Target: under 1 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.playbook.model import OBJECTION_IDS
from salescoach.store.db import connect, transaction

TODAY = date(2026, 3, 11)
LEADS = 10_000
INTERACTIONS = 200_000
TRAINING = 3_000
ZONE = timezone(timedelta(hours=1))
CHANNELS = ("call", "call", "call", "email", "email", "meeting", None)
COMMAND = ["report", "--period", "quarter", "--json"]


def _stamp(rng: random.Random, start: datetime, days: float) -> datetime:
    return start + timedelta(minutes=rng.randrange(int(days * 24 * 60) + 1))


def build_store(home: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    conn = connect(home / "salescoach.db")
    year_ago = datetime(TODAY.year - 1, TODAY.month, TODAY.day, 8, tzinfo=ZONE)
    leads, interactions = [], []
    per_lead = INTERACTIONS // LEADS
    for lead_id in range(1, LEADS + 1):
        created = _stamp(rng, year_ago, 360)
        furthest = rng.choices(range(7), weights=(30, 20, 18, 12, 8, 7, 5))[0]
        imported = rng.random() < 0.5
        sla_due = (created.date() + timedelta(days=rng.choice((1, 2, 5)))).isoformat()
        at = created
        first_contact = None
        for n in range(per_lead):
            at = at + timedelta(hours=rng.randrange(1, 72))
            step = STEP_IDS[min(furthest, n * 7 // per_lead)]
            channel = rng.choice(CHANNELS)
            kind, objection, result, detail = "note", None, None, None
            if step == "objections" and rng.random() < 0.5:
                kind, objection = "objection", rng.choice(OBJECTION_IDS)
                result = rng.choice(("resolved", "partly", "not_resolved", None))
            if n == per_lead - 1 and furthest >= 5:
                kind = "outcome"
                result = rng.choice(("won", "lost", "no_decision", "next_step"))
                if result == "won":
                    detail = json.dumps({"deal_value": rng.randrange(1_000, 50_000)})
            if channel and first_contact is None:
                first_contact = at
            interactions.append(
                (
                    lead_id,
                    at.isoformat(timespec="seconds"),
                    step,
                    channel,
                    kind,
                    objection,
                    result,
                    detail,
                )
            )
        stamp = created.isoformat(timespec="seconds")
        leads.append(
            (
                lead_id,
                f"Lead {lead_id}",
                f"Company {lead_id % 3000}",
                "warm",
                "b2b-saas",
                STEP_IDS[furthest],
                sla_due if imported else None,
                first_contact.isoformat(timespec="seconds") if first_contact else None,
                at.isoformat(timespec="seconds"),
                at.isoformat(timespec="seconds"),
                stamp,
                stamp,
            )
        )
    training = [
        (
            _stamp(rng, year_ago, 365).isoformat(timespec="seconds"),
            "objections",
            f"objections:{rng.choice(OBJECTION_IDS)}",
            rng.randrange(0, 6),
            5,
        )
        for _ in range(TRAINING)
    ]
    with transaction(conn):
        conn.executemany(
            "INSERT INTO leads (id, name, company, temperature, playbook, step, sla_due, "
            "first_contact_at, last_interaction_at, step_entered_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            leads,
        )
        # The log is appended as things happen, so rows arrive in time order, as in real use.
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, step, channel, kind, objection, result, "
            "detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            sorted(interactions, key=lambda row: row[1]),
        )
        conn.executemany(
            "INSERT INTO training (at, drill, item, score, max_score) VALUES (?, ?, ?, ?, ?)",
            training,
        )
        for metric, target, period in (
            ("calls", 50, "week"),
            ("deals_won", 10, "month"),
            ("revenue_won", 250_000, "quarter"),
        ):
            conn.execute(
                "INSERT INTO goals (metric, target, period, created_at) VALUES (?, ?, ?, ?)",
                (metric, target, period, year_ago.isoformat()),
            )
    conn.execute("ANALYZE")
    conn.close()


def time_command(home: Path, runs: int) -> list[float]:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_TODAY": TODAY.isoformat()}
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache and is not counted
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "salescoach", *COMMAND], env=env, capture_output=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"report failed: {done.stderr.decode()}")
    return times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the big store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        big = args.keep or Path(scratch) / "big"
        empty = Path(scratch) / "empty"
        for home in (big, empty):
            home.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        build_store(big)
        connect(empty / "salescoach.db").close()
        print(
            f"built {LEADS:,} leads / {INTERACTIONS:,} interactions in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        empty_times = time_command(empty, args.runs)
        big_times = time_command(big, args.runs)
    empty_median, big_median = statistics.median(empty_times), statistics.median(big_times)
    print(f"command: salescoach {' '.join(COMMAND)}  ({args.runs} runs each, median)")
    print(f"empty store: {empty_median * 1000:7.0f} ms")
    print(f"big store:   {big_median * 1000:7.0f} ms   ratio {big_median / empty_median:.2f}x")
    verdict = "meets" if big_median < 1.0 else "MISSES"
    print(f"target < 1 s on the big store: {verdict}")
    if big_median >= 1.0:
        raise SystemExit(1)


if __name__ == "__main__":
    # An installed salescoach runs from its bytecode: measure that, not compiling every module.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
