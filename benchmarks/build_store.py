"""Build benchmark stores quickly: bulk SQL through the real schema (migrations), one transaction.

    python benchmarks/build_store.py PATH [--leads 10000] [--interactions 200000] [--tasks 20000]

Every store holds the *target lead* ("Grace Benchmark", company "Target Ltd") with the same
20 interactions and 2 open tasks, so a command about that lead prints the same thing on every
store; only the rest of the store differs in size. The rest is generated inside SQLite
(recursive CTEs and `random()`), so 100,000 leads with 2,000,000 interactions take well under
two minutes; its contents differ from build to build, its shape does not.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
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
BUILDER_VERSION = "3"  # change when the generated contents change: cached stores are rebuilt


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _pick(options: tuple[object, ...] | list[str]) -> str:
    """SQL choosing one of `options` uniformly (NULL for None)."""
    cases = " ".join(
        f"WHEN {n} THEN {'NULL' if o is None else repr(o)}" for n, o in enumerate(options)
    )
    return f"(CASE abs(random()) % {len(options)} {cases} END)"


def _ago(days: int, minutes: int) -> str:
    """SQL for a stamp up to `days` days and `minutes` minutes before NOW, as isoformat()."""
    return (
        f"strftime('%Y-%m-%dT%H:%M:%S+00:00', '{NOW:%Y-%m-%d %H:%M:%S}', "
        f"'-' || (abs(random()) % {days} + 1) || ' days', "
        f"'-' || (abs(random()) % {minutes}) || ' minutes')"
    )


_SERIES = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)"


def _insert_leads(conn: sqlite3.Connection, leads: int, target: int, playbook: str) -> None:
    # MATERIALIZED: each row's random() values are drawn once, however often they are used.
    # status: open 80, won 8, lost 8, archived 4 in 100.
    conn.execute(
        f"""{_SERIES},
        g AS MATERIALIZED (
            SELECT i, {_pick(FIRST)} AS first, {_pick(LAST)} AS last,
                {_pick(("webinar", "ads", "referral", "fair", None))} AS source,
                {_pick(("cold", "warm", "qualified"))} AS temperature,
                {_pick(("kim", "sam", None))} AS owner, {_pick(STEPS)} AS step,
                abs(random()) % 100 AS r, {_ago(400, 600)} AS created,
                abs(random()) % 5 + 1 AS sla_days
            FROM n WHERE i != :target
        )
        INSERT INTO leads (id, name, company, email, phone, source, temperature, playbook,
            owner, step, status, status_reason, sla_due, step_entered_at, created_at,
            updated_at, first_contact_at)
        SELECT i, first || ' ' || last || ' ' || i, 'Company ' || (i % 3001),
            'lead' || i || '@example.com', printf('+44 20 %07d', i), source, temperature,
            :playbook, owner, step,
            CASE WHEN r < 80 THEN 'open' WHEN r < 88 THEN 'won' WHEN r < 96 THEN 'lost'
                 ELSE 'archived' END,
            CASE WHEN r >= 88 AND r < 96 THEN 'chose a rival' END,
            date(created, '+' || sla_days || ' days'), created, created, created, created
        FROM g""",
        {"count": leads, "target": target, "playbook": playbook},
    )


def _target_lead(target: int, playbook: str) -> tuple[object, ...]:
    created = NOW - timedelta(days=200)
    return (
        target,
        TARGET_NAME,
        TARGET_COMPANY,
        "grace@target.example",
        "+44 1",
        "referral",
        "warm",
        playbook,
        "kim",
        "presentation",
        "open",
        None,
        (created.date() + timedelta(days=2)).isoformat(),
        _stamp(created),
        _stamp(created),
        _stamp(created),
        _stamp(created),
    )


_INTERACTION_COLUMNS = (
    "lead_id, at, step, channel, kind, text, objection, result, duration_minutes, detail_json"
)


def build(path: Path, *, leads: int, interactions: int, tasks: int, playbook: str) -> int:
    """Create the store at `path` (replacing it); returns the target lead's id."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    target = max(1, leads // 2)
    others = max(leads, 1)
    with closing(connect(path)) as conn:
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB: index pages stay in memory
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("BEGIN IMMEDIATE")
        if leads > 1:
            _insert_leads(conn, leads, target, playbook)
        conn.execute(
            "INSERT INTO leads (id, name, company, email, phone, source, temperature, playbook, "
            "owner, step, status, status_reason, sla_due, step_entered_at, created_at, "
            "updated_at, first_contact_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)",
            _target_lead(target, playbook),
        )
        # Any lead but the target, drawn at random.
        # Any lead but the target, at random: r in [0, others - 2] never lands on it.
        other_lead = f"(({target} + abs(random()) % {others - 1}) % {others} + 1)"
        conn.execute(f"CREATE TEMP TABLE log AS SELECT {_INTERACTION_COLUMNS} FROM interactions")
        if leads > 1 and interactions:
            conn.execute(
                f"""{_SERIES},
                g AS MATERIALIZED (
                    SELECT {_pick(("price", "timing", None, None, None))} AS objection FROM n
                )
                INSERT INTO log SELECT {other_lead}, {_ago(365, 1440)}, {_pick(STEPS)},
                    {_pick(CHANNELS)},
                    CASE WHEN objection IS NOT NULL THEN 'objection'
                         ELSE {_pick(("note", "outcome"))} END,
                    'talked about the ' || {_pick(("demo", "pricing", "contract", "rollout"))},
                    objection,
                    CASE WHEN objection IS NOT NULL THEN {_pick(("resolved", "partly"))} END,
                    {_pick((5, 15, 30, None))},
                    CASE WHEN abs(random()) % 10 = 0 THEN '{{"bench": true}}' END
                FROM g
                """,
                {"count": interactions},
            )
        conn.executemany(
            f"INSERT INTO log ({_INTERACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_interaction(target, random.Random(n)) for n in range(20)],
        )
        # The log is appended as things happen: rows arrive in time order, as in real use.
        conn.execute(
            f"INSERT INTO interactions ({_INTERACTION_COLUMNS}) "
            f"SELECT {_INTERACTION_COLUMNS} FROM log ORDER BY at"
        )
        conn.execute("DROP TABLE log")
        conn.execute(
            "UPDATE leads SET last_interaction_at = (SELECT max(at) FROM interactions i "
            "WHERE i.lead_id = leads.id)"
        )
        stamp = _stamp(NOW - timedelta(days=40))
        if leads > 1 and tasks:
            conn.execute(
                f"""{_SERIES},
                g AS MATERIALIZED (SELECT abs(random()) % 100 AS r FROM n)
                INSERT INTO tasks (lead_id, title, due, channel, status, cadence, created_at,
                    updated_at)
                SELECT {other_lead}, {_pick(("Send the recap", "Check in", "Call back"))},
                    date('{NOW:%Y-%m-%d}', (abs(random()) % 61 - 30) || ' days'),
                    {_pick(CHANNELS)},
                    CASE WHEN r < 40 THEN 'open' WHEN r < 90 THEN 'done' ELSE 'cancelled' END,
                    {_pick(("after_call", None))}, :stamp, :stamp
                FROM g
                """,
                {"count": tasks, "stamp": stamp},
            )
        conn.executemany(
            "INSERT INTO tasks (lead_id, title, due, channel, status, cadence, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_task(target, random.Random(n), stamp) for n in range(2)],
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


def _task(lead_id: int, rng: random.Random, stamp: str) -> tuple[object, ...]:
    due = NOW.date() + timedelta(days=rng.randint(-30, 30))
    return (
        lead_id,
        rng.choice(("Send the recap", "Check in", "Call back")),
        due.isoformat(),
        rng.choice(CHANNELS),
        "open",
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
