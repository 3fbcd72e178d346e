"""Which CRM wrote a header row, and a CRM's values read as temperatures: properties over
headers as the vendors' exports write them (any order, any case, with other columns beside)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.leads.crm_presets import HUBSPOT, PRESETS, SALESFORCE, detect, scores
from salescoach.core.leads.textfile import normalise_header
from salescoach.core.leads.value_maps import Miss, Signal, table, temperature_of

# The vendors' own column names, as their exports spell them (README "Importing from a CRM").
OWN_COLUMNS = {
    "salesforce": ["Lead ID", "Lead Source", "Lead Status", "Rating", "Lead Owner",
                   "Record Owner", "Mobile Phone", "FirstName", "LastName", "LeadSource",
                   "MobilePhone", "OwnerId", "CreatedDate", "IsConverted"],
    "hubspot": ["Record ID", "Contact owner", "Lifecycle Stage", "Phone Number",
                "Mobile Phone Number", "Company Name", "Job Title", "Original Source",
                "Create Date", "Last Activity Date"],
    "pipedrive": ["Person - ID", "Person - Name", "Person - Email - Work",
                  "Person - Phone - Mobile", "Person - Organization", "Person - Owner",
                  "Person - Label", "Deal - Title", "Deal - Stage", "Deal - Value",
                  "Organization - Name", "Lead - Title"],
}  # fmt: skip
# Columns every CRM and every spreadsheet has: they tell no vendor apart.
SHARED = ["Name", "Email", "Phone", "Company", "Title", "Description", "City", "Notes",
          "Website", "Lead Status", "First Name", "Last Name", ""]  # fmt: skip


def _respelled(header: str) -> st.SearchStrategy[str]:
    """The same column as another export (or a hand-edited file) spells it."""
    if " - " in header:  # Pipedrive's `Entity - Field`: only the case changes
        return st.sampled_from([header, header.upper(), header.lower()])
    return st.sampled_from(
        [header, header.upper(), header.lower(), header.replace(" ", "_"), f" {header} "]
    )


@st.composite
def vendor_header(draw: st.DrawFn, vendor: str) -> list[str]:
    own = draw(st.lists(st.sampled_from(OWN_COLUMNS[vendor]), min_size=2, max_size=8,
                        unique=True))  # fmt: skip
    spelled = [draw(_respelled(h)) for h in own]
    others = draw(st.lists(st.sampled_from(SHARED), max_size=6))
    return draw(st.permutations(spelled + others))


@settings(max_examples=150)
@given(st.data())
def test_two_of_a_vendor_s_own_columns_name_the_vendor(data: st.DataObject) -> None:
    vendor = data.draw(st.sampled_from(sorted(OWN_COLUMNS)))
    header = data.draw(vendor_header(vendor))
    preset = detect(header)
    assert preset is not None and preset.name == vendor, (header, scores(header))


@settings(max_examples=100)
@given(st.lists(st.sampled_from(SHARED), max_size=12))
def test_a_plain_spreadsheet_is_no_vendor_s(header: list[str]) -> None:
    assert detect(header) is None


@settings(max_examples=100)
@given(st.data())
def test_a_tie_between_vendors_is_left_to_from(data: st.DataObject) -> None:
    n = data.draw(st.integers(min_value=2, max_value=5))
    salesforce = data.draw(st.lists(st.sampled_from(OWN_COLUMNS["salesforce"]), min_size=n,
                                    max_size=n, unique=True))  # fmt: skip
    hubspot = data.draw(st.lists(st.sampled_from(OWN_COLUMNS["hubspot"]), min_size=n,
                                 max_size=n, unique=True))  # fmt: skip
    assert detect(data.draw(st.permutations(salesforce + hubspot))) is None


@pytest.mark.parametrize("vendor", sorted(PRESETS))
def test_every_column_a_preset_reads_is_one_it_maps(vendor: str) -> None:
    preset = PRESETS[vendor]
    for header in preset.tables:
        assert preset.columns[header] == "temperature", header
    assert all(normalise_header(h) == h for h in preset.columns)


def _signals(*tables: dict[str, str]) -> list[Signal]:
    return [Signal(i, f"column {i}", t) for i, t in enumerate(tables)]


LABELS = table({"Hot lead": "qualified", "Warm lead": "warm", "Cold lead": "cold"})
STAGES = table({"Contact Made": "warm", "Qualified": "qualified"})


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["Hot lead", ""], "qualified"),
        (["HOT-LEAD", ""], "qualified"),  # case, spaces and punctuation do not count
        (["Warm lead, Customer", ""], "warm"),  # Pipedrive's several labels in one cell
        (["VIP, Cold lead", ""], "cold"),  # the first label a table knows decides
        (["VIP; Partner", "Contact Made"], Miss("column 0", "VIP; Partner")),
        (["", "Qualified"], "qualified"),  # an empty cell leaves it to the next column
        (["warm", ""], "warm"),  # our own words stand for themselves
        (["", ""], None),
    ],
)
def test_a_crm_value_as_a_temperature(cells: list[str], expected: object) -> None:
    assert temperature_of(cells, _signals(LABELS, STAGES)) == expected


def test_a_value_that_tells_nothing_passes_to_the_next_column() -> None:
    labels = {**LABELS, "vip": "-"}
    assert temperature_of(["VIP", "Contact Made"], _signals(labels, STAGES)) == "warm"
    assert temperature_of(["VIP, Partner", "Qualified"], _signals(labels, STAGES)) == "qualified"


@settings(max_examples=100)
@given(st.sampled_from(["salesforce", "hubspot"]), st.data())
def test_every_value_of_a_vendor_table_reads_as_its_temperature(
    vendor: str, data: st.DataObject
) -> None:
    preset = {"salesforce": SALESFORCE, "hubspot": HUBSPOT}[vendor]
    header, values = data.draw(st.sampled_from(sorted(preset.tables.items())))
    key, temperature = data.draw(st.sampled_from(sorted(values.items())))
    assert temperature_of([key.upper()], [Signal(0, header, values)]) == temperature
