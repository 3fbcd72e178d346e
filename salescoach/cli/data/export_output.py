"""Where an export goes: stdout, or a new owner-only file written whole or not at all
(shared by `export` and `export activities|contacts`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def export_output(path: Path | None, force: bool) -> Iterator[TextIO]:
    """stdout, or a new owner-only file written whole or not at all (see safe_write)."""
    import sys

    from salescoach.core.kernel.safe_write import writing

    if path is None:
        yield sys.stdout
        return
    with writing(path, force=force) as out:
        yield out
