"""Benchmark: how soon `salescoach walk LEAD` asks its first question, and the next one after
an answer, against a minimal questionary script (benchmarks/minimal_questionary.py).

    python benchmarks/walk_bench.py [--runs 10]

Both run in a real pseudo-terminal (pexpect), alternating, each walk on a fresh copy of the
1k benchmark store (built by run.py; the copy is not timed). Measured: process start -> the
step panel, process start -> the first question's prompt, and answer sent -> the next prompt.
Targets: first question within 1.3x questionary's, answer -> next within 1.2x.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORE = HERE / "results" / "1k" / "salescoach.db"
# questionary's question mark, styled: an escape sequence, "?", another escape sequence.
PROMPT = re.compile(r"\x1b\[[0-9;]*m\?\x1b\[")
PANEL = re.compile(r"4/7")
FIRST_TARGET, NEXT_TARGET = 1.3, 1.2


def _session(command: list[str], env: dict[str, str], panel: bool) -> tuple[float, float, float]:
    """(start -> panel, start -> first prompt, answer -> next prompt) in seconds."""
    started = time.perf_counter()
    child = pexpect.spawn(
        command[0], command[1:], env=env, cwd=str(ROOT), encoding="utf-8", dimensions=(50, 120)
    )
    try:
        shown = started
        if panel:
            child.expect(PANEL, timeout=30)
            shown = time.perf_counter()
        child.expect(PROMPT, timeout=30)
        first = time.perf_counter()
        child.send(" \r")  # tick the first choice, then Enter
        answered = time.perf_counter()
        child.expect(PROMPT, timeout=30)
        second = time.perf_counter()
    finally:
        child.terminate(force=True)
    return shown - started, first - started, second - answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if not STORE.exists():
        raise SystemExit(f"{STORE} is missing: run benchmarks/run.py first (it builds it)")
    home = Path(tempfile.mkdtemp(prefix="salescoach-walk-bench-"))
    os.chmod(home, 0o700)
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_TODAY": "2026-03-11"}
    env.pop("NO_COLOR", None)
    # An installed package has its bytecode compiled at install time (questionary's has); let
    # the warm-up round write salescoach's too, or every walk would recompile its sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    walk = [sys.executable, "-m", "salescoach", "walk", "Target Ltd"]
    baseline = [sys.executable, str(HERE / "minimal_questionary.py")]
    results: dict[str, list[tuple[float, float, float]]] = {"walk": [], "questionary": []}
    try:
        for n in range(args.runs + 1):  # the first round warms the caches and is not counted
            # The killed walk leaves its WAL behind; replayed onto the fresh copy, it would
            # start the next walk from the last one's answers.
            for suffix in ("-wal", "-shm"):
                (home / f"{STORE.name}{suffix}").unlink(missing_ok=True)
            shutil.copy2(STORE, home / STORE.name)
            for name, command in (("questionary", baseline), ("walk", walk)):
                timing = _session(command, env, panel=name == "walk")
                if n:
                    results[name].append(timing)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    med = {
        k: [statistics.median(t[i] for t in v) * 1000 for i in range(3)] for k, v in results.items()
    }
    first = med["walk"][1] / med["questionary"][1]
    after = med["walk"][2] / med["questionary"][2]
    print(f"medians of {args.runs} runs, alternating (ms):")
    print(f"  walk: step panel at {med['walk'][0]:.0f}, first question at {med['walk'][1]:.0f}")
    print(f"  minimal questionary script: first question at {med['questionary'][1]:.0f}")
    missed = 0
    for what, ratio, target, walk_ms, base_ms in (
        ("first question", first, FIRST_TARGET, med["walk"][1], med["questionary"][1]),
        ("answer -> next question", after, NEXT_TARGET, med["walk"][2], med["questionary"][2]),
    ):
        ok = ratio <= target
        missed += not ok
        print(
            f"  {what}: {walk_ms:.0f} vs {base_ms:.0f}, {ratio:.2f}x "
            f"(target <= {target}x: {'met' if ok else 'MISSED'})"
        )
    if missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
