"""Line-to-card latency of `salescoach listen`, through a real pipe.

Run: python benchmarks/listen_latency.py [--lines N]

Starts `python -m salescoach listen --rep-speaker Sam` with pipes for stdin and stdout, waits
for the first card (start-up is not counted), then writes buyer objection lines one at a time,
alternating families so every line draws a new card, and times each from the write until the
card's last line has been read back. Target: within 50 ms.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import subprocess
import sys
import time

LINES = (
    b"Ada: Honestly, forty dollars a seat is more than we budgeted for.\n",
    b"Ada: We're in the middle of a reorg, nothing new is getting started.\n",
)
TIMEOUT = 10.0


def _read_card(fd: int) -> None:
    """Read until a whole card (it ends with a blank line) has arrived."""
    seen = b""
    deadline = time.monotonic() + TIMEOUT
    while not seen.endswith(b"\n\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise TimeoutError(f"no card within {TIMEOUT} s; got {seen!r}")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise EOFError(f"listen ended; got {seen!r}")
        seen += chunk


def measure(count: int, env: dict[str, str] | None = None) -> list[float]:
    """Seconds from writing each line to reading its card back."""
    process = subprocess.Popen(
        [sys.executable, "-m", "salescoach", "listen", "--rep-speaker", "Sam"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        bufsize=0,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        out = process.stdout.fileno()
        process.stdin.write(LINES[1])  # start-up and the first card: not timed
        _read_card(out)
        times = []
        for number in range(count):
            started = time.perf_counter()
            process.stdin.write(LINES[number % 2])
            _read_card(out)
            times.append(time.perf_counter() - started)
        return times
    finally:
        process.stdin.close()
        process.wait(timeout=TIMEOUT)
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200)
    args = parser.parse_args()
    times = sorted(measure(args.lines))
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{len(times)} lines: median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {p95 * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms (target 50 ms)"
    )


if __name__ == "__main__":
    main()
