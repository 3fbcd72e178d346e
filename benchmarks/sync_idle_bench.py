"""Benchmark: an idle `salescoach sync` (nothing to push or pull) against `salescoach plan`.

    python benchmarks/sync_idle_bench.py [--runs 11] [--leads 1000]

Starts a throw-away PostgreSQL cluster as the tests do (or uses SALESCOACH_TEST_PG_URL),
creates a hub with one rep, a data home that joined it holding `--leads` leads with five
interactions each, syncs once so that nothing is left to do, then times whole processes
(`python -m salescoach ...`), alternating `sync` and `plan` (text, as a rep types it) after one
warm-up each. Target: idle sync <= 1.5x plan. The rep's password is in a pgpass file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import postgres  # noqa: E402
from tests.support.hub import make_team  # noqa: E402

TODAY = "2026-03-11"


@contextlib.contextmanager
def cluster() -> Iterator[postgres.Cluster]:
    url = os.environ.get(postgres.URL_VARIABLE)
    if url:
        yield postgres._named_cluster(url)
        return
    bin_dir = postgres.server_bin()
    if bin_dir is None:
        sys.exit("no PostgreSQL server binaries (initdb) found; set SALESCOACH_TEST_PG_URL")
    with postgres.throwaway_cluster(bin_dir) as found:
        yield found


def run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "salescoach", *args], env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def fill(database: Path, leads: int, per_lead: int = 5) -> None:
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("BEGIN")
    for i in range(leads):
        lead = conn.execute(
            "INSERT INTO leads (name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES (?, 'b2b-saas', ?, ?, ?)",
            (f"Lead {i}", f"{TODAY}T09:00:00+00:00", f"{TODAY}T09:00:00+00:00", TODAY),
        ).lastrowid
        conn.executemany(
            "INSERT INTO interactions (lead_id, at, kind, text) VALUES (?, ?, 'note', ?)",
            [(lead, f"{TODAY}T10:00:00+00:00", f"note {n}") for n in range(per_lead)],
        )
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--leads", type=int, default=1000)
    parser.add_argument(
        "--big", action="store_true",
        help="also: push 1,000 leads + 10,000 interactions; pull 5,000 + 100,000 into a new store",
    )  # fmt: skip
    options = parser.parse_args()
    with (
        cluster() as server,
        tempfile.TemporaryDirectory() as tmp,
        postgres.fresh_database(server) as db,
    ):
        team = make_team(db, ("ann", "pat", "quinn"))
        measure(db, team, Path(tmp), options.runs, options.leads)
        if options.big:
            big(db, team, Path(tmp))


def measure(db: postgres.HubDatabase, team: Any, tmp: Path, runs: int, leads: int) -> None:
    home = tmp / "home"
    pgpass = tmp / "pgpass"
    pgpass.write_text(f"*:*:*:ann:{team.passwords['ann']}\n")
    pgpass.chmod(0o600)
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_TODAY": TODAY,
           "PGPASSFILE": str(pgpass), "SALESCOACH_NO_INPUT": "1"}  # fmt: skip
    env.pop("PGPASSWORD", None)
    subprocess.run(
        [sys.executable, "-m", "salescoach", "team", "join", db.conninfo(), "--as", "ann"],
        env=env, check=True,
    )  # fmt: skip
    run(env, "tasks", "--json")  # the store, migrated by the package itself
    fill(home / "salescoach.db", leads)
    first = run(env, "sync")
    print(f"first sync ({leads} leads, {5 * leads} interactions): "
          f"{first * 1000:.0f} ms")  # fmt: skip
    times: dict[str, list[float]] = {"sync": [], "plan": []}
    for command in times:
        run(env, command)
    for _ in range(runs):
        for command in times:
            times[command].append(run(env, command))
    sync, plan = (statistics.median(times[c]) * 1000 for c in ("sync", "plan"))
    print(f"idle sync {sync:.0f} ms, plan {plan:.0f} ms: {sync / plan:.2f}x (target <= 1.5x)")


def timed_child(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Seconds and the child's peak RSS (MiB) of one whole `salescoach` process."""
    code = (
        "import resource, runpy, sys; sys.argv = ['salescoach', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('salescoach', run_name='__main__')\n"
        "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def big(db: postgres.HubDatabase, team: Any, tmp: Path) -> None:
    for rep, leads, per_lead, what in (
        ("pat", 1_000, 10, "push 1,000 leads + 10,000 interactions (first sync)"),
        ("quinn", 5_000, 20, "push 5,000 leads + 100,000 interactions (first sync)"),
    ):
        env = join(db, tmp, team, rep, "first")
        run(env, "tasks", "--json")
        fill(tmp / rep / "first" / "salescoach.db", leads, per_lead)
        seconds, rss = timed_child(env, "sync")
        print(f"{what}: {seconds:.1f} s, peak RSS {rss:.0f} MiB")
    env = join(db, tmp, team, "quinn", "second")
    seconds, rss = timed_child(env, "sync")
    print(f"pull 5,000 leads + 100,000 interactions into an empty store: {seconds:.1f} s, "
          f"peak RSS {rss:.0f} MiB")  # fmt: skip


def join(db: postgres.HubDatabase, tmp: Path, team: Any, rep: str, home: str) -> dict[str, str]:
    folder = tmp / rep
    folder.mkdir(exist_ok=True)
    pgpass = folder / "pgpass"
    pgpass.write_text(f"*:*:*:{rep}:{team.passwords[rep]}\n")
    pgpass.chmod(0o600)
    env = {**os.environ, "SALESCOACH_HOME": str(folder / home), "SALESCOACH_TODAY": TODAY,
           "PGPASSFILE": str(pgpass), "SALESCOACH_NO_INPUT": "1"}  # fmt: skip
    env.pop("PGPASSWORD", None)
    subprocess.run(
        [sys.executable, "-m", "salescoach", "team", "join", db.conninfo(), "--as", rep],
        env=env, check=True, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return env


if __name__ == "__main__":
    # An installed salescoach runs from its bytecode: measure that, not compiling every module.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
