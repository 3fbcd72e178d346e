"""Routing marketing's leads to reps: in turn, by an owner column, or to the least loaded.

- round-robin: row by row in turn over the reps in name order;
- by-owner: the row's owner, which must be a rep (a row naming anyone else, or no one, is
  unassigned when allowed, else the import is refused naming them); a CRM writes "Ana" or
  " ana " where the rep's role is `ana`, so owners match reps ignoring case and outer spaces;
- by-capacity: each row to the rep with the fewest open leads now, counting the rows already
  routed in this import (ties: by name).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from salescoach.errors import UsageError

METHODS = ("round-robin", "by-owner", "by-capacity")
NO_OWNER = "(no owner)"


def check_method(text: str) -> str:
    method = text.strip().lower()
    if method not in METHODS:
        raise UsageError(f"--assign {text!r} is no routing", hint="use " + "|".join(METHODS))
    return method


def route(
    method: str,
    owners: Sequence[str | None],
    reps: Sequence[str],
    open_leads: Mapping[str, int],
    *,
    unassigned_ok: bool,
) -> list[str | None]:
    """Each row's rep (None: unassigned), in row order."""
    if not reps and method != "by-owner":
        raise UsageError("this hub has no reps to route to", hint="`team add-rep NAME` first")
    ordered = sorted(reps)
    if method == "round-robin":
        return [ordered[i % len(ordered)] for i in range(len(owners))]
    if method == "by-capacity":
        load = [(open_leads.get(rep, 0), rep) for rep in ordered]
        heapq.heapify(load)
        out: list[str | None] = []
        for _ in owners:
            count, rep = heapq.heappop(load)
            out.append(rep)
            heapq.heappush(load, (count + 1, rep))
        return out
    by_key = {rep.casefold(): rep for rep in reps}
    matched = [by_key.get((owner or "").strip().casefold()) for owner in owners]
    unmatched = [owner for owner, rep in zip(owners, matched, strict=True) if rep is None]
    foreign = sorted({(owner or "").strip() or NO_OWNER for owner in unmatched})
    if foreign and not unassigned_ok:
        raise UsageError(
            f"{len(foreign)} owner(s) in the file are not reps of this hub: "
            f"{', '.join(foreign[:20])}; nothing was imported",
            hint="add them (`team add-rep`), fix the file, or import those rows unassigned "
            "with --unassigned-ok",
        )
    return matched
