"""Where an export goes: stdout, or a new owner-only file written whole or not at all
(shared by `export` and `export activities|contacts`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def export_output(path: Path | None, force: bool) -> Iterator[TextIO]:
    """stdout, or a new owner-only file written whole or not at all."""
    import os
    import sys

    from salescoach.errors import UsageError

    if path is None:
        yield sys.stdout
        return
    if path.exists() and not force:
        raise UsageError(f"{path} exists", hint="choose another name, or add --force")
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
