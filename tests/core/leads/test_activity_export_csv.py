"""The activity files for each CRM, for any activity: re-read by Python's csv reader, every
row has the vendor's columns, no cell can run as a formula, and the text comes back whole."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.csvsafe import FORMULA_STARTS, PREFIX
from salescoach.core.leads.activity_export import (
    ACTIVITY_TYPES,
    SUBJECT_LIMIT,
    Activity,
    Contact,
    columns_for,
    to_csv,
)

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
contact = st.builds(
    Contact,
    lead_id=st.integers(min_value=1, max_value=10_000),
    name=text.filter(bool),
    company=st.none() | text,
    email=st.none() | st.emails(),
    crm_vendor=st.sampled_from([None, "salesforce", "hubspot", "pipedrive"]),
    crm_id=st.none() | st.from_regex(r"\A[A-Za-z0-9]{1,18}\Z"),
)
activity = st.builds(
    Activity,
    ref=st.just("interaction-1"),
    type=st.sampled_from(ACTIVITY_TYPES),
    contact=contact,
    start=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)
    ),
    subject=text.map(lambda s: s[:SUBJECT_LIMIT]),
    body=text,
    done=st.booleans(),
    priority=st.sampled_from(["low", "normal", "high"]),
    minutes=st.none() | st.integers(min_value=1, max_value=600),
)


def _as_written(value: object) -> str:
    """What the formula-safe writer makes of a value, as the reader gives it back."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    shown = str(value)
    return PREFIX + shown if shown.startswith(FORMULA_STARTS) else shown


@settings(max_examples=150)
@given(st.sampled_from(["salesforce", "hubspot", "pipedrive"]), st.lists(activity, max_size=6))
def test_every_vendor_file_reads_back_cell_for_cell(vendor: str, items: list[Activity]) -> None:
    kind = items[0].type if items and vendor == "hubspot" else None
    if kind is not None:
        items = [a for a in items if a.type == kind]  # HubSpot: one type per file
    columns = columns_for(vendor, kind)
    written, count = to_csv(vendor, kind, items)
    assert count == len(items)
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows[0] == [name for name, _ in columns]
    assert len(rows) == len(items) + 1
    for item, row in zip(items, rows[1:], strict=True):
        assert row == [_as_written(get(item)) for _, get in columns]
        assert not any(c.startswith(FORMULA_STARTS) for c in row)


def _one_row(vendor: str, kind: str | None, item: Activity) -> dict[str, str]:
    header, row = csv.reader(io.StringIO(to_csv(vendor, kind, [item])[0], newline=""))
    return dict(zip(header, row, strict=True))


@settings(max_examples=60)
@given(activity)
def test_times_are_what_each_vendor_expects(item: Activity) -> None:
    sf = _one_row("salesforce", None, item)
    assert sf["ActivityDate"] == item.start.date().isoformat()
    hs = _one_row("hubspot", item.type, item)
    stamp = datetime.strptime(hs["hs_timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert stamp == item.start.replace(microsecond=0)
    if item.type == "meeting":
        end = datetime.strptime(hs["hs_meeting_end_time"], "%Y-%m-%dT%H:%M:%SZ")
        assert end.replace(tzinfo=UTC) - stamp == timedelta(minutes=item.minutes or 0)
    if item.type == "call" and item.minutes:
        assert hs["hs_call_duration"] == str(item.minutes * 60_000)
        assert sf["CallDurationInSeconds"] == str(item.minutes * 60)
