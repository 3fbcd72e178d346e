"""Whole-process benchmarks of salescoach on a big store, against the same commands on a
store that holds only what the commands need.

    python benchmarks/run.py [--runs 7] [--only NAME ...] [--rebuild]

This is the one command for all benchmarks: after its own cases it runs
objection_bench.py (the objection coach against a bare Typer app, and in-process matching)
and report_bench.py (the report over a store whose log fills the quarter being reported).
plan_bench.py is a focused variant of the plan and tasks cases with its own store.

The big store has 10,000 leads, 200,000 interactions and 20,000 tasks (built once by
build_store.py into benchmarks/results/, reused until --rebuild); the small one holds only
the target lead with its 20 interactions and 2 tasks. Each case runs as a whole process
(`python -m salescoach ...`), alternating small and big, and reports medians and the ratio
big/small. Cases that write get a fresh copy of the store before each run (not timed).

To add a case, append a `Case` to CASES (e.g. Case("plan --format json", ["plan",
"--format", "json"])); `{lead}` in the arguments is replaced with the target lead's name.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_store import TARGET_REF, build, write_import_csv  # noqa: E402

RESULTS = HERE / "results"
IMPORT_CSV = RESULTS / "import-10000.csv"
BIG = {"leads": 10_000, "interactions": 200_000, "tasks": 20_000}
SMALL = {"leads": 0, "interactions": 0, "tasks": 0}


@dataclass(frozen=True)
class Case:
    name: str
    args: list[str]
    writes: bool = False  # restore a fresh copy of the store before each run
    max_ratio: float | None = 1.5  # big/small target
    max_seconds: float | None = None  # absolute target on the big store


CASES: list[Case] = [
    Case("lead list --json", ["lead", "list", "--json"]),
    Case("lead show", ["lead", "show", "{lead}"]),
    Case("history LEAD", ["history", "{lead}"]),
    Case("log", ["log", "{lead}", "--channel", "call", "--note", "benchmark call"]),
    Case(
        "lead import (10,000 rows)",
        ["lead", "import", str(IMPORT_CSV), "--playbook", "{playbook}"],
        writes=True,
        max_ratio=None,
        max_seconds=5.0,
    ),
    Case("plan --format json", ["plan", "--format", "json"]),
    Case("tasks --json", ["tasks", "--json"]),
]


def usable_playbook() -> str:
    """The playbook the import case names: the default if it loads in this checkout, else
    another shipped one that loads, else the test suite's minimal playbook (by path)."""
    from salescoach import load_playbook
    from salescoach.errors import SalescoachError

    shipped = sorted(p.stem for p in (ROOT / "playbooks").glob("*.yaml"))
    for name in ["b2b-saas", *shipped]:
        try:
            load_playbook(name)
        except SalescoachError:
            continue
        return name
    return str(ROOT / "tests" / "fixtures" / "playbooks" / "minimal.yaml")


def prepare(rebuild: bool, playbook: str) -> dict[str, Path]:
    stores = {}
    for label, size in (("small", SMALL), ("big", BIG)):
        path = RESULTS / label / "salescoach.db"
        if rebuild or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            started = time.perf_counter()
            build(path, playbook=playbook, **size)
            print(f"built the {label} store in {time.perf_counter() - started:.1f} s", flush=True)
        stores[label] = path
    if rebuild or not IMPORT_CSV.exists():
        write_import_csv(IMPORT_CSV, 10_000)
    return stores


def run_once(case: Case, store: Path, playbook: str) -> float:
    home = store.parent
    if case.writes:
        home = store.parent.parent / f"{store.parent.name}-scratch"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(mode=0o700)
        shutil.copy2(store, home / store.name)
    args = [a.replace("{lead}", TARGET_REF).replace("{playbook}", playbook) for a in case.args]
    env = {**os.environ, "SALESCOACH_HOME": str(home), "NO_COLOR": "1"}
    env.pop("SALESCOACH_TODAY", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "salescoach", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0,):
        raise SystemExit(f"{case.name} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description="Whole-process benchmarks of salescoach.")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per store (median)")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stores")
    args = parser.parse_args()
    playbook = usable_playbook()
    print(f"playbook for the import: {playbook}")
    stores = prepare(args.rebuild, playbook)
    cases = [c for c in CASES if not args.only or c.name in args.only]
    print(f"{'case':<28}{'small ms':>10}{'big ms':>10}{'ratio':>8}  target")
    missed = 0
    for case in cases:
        times: dict[str, list[float]] = {"small": [], "big": []}
        for label in ("small", "big"):
            run_once(case, stores[label], playbook)  # warm-up: page cache, .pyc files
        for _ in range(args.runs):
            for label in ("small", "big"):
                times[label].append(run_once(case, stores[label], playbook))
        small, big = (statistics.median(times[k]) for k in ("small", "big"))
        verdicts = []
        if case.max_ratio is not None:
            verdicts.append(
                ("ok" if big / small <= case.max_ratio else "MISSED") + f" ≤{case.max_ratio}x"
            )
        if case.max_seconds is not None:
            verdicts.append(
                ("ok" if big <= case.max_seconds else "MISSED") + f" ≤{case.max_seconds:g} s"
            )
        missed += sum("MISSED" in v for v in verdicts)
        print(
            f"{case.name:<28}{small * 1000:>10.0f}{big * 1000:>10.0f}{big / small:>7.2f}x  "
            + ", ".join(verdicts),
            flush=True,
        )
    print(
        f"medians of {args.runs} runs each; python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    if not args.only:
        for title, script, runs in (
            ("objection coach", "objection_bench.py", max(args.runs, 10)),
            ("report", "report_bench.py", args.runs),
        ):
            print(f"\n{title}:", flush=True)
            bench = [sys.executable, str(HERE / script), "--runs", str(runs)]
            missed += subprocess.run(bench, check=False).returncode != 0
    if missed:
        raise SystemExit(f"{missed} target(s) missed")


if __name__ == "__main__":
    main()
