"""Whole-process benchmarks of salescoach at three store sizes, each against a baseline
measured in the same run. The one command for all benchmarks:

    python benchmarks/run.py [--runs 7] [--only NAME ...] [--rebuild]

Stores of 1,000, 10,000 and 100,000 leads (20 interactions and 2 tasks per lead, built once
by build_store.py into benchmarks/results/, reused until --rebuild or the builder changes)
and an empty one. Each case runs as a whole process (`python -m salescoach ...`), its runs at
every size and its baseline alternating, and the table gives medians, the ratio to the
baseline and the verdict. Cases that write get a fresh copy of the store before each run (not
timed, and on disk before the run starts; the copy's home keeps its caches from run to run).
Afterwards it runs walk_bench.py (the walk's first question against questionary's),
objection_bench.py (the objection coach against a bare Typer app) and report_bench.py (the
report over a log that fills the quarter). It exits non-zero when any target is missed.

To add a case, append a `Case` to CASES; `{lead}` in the arguments is replaced with the target
lead's name, `{playbook}` with the playbook the stores use.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_store import BUILDER_VERSION, TARGET_REF, build, write_import_csv  # noqa: E402
from taskwarrior import TASKWARRIOR, task_list_command  # noqa: E402

RESULTS = HERE / "results"
IMPORT_CSV = RESULTS / "import-10000.csv"
TODAY = "2026-03-11"  # the stores' log ends here
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
EMPTY = "empty"
HEAVY_SECONDS = 2.0  # a case slower than this at its largest size gets fewer runs
HEAVY_RUNS = 3
# A case faster than this everywhere gets more: a whole process of 0.3 s moves by more than
# a 1.1x margin from run to run on a shared 2-core machine, and nine runs cost seconds.
LIGHT_SECONDS = 1.0
LIGHT_RUNS = 9
GNU_TIME = Path("/usr/bin/time")
INF = float("inf")
TODAYS_EXPORT_SECONDS = 20.433  # `export --format jsonl` of the 100k store before issue 13


@dataclass(frozen=True)
class Case:
    name: str
    args: list[str]
    max_ratio: float
    # What the ratio is against: "1k" (the same command on the 1k store), "empty" (on an
    # empty store), "json" (`base_args` on the same store) or "task list" (taskwarrior).
    base: str = "1k"
    base_args: list[str] = field(default_factory=list)
    at: str = "100k"  # the size the ratio is taken at
    writes: bool = False
    max_seconds: float | None = None  # absolute target at `at`
    max_rss_mb: float | None = None  # at `at`
    max_rss_growth: float | None = None  # max RSS at `at` / at 1k ("constant memory")

    def target(self) -> str:
        parts = [f"≤ {self.max_ratio:g}x {self.base}"] if self.max_ratio != INF else []
        if self.at != "100k":
            parts[0] += f" at {self.at}"
        if self.max_seconds is not None:
            parts.append(f"≤ {self.max_seconds:.1f} s")
        if self.max_rss_mb is not None:
            parts.append(f"RSS < {self.max_rss_mb:g} MB")
        if self.max_rss_growth is not None:
            parts.append(f"RSS ≤ {self.max_rss_growth:g}x 1k")
        return ", ".join(parts)


_IMPORT = ["lead", "import", str(IMPORT_CSV), "--playbook", "{playbook}"]
_WEEK = ["--since", "2026-03-04"]

CASES: list[Case] = [
    Case("lead show LEAD", ["lead", "show", "{lead}"], 1.1),
    Case("history LEAD", ["history", "{lead}"], 1.1),
    Case("prep LEAD", ["prep", "{lead}"], 1.1),
    Case("log LEAD", ["log", "{lead}", "--channel", "call", "--note", "benchmark call"], 1.1),
    Case("lead list --json", ["lead", "list", "--json"], 1.3),
    Case("plan --format json", ["plan", "--format", "json"], 1.3),
    Case("tasks --json", ["tasks", "--json"], 1.3),
    Case("report --period quarter --json", ["report", "--period", "quarter", "--json"], 4.0,
         max_rss_mb=150),
    Case("lead import (10,000 rows)", _IMPORT, 1.2, base=EMPTY, writes=True),
    Case("export --format jsonl", ["export", "--format", "jsonl"], INF,
         max_seconds=TODAYS_EXPORT_SECONDS / 2, max_rss_growth=1.2),
    Case("tasks --limit 0", ["tasks", "--limit", "0"], 1.5, base="json",
         base_args=["tasks", "--limit", "0", "--json"]),
    Case("tasks --limit 0 (20,000 tasks)", ["tasks", "--limit", "0"], 1.0, base="task list",
         at="10k"),
    Case("lead list --limit 0", ["lead", "list", "--limit", "0"], 1.5, base="json",
         base_args=["lead", "list", "--limit", "0", "--json"]),
    Case("history --limit 0 (a week)", ["history", "--limit", "0", *_WEEK], 1.5, base="json",
         base_args=["history", "--limit", "0", *_WEEK, "--json"]),
]  # fmt: skip


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    def rss_mb(self) -> float:
        return max(self.rss_kib, default=0) / 1024


def store_path(label: str) -> Path:
    return RESULTS / label / "salescoach.db"


def prepare(rebuild: bool, playbook: str) -> None:
    stamp = RESULTS / "built.json"
    wanted = {"builder": BUILDER_VERSION, "playbook": playbook}
    fresh = not rebuild and stamp.exists() and json.loads(stamp.read_text()) == wanted
    for label, leads in (*SIZES.items(), (EMPTY, 0)):
        path = store_path(label)
        if fresh and path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.rmtree(RESULTS / f"taskwarrior-{label}", ignore_errors=True)
        started = time.perf_counter()
        if leads:
            build(path, leads=leads, interactions=20 * leads, tasks=2 * leads, playbook=playbook)
        else:
            from salescoach.store.db import connect

            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            connect(path).close()
        print(f"built the {label} store in {time.perf_counter() - started:.1f} s", flush=True)
    if not IMPORT_CSV.exists() or not fresh:
        write_import_csv(IMPORT_CSV, 10_000)
    stamp.write_text(json.dumps(wanted))
    for label in (*SIZES, EMPTY):  # a store built before a migration is migrated once, here
        from salescoach.store.db import connect

        connect(store_path(label)).close()


def usable_playbook() -> str:
    """The playbook the stores use: the default if it loads in this checkout, else another
    shipped one that loads, else the test suite's minimal playbook (by path)."""
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


