"""Routing rows to reps, by hand."""

from __future__ import annotations

import pytest

from salescoach.core.team.routing import check_method, route
from salescoach.errors import UsageError


def test_round_robin_goes_in_name_order() -> None:
    assert route("round-robin", [None] * 4, ["bob", "ann"], {}, unassigned_ok=False) == [
        "ann", "bob", "ann", "bob",
    ]  # fmt: skip


def test_by_capacity_counts_what_it_routed() -> None:
    routed = route("by-capacity", [None] * 3, ["ann", "bob"], {"ann": 2}, unassigned_ok=False)
    assert routed == ["bob", "bob", "ann"]


def test_by_owner_unassigns_strangers_only_when_allowed() -> None:
    with pytest.raises(UsageError, match="zed"):
        route("by-owner", ["ann", "zed"], ["ann"], {}, unassigned_ok=False)
    assert route("by-owner", ["ann", "zed"], ["ann"], {}, unassigned_ok=True) == ["ann", None]


def test_by_owner_ignores_case_and_outer_spaces() -> None:
    owners = ["Ann", " BOB ", "ann", None]
    assert route("by-owner", owners, ["ann", "bob"], {}, unassigned_ok=True) == [
        "ann", "bob", "ann", None,
    ]  # fmt: skip
    with pytest.raises(UsageError, match=r"\(no owner\)"):
        route("by-owner", owners, ["ann", "bob"], {}, unassigned_ok=False)


def test_no_reps_and_unknown_methods_are_refused() -> None:
    with pytest.raises(UsageError, match="no reps"):
        route("round-robin", [None], [], {}, unassigned_ok=False)
    with pytest.raises(UsageError, match="no routing"):
        check_method("alphabetical")
