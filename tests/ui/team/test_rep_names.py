"""A column of the team report that is no current rep: a removed rep, or the manager holding
the rows of a lead imported unassigned. "manager (removed)" read as if the manager had been
a rep and was removed; the label says only what is known."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from salescoach.ui.team.desk_view import rep_name

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamRepJSON


def _rep(name: str, current: bool) -> TeamRepJSON:
    return cast("TeamRepJSON", {"rep": name, "current": current})


def test_a_current_rep_is_named_as_is() -> None:
    assert rep_name(_rep("alice", True)) == "alice"


def test_an_owner_that_is_no_rep_now_is_not_called_removed() -> None:
    assert rep_name(_rep("manager", False)) == "manager (not a rep)"