def timed(command: list[str], env: dict[str, str], into: Measure) -> None:
    """Run `command` once, adding its wall time to `into`."""
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {message}")
    into.seconds.append(elapsed)


def peak_rss(command: list[str], env: dict[str, str], into: Measure) -> None:
    """Run `command` once under /usr/bin/time, adding its peak RSS to `into`. Not from this
    process: a child's peak RSS counts this (big) process's pages from before its exec."""
    if not GNU_TIME.exists():
        return
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            [str(GNU_TIME), "-f", "%M", "-o", report.name, *command],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
        )  # fmt: skip
        into.rss_kib.append(int(report.read().split()[-1]))


def settle(copy: Path) -> None:
    """Write a fresh copy to disk before it is timed. Left to the kernel, the 1.3 GB copy of
    the 100k store was still being written back while the command ran, and its first fsync
    (SQLite's checkpoint, a cache file's) waited for all of it: seconds the command does not
    cost on a store that has been on disk for a while."""
    fd = os.open(copy, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def salescoach_run(
    args: list[str], label: str, playbook: str, writes: bool
) -> Callable[[], tuple[list[str], dict[str, str]]]:
    store = store_path(label)

    def ready() -> tuple[list[str], dict[str, str]]:
        home = store.parent
        if writes:  # a fresh copy of the store for each run, not timed
            # The home's caches stay from run to run (warm, as the read-only cases' are).
            home = RESULTS / f"{label}-scratch"
            home.mkdir(mode=0o700, exist_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{home / store.name}{suffix}").unlink(missing_ok=True)
            shutil.copy2(store, home / store.name)
            settle(home / store.name)
        argv = [a.replace("{lead}", TARGET_REF).replace("{playbook}", playbook) for a in args]
        env = {**os.environ, "SALESCOACH_HOME": str(home), "NO_COLOR": "1",
               "SALESCOACH_TODAY": TODAY, "COLUMNS": "120"}  # fmt: skip
        return [sys.executable, "-m", "salescoach", *argv], env

    return ready


def runs_of(case: Case, playbook: str) -> dict[str, Callable[[], tuple[list[str], dict[str, str]]]]:
    """What to time for `case`: its command at every size, and its baseline as "base"."""
    sizes = [case.at] if case.base == "task list" else list(SIZES)
    plan = {size: salescoach_run(case.args, size, playbook, case.writes) for size in sizes}
    if case.base == EMPTY:
        plan["base"] = salescoach_run(case.args, EMPTY, playbook, case.writes)
    elif case.base == "json":
        plan["base"] = salescoach_run(case.base_args, case.at, playbook, case.writes)
    elif case.base == "task list":
        plan["base"] = lambda: task_list_command(store_path(case.at), RESULTS)
    return plan


def measure(case: Case, playbook: str, runs: int) -> dict[str, Measure]:
    plan = runs_of(case, playbook)
    found = {key: Measure() for key in plan}
    for ready in plan.values():  # warm-up: page cache, .pyc files, playbook caches
        timed(*ready(), Measure())
    for key, ready in plan.items():
        timed(*ready(), found[key])
    slowest = max(m.seconds[0] for m in found.values())
    if slowest > HEAVY_SECONDS:
        runs = HEAVY_RUNS
    elif slowest < LIGHT_SECONDS:
        runs = max(runs, LIGHT_RUNS)
    for _ in range(runs - 1):
        for key, ready in plan.items():
            timed(*ready(), found[key])
    for key, ready in plan.items():
        peak_rss(*ready(), found[key])
    return found


def verdict(case: Case, found: dict[str, Measure]) -> tuple[float, list[str]]:
    """(the ratio, what was missed)."""
    at = found[case.at]
    base = found["base"] if "base" in found else found["1k"]
    ratio = at.median_ms() / base.median_ms()
    missed = []
    if ratio > case.max_ratio:
        missed.append(f"ratio {ratio:.2f}x")
    if case.max_seconds is not None and at.median_ms() > case.max_seconds * 1000:
        missed.append(f"{at.median_ms() / 1000:.1f} s")
    if case.max_rss_mb is not None and at.rss_mb() >= case.max_rss_mb:
        missed.append(f"RSS {at.rss_mb():.0f} MB")
    if case.max_rss_growth is not None and at.rss_mb() > case.max_rss_growth * found["1k"].rss_mb():
        missed.append(f"RSS {at.rss_mb():.0f} MB vs {found['1k'].rss_mb():.0f} MB")
    return ratio, missed


def cell(found: dict[str, Measure], key: str) -> str:
    return f"{found[key].median_ms():,.0f}" if key in found else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description="Whole-process benchmarks of salescoach.")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median)")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stores")
    args = parser.parse_args()
    playbook = usable_playbook()
    prepare(args.rebuild, playbook)
    cases = [c for c in CASES if not args.only or c.name in args.only]
    print(f"load average before: {os.getloadavg()[0]:.2f}; playbook {playbook}")
    print("| case | baseline | 1k | 10k | 100k | ratio | peak RSS | target | verdict |")
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    missed = 0
    for case in cases:
        if case.base == "task list" and TASKWARRIOR is None:
            print(f"| `{case.name}` | taskwarrior is not installed: skipped |")
            continue
        found = measure(case, playbook, args.runs)
        ratio, misses = verdict(case, found)
        missed += bool(misses)
        base = f"{case.base} {cell(found, 'base')}" if "base" in found else "1k"
        result = "met" if not misses else "MISSED: " + ", ".join(misses)
        print(
            f"| `{case.name}` | {base} | {cell(found, '1k')} | {cell(found, '10k')} | "
            f"{cell(found, '100k')} | {ratio:.2f}x | {found[case.at].rss_mb():.0f} MB | "
            f"{case.target()} | {result} |",
            flush=True,
        )
    print(
        f"ms, medians of {args.runs} runs ({HEAVY_RUNS} for cases over {HEAVY_SECONDS:g} s, "
        f"at least {LIGHT_RUNS} for cases under {LIGHT_SECONDS:g} s); "
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average after: {os.getloadavg()[0]:.2f}"
    )
    if not args.only:
        for title, script in (
            ("walk", "walk_bench.py"),
            ("objection coach", "objection_bench.py"),
            ("report over a full quarter", "report_bench.py"),
        ):
            print(f"\n{title}:", flush=True)
            bench = [sys.executable, str(HERE / script), "--runs", str(max(args.runs, 10))]
            missed += subprocess.run(bench, check=False).returncode != 0
    if missed:
        raise SystemExit(f"{missed} target(s) missed")


if __name__ == "__main__":
    # An installed salescoach runs from its bytecode: measure that, not compiling every module.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
