"""The plan's stale deals (store.stale_deals): the page read through a threshold is the full
sort's first page, and the count and the sort are those of the rule written out in Python."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.playbook.limits import PlaybookLimits
from salescoach.store.stale_deals import stale_rows
from tests.support.store import fresh_store

TODAY = date(2026, 3, 11)
LIMITS = {
    "b2b-saas": PlaybookLimits("b2b-saas", stale_days={"prospecting": 2, "closing": 9}),
    "field-sales": PlaybookLimits("field-sales", stale_days={"approach": 1}),
}
PLAYBOOKS = (*LIMITS, "retired")  # a playbook no open lead's limits are asked for

stamps = st.tuples(st.integers(-40, 0), st.integers(0, 23)).map(
    lambda at: f"{TODAY + timedelta(days=at[0])}T{at[1]:02d}:30:00+00:00"
)
leads = st.tuples(
    st.sampled_from(PLAYBOOKS),
    st.sampled_from(STEP_IDS),
    st.sampled_from(("open", "open", "open", "won", "lost")),
    st.booleans(),  # contacted
    st.one_of(st.none(), stamps),  # last interaction
    stamps,  # entered the step
)


def _expected(rows: list[tuple], today: date) -> list[tuple[int, str, date]]:
    """(id, step, idle since) of every stale deal, most overdue first, by the rule itself."""
    found = []
    for n, (book, step, status, contacted, last, entered) in enumerate(rows, 1):
        if book not in LIMITS or status != "open" or not contacted:
            continue
        since = date.fromisoformat(max(last or "", entered)[:10])
        overdue = (today - since).days - LIMITS[book].stale_after(step)
        if overdue > 0:
            found.append((-overdue, n, step, since))
    return [(n, step, since) for _o, n, step, since in sorted(found)]


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(leads, max_size=40),
    shift=st.integers(-5, 20),
    limit=st.integers(1, 12),
)
def test_the_page_is_the_full_sorts_and_the_count_the_rules(
    rows: list[tuple], shift: int, limit: int
) -> None:
    today = TODAY + timedelta(days=shift)
    with fresh_store() as conn:
        for n, (book, step, status, contacted, last, entered) in enumerate(rows, 1):
            conn.execute(
                "INSERT INTO leads (id, name, playbook, step, status, first_contact_at, "
                "last_interaction_at, step_entered_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'a', 'a')",
                (n, f"Lead {n}", book, step, status, entered if contacted else None, last,
                 entered),
            )  # fmt: skip
        everything, total = stale_rows(conn, today, LIMITS, None)
        page, paged_total = stale_rows(conn, today, LIMITS, limit)
    expected = _expected(rows, today)
    assert [(r.lead.id, r.step, r.idle_since) for r in everything] == expected
    assert total == paged_total == len(expected)
    assert page == everything[:limit]
