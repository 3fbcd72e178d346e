"""Merging converges: any order of the same changes, repeated or not, gives the same rows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from salescoach.core.sync.changes import RowChange
from salescoach.core.sync.clock import Stamp
from salescoach.core.sync.merge import Record, merge_all, winning_fields

GIDS = ["g1", "g2", "g3"]
FIELDS = ["name", "phone", "status", "step"]


def _stamp(wall: int, counter: int, origin: str) -> str:
    return Stamp(wall, counter, origin).text()


record_changes = st.builds(
    lambda table, gid, wall, counter, origin, fields: RowChange(
        table=table,
        gid=gid,
        lead_gid=gid,
        owner="ann",
        origin=origin,
        hlc=_stamp(wall, counter, origin),
        fields=fields,
    ),
    st.sampled_from(["leads", "tasks"]),
    st.sampled_from(GIDS),
    st.integers(0, 20),
    st.integers(0, 3),
    st.sampled_from(["a", "b", "c", "hub"]),
    st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=3) | st.none(), min_size=1),
)
event_changes = st.builds(
    lambda gid, wall, origin, text: RowChange(
        table="interactions",
        gid=gid,
        lead_gid="g1",
        owner="ann",
        origin=origin,
        hlc=_stamp(wall, 0, origin),
        fields={"text": text},
    ),
    st.sampled_from(["e1", "e2"]),
    st.integers(0, 20),
    st.sampled_from(["a", "b"]),
    st.text(max_size=3),
)
# A stamp names one change: two changes never share one.
changes = st.lists(record_changes | event_changes, max_size=20, unique_by=lambda c: c.hlc)


@given(changes, st.randoms(use_true_random=False))
def test_any_order_gives_the_same_rows(batch: list[RowChange], rnd: object) -> None:
    shuffled = list(batch)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge_all(shuffled) == merge_all(batch)


@given(changes)
def test_seeing_changes_again_changes_nothing(batch: list[RowChange]) -> None:
    assert merge_all(batch + batch[::-1]) == merge_all(batch)


@given(changes, st.integers(0, 20))
def test_merging_in_two_halves_is_merging_at_once(batch: list[RowChange], cut: int) -> None:
    first, second = batch[:cut], batch[cut:]
    assert merge_all(second + first) == merge_all(first + second)


@given(st.lists(record_changes, max_size=20, unique_by=lambda c: c.hlc))
def test_an_edit_never_resurrects_an_archived_lead(edits: list[RowChange]) -> None:
    archive = RowChange("leads", "g1", "g1", "ann", "a", _stamp(10, 0, "a"), {"status": "archived"})
    edits = [
        RowChange(c.table, c.gid, c.lead_gid, c.owner, c.origin, c.hlc,
                  {k: v for k, v in c.fields.items() if k != "status"})
        for c in edits
    ]  # fmt: skip
    for order in ([archive, *edits], [*edits, archive]):
        rows = merge_all(order)
        lead = rows[("leads", "g1")]
        assert isinstance(lead, Record)
        assert lead.values["status"] == "archived"


def test_a_reopen_stamped_later_does_reopen() -> None:
    archive = RowChange("leads", "g1", "g1", "ann", "a", _stamp(10, 0, "a"), {"status": "archived"})
    reopen = RowChange("leads", "g1", "g1", "ann", "b", _stamp(11, 0, "b"), {"status": "open"})
    for order in ([archive, reopen], [reopen, archive]):
        lead = merge_all(order)[("leads", "g1")]
        assert isinstance(lead, Record) and lead.values["status"] == "open"


def test_pending_local_fields_hold_against_what_arrives() -> None:
    change = RowChange(
        "leads", "g1", "g1", "ann", "b", _stamp(9, 0, "b"), {"phone": "1", "name": "x"}
    )
    assert winning_fields({"name": _stamp(3, 0, "a")}, change, pending=["phone"]) == {"name": "x"}
    assert winning_fields({"name": _stamp(30, 0, "a")}, change) == {"phone": "1"}
