"""Benchmark of the objection coach. Run: python benchmarks/objection_bench.py [--runs N]

1. Whole process: `salescoach objection "too expensive" --json` (warm cache) beside a minimal
   Typer app with one command (benchmarks/minimal_typer_app.py), run alternately in the same
   session; medians of N runs each and their ratio (target: <= 1.15x).
2. In process: matching one query against a playbook already loaded, for each shipped playbook
   and for b2b-saas grown to 10 families x 30 phrasings (target: < 5 ms per query); and reading
   the compiled playbook from its cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_FILE = ROOT / "tests" / "data" / "objection_eval.yaml"
SHIPPED = ("b2b-saas", "field-sales", "services")
RATIO_TARGET = 1.15
MATCH_TARGET_MS = 5.0


def _salescoach_command() -> list[str]:
    script = Path(sys.executable).with_name("salescoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "salescoach"]


def _time_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark command failed: {command}\n{done.stderr.decode()}")
    return elapsed


def whole_process(runs: int) -> bool:
    """Print the whole-process figures; True when the ratio target is met."""
    home = Path(tempfile.mkdtemp(prefix="salescoach-bench-"))
    env = {**os.environ, "SALESCOACH_HOME": str(home), "NO_COLOR": "1"}
    env.pop("SALESCOACH_PLAYBOOK_PATH", None)
    # An installed package has its bytecode compiled at install time; let the warm-up runs
    # write it here too, or every run would recompile salescoach's sources but not typer's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    coach = [*_salescoach_command(), "objection", "too expensive", "--json"]
    baseline = [sys.executable, str(ROOT / "benchmarks" / "minimal_typer_app.py")]
    try:
        for _ in range(2):  # the first run compiles the cache; both warm the OS file cache
            _time_run(coach, env)
            _time_run(baseline, env)
        coach_times, baseline_times, cold_times = [], [], []
        for _ in range(runs):
            baseline_times.append(_time_run(baseline, env))
            coach_times.append(_time_run(coach, env))
        for _ in range(5):  # for information: the first run after a playbook changes
            shutil.rmtree(home / "cache", ignore_errors=True)
            cold_times.append(_time_run(coach, env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    coach_ms = statistics.median(coach_times) * 1000
    baseline_ms = statistics.median(baseline_times) * 1000
    ratio = coach_ms / baseline_ms
    verdict = "ok" if ratio <= RATIO_TARGET else "OVER TARGET"
    print(f"whole process, median of {runs} runs each:")
    print(f"  minimal typer app           {baseline_ms:7.1f} ms")
    print(f"  objection 'too expensive'   {coach_ms:7.1f} ms  (warm cache, --json)")
    print(f"  ratio                       {ratio:7.2f}x  (target <= {RATIO_TARGET}x: {verdict})")
    cold_ms = statistics.median(cold_times) * 1000
    print(f"  the same, cache rebuilt     {cold_ms:7.1f} ms  (median of 5: YAML read, validated)")
    return ratio <= RATIO_TARGET


def _grown(playbook: object, others: list[object], size: int) -> object:
    """`playbook` with every family's phrasings topped up to `size` from the other playbooks."""
    families = []
    for family in playbook.objections:  # type: ignore[attr-defined]
        extra = [p for o in others for f in o.objections if f.id == family.id for p in f.phrasings]  # type: ignore[attr-defined]
        phrasings = list(dict.fromkeys([*family.phrasings, *extra]))[:size]
        families.append(family.model_copy(update={"phrasings": phrasings}))
    return playbook.model_copy(update={"objections": families})  # type: ignore[attr-defined]


def _per_query_ms(matcher: object, queries: list[str], rounds: int = 5) -> float:
    medians = []
    for _ in range(rounds):
        start = time.perf_counter()
        for query in queries:
            matcher.rank(query)  # type: ignore[attr-defined]
        medians.append((time.perf_counter() - start) / len(queries) * 1000)
    return statistics.median(medians)


def in_process() -> bool:
    """Print the in-process figures; True when the per-query target is met."""
    import yaml

    from salescoach.core.objections.cache import compile_playbook, read_cached, write_cache
    from salescoach.core.objections.matcher import Matcher
    from salescoach.core.playbook.loader import load_playbook
    from salescoach.paths import playbook_dirs

    labelled = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    queries = [text for texts in labelled.values() for text in texts]
    dirs = playbook_dirs()
    loaded = {name: load_playbook(name, dirs) for name in SHIPPED}
    print(f"in process, per query (mean over the {len(queries)} eval phrasings, median of 5):")
    for name in SHIPPED:
        playbook = loaded[name].playbook
        phrasings = sum(len(o.phrasings) for o in playbook.objections)
        shape = f"{len(playbook.objections)} families, {phrasings} phrasings"
        start = time.perf_counter()
        matcher = Matcher.build(playbook)
        build_ms = (time.perf_counter() - start) * 1000
        per_query = _per_query_ms(matcher, queries)
        print(f"  {name:<24} {per_query:6.3f} ms  ({shape}; build {build_ms:.0f} ms)")
    others = [loaded[n].playbook for n in SHIPPED[1:]]
    grown = _grown(loaded["b2b-saas"].playbook, others, 30)
    phrasings = sum(len(o.phrasings) for o in grown.objections)  # type: ignore[attr-defined]
    per_query = _per_query_ms(Matcher.build(grown), queries)  # type: ignore[arg-type]
    verdict = "ok" if per_query < MATCH_TARGET_MS else "OVER TARGET"
    print(
        f"  {'b2b-saas grown':<24} {per_query:6.3f} ms  (10 families, {phrasings} phrasings; "
        f"target < {MATCH_TARGET_MS} ms: {verdict})"
    )
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        compiled = compile_playbook("b2b-saas", loaded["b2b-saas"].playbook)
        files = [str(f) for f in loaded["b2b-saas"].files]
        write_cache(cache, "bench", compiled, files, dirs, started_ns=time.time_ns())
        size = sum(f.stat().st_size for f in cache.iterdir())
        times = []
        for _ in range(20):
            start = time.perf_counter()
            assert read_cached(cache, "bench") is not None
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        print(f"  reading the compiled b2b-saas from cache: {median:.2f} ms ({size // 1024} KiB)")
    return per_query < MATCH_TARGET_MS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="whole-process runs (>= 10)")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10")
    met = [whole_process(args.runs), in_process()]
    if not all(met):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
