"""Running salescoach in a fresh interpreter to see what a command imports."""

from __future__ import annotations

import os
import subprocess
import sys


def run_importing(*argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """`python -X importtime -m salescoach ARGV`: what it did (stderr without the import
    lines), and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "salescoach", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "SALESCOACH_NO_INPUT": "1"},
    )
    lines = done.stderr.splitlines()
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")
    }
    said = "\n".join(line for line in lines if not line.startswith("import time:"))
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, said), imported
