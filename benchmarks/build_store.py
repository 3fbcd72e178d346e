"""Build benchmark stores quickly, with direct SQL through the real schema (migrations).

    python benchmarks/build_store.py PATH [--leads 10000] [--interactions 200000] [--tasks 20000]

Every store holds the *target lead* ("Grace Benchmark", company "Target Ltd") with the same
20 interactions and 2 open tasks, so a command about that lead prints the same thing on the
small store and on the big one; only the rest of the store differs in size.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salescoach.store.db import connect

TARGET_NAME = "Grace Benchmark"
TARGET_COMPANY = "Target Ltd"
TARGET_REF = "Target Ltd"  # what the benchmark types to find the lead
STEPS = ("prospecting", "preparation", "approach", "presentation", "objections", "closing")
CHANNELS = ("call", "email", "meeting", "sms", "social", "other")
NOW = datetime(2026, 3, 11, 17, 0, tzinfo=UTC)
FIRST = ["Ada", "Bob", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
LAST = ["Smith", "Ng", "Okafor", "Silva", "Müller", "Rossi", "Kowalski", "Haddad", "Tanaka"]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _lead_row(lead_id: int, rng: random.Random, playbook: str) -> tuple[object, ...]:
    created = NOW - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 600))
    status = rng.choices(("open", "won", "lost", "archived"), (80, 8, 8, 4))[0]
    return (
        lead_id,
        f"{rng.choice(FIRST)} {rng.choice(LAST)} {lead_id}",
        f"Company {lead_id % 3001}",
        f"lead{lead_id}@example.com",
        f"+44 20 {lead_id:07d}",
        rng.choice(("webinar", "ads", "referral", "fair", None)),
        rng.choice(("cold", "warm", "qualified")),
        playbook,
        rng.choice(("kim", "sam", None)),
        rng.choice(STEPS),
        status,
        "chose a rival" if status == "lost" else None,
        (created.date() + timedelta(days=rng.randint(1, 5))).isoformat(),
        _stamp(created),
        _stamp(created),
        _stamp(created),
        _stamp(created),
    )


def build(path: Path, *, leads: int, interactions: int, tasks: int, playbook: str) -> int:
    """Create the store at `path` (replacing it); returns the target lead's id."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(20260311)
    target = max(1, leads // 2) if leads else 1
    with closing(connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        rows = [_lead_row(i, rng, playbook) for i in range(1, max(leads, 1) + 1)]
        target_row = list(_lead_row(target, rng, playbook))
        target_row[1:5] = [TARGET_NAME, TARGET_COMPANY, "grace@target.example", "+44 1"]
        target_row[10] = "open"
        target_row[11] = None
        rows[target - 1] = tuple(target_row)
        if not leads:
            rows = [tuple(target_row)]
        conn.executemany(
            "INSERT INTO leads (id, name, company, email, phone, source, temperature, playbook, "
            "owner, step, status, status_reason, sla_due, step_entered_at, created_at, "
            "updated_at, first_contact_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)",
            rows,
        )
        lead_ids = [r[0] for r in rows if r[0] != target]
        log = (
            [_interaction(rng.choice(lead_ids), rng) for _ in range(interactions)]
            if lead_ids
            else []
        )
        log += [_interaction(target, random.Random(n)) for n in range(20)]
        log.sort(key=lambda row: str(row[1]))
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, step, channel, kind, text, objection, result, "
            "duration_minutes, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            log,
        )
        conn.execute(
            "UPDATE leads SET last_interaction_at = (SELECT max(at) FROM interactions i "
            "WHERE i.lead_id = leads.id)"
        )
        work = [_task(rng.choice(lead_ids), rng) for _ in range(tasks)] if lead_ids else []
        work += [_task(target, random.Random(n), status="open") for n in range(2)]
        conn.executemany(
            "INSERT INTO tasks (lead_id, title, due, channel, status, cadence, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            work,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return target


def _interaction(lead_id: int, rng: random.Random) -> tuple[object, ...]:
    at = NOW - timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 1440))
    objection = rng.choice(("price", "timing", None, None, None))
    return (
        lead_id,
        _stamp(at),
        rng.choice(STEPS),
        rng.choice(CHANNELS),
        "objection" if objection else rng.choice(("note", "outcome")),
        f"talked about the {rng.choice(('demo', 'pricing', 'contract', 'rollout'))}",
        objection,
        rng.choice(("resolved", "partly")) if objection else None,
        rng.choice((5, 15, 30, None)),
        json.dumps({"bench": True}) if rng.random() < 0.1 else None,
    )


def _task(lead_id: int, rng: random.Random, status: str | None = None) -> tuple[object, ...]:
    due = NOW.date() + timedelta(days=rng.randint(-30, 30))
    stamp = _stamp(NOW - timedelta(days=40))
    return (
        lead_id,
        rng.choice(("Send the recap", "Check in", "Call back")),
        due.isoformat(),
        rng.choice(CHANNELS),
        status or rng.choices(("open", "done", "cancelled"), (40, 50, 10))[0],
        rng.choice(("after_call", None)),
        stamp,
        stamp,
    )


def write_import_csv(path: Path, rows: int) -> None:
    """A marketing file of new people (no duplicates of any store lead)."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write("First Name,Last Name,Email,Company,Temperature,Lead Source\n")
        for n in range(rows):
            temperature = rng.choice(("cold", "warm", "qualified"))
            out.write(
                f"{rng.choice(FIRST)},{rng.choice(LAST)},new{n}@import.example,"
                f"Prospect {n % 1500},{temperature},spring campaign\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--playbook", default="field-sales")
    args = parser.parse_args()
    args.path.parent.mkdir(parents=True, exist_ok=True)
    target = build(
        args.path,
        leads=args.leads,
        interactions=args.interactions,
        tasks=args.tasks,
        playbook=args.playbook,
    )
    print(f"built {args.path} (target lead {target})")


if __name__ == "__main__":
    main()
