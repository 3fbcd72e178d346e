"""Running a short command without Python's cyclic garbage collector.

Loading the hub's database driver makes some 30,000 objects that live until the process ends
(modules, classes, type adapters). Each collection walks them again to find nothing to free,
and the commands' own objects hold no cycles worth freeing in a run this short. Frozen at
the end, they are also left out of the interpreter's last collections (the exit frees the
memory anyway). Measured on the 2-core machine: an eighth of an idle `sync`, and about a
quarter of importing psycopg and exiting.
"""

from __future__ import annotations

import gc
from collections.abc import Callable


def run_uncollected(body: Callable[[], None]) -> None:
    """Run `body` with the cyclic collector off, freezing what it made when it ends (raised
    or not); the collector is turned back on if it was on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        body()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
