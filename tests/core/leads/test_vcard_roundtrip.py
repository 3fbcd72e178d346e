"""vCards as `export contacts --format vcard` writes them, for any lead: parsed back by
vobject (a maintained vCard library, as phones and CardDAV servers would read them) and by
salescoach's own `.vcf` import, each giving back what the lead holds."""

from __future__ import annotations

import io
from datetime import date

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from salescoach.core.kernel.records import Lead
from salescoach.core.leads.import_rows import ImportDefaults, LeadRow
from salescoach.core.leads.vcard import name_parts, to_vcards
from salescoach.core.leads.vcard_read import VCardReading, leads_of_vcards
from tests.support.leads import lead_record

# Text as leads hold it: any script, emoji, and the characters vCard escapes (`\ , ;`);
# no control characters or bidirectional overrides (the lead's checks refuse those).
text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
            blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x85",
        ),
        min_size=1,
        max_size=120,
    )
    .map(str.strip)
    .filter(bool)
)
phone = st.from_regex(r"\A\+?[0-9][0-9 ()./-]{3,25}[0-9]\Z")
email = st.from_regex(r"\A[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,15}(\.[a-z]{2,6}){1,2}\Z")


@st.composite
def leads(draw: st.DrawFn) -> list[Lead]:
    count = draw(st.integers(min_value=1, max_value=4))
    return [
        lead_record(
            id=i + 1,
            name=draw(text),
            company=draw(st.none() | text),
            job_title=draw(st.none() | text),
            email=draw(st.none() | email),
            phone=draw(st.none() | phone),
            mobile=draw(st.none() | phone),
            source=draw(st.none() | text),
            owner=draw(st.none() | text.map(lambda s: s[:100])),
        )
        for i in range(count)
    ]


@settings(max_examples=60)
@given(leads())
def test_vobject_reads_back_every_field(written: list[Lead]) -> None:
    vcf = to_vcards(written, version="1.0")
    assert all(len(line.encode()) <= 75 for line in vcf.split("\r\n"))
    cards = list(vobject.readComponents(vcf))
    assert len(cards) == len(written)
    for lead, card in zip(written, cards, strict=True):
        assert card.version.value == "4.0"
        assert card.fn.value == lead.name
        family, given_names = name_parts(lead.name)
        assert (card.n.value.family, card.n.value.given) == (family, given_names)
        assert (
            getattr(card, "org", None) is None
            if lead.company is None
            else (card.org.value == [lead.company])
        )
        assert (
            getattr(card, "title", None) is None
            if lead.job_title is None
            else (card.title.value == lead.job_title)
        )
        assert (
            getattr(card, "email", None) is None
            if lead.email is None
            else (card.email.value == lead.email)
        )
        phones = {t.params["TYPE"][0]: t.value for t in getattr(card, "tel_list", [])}
        expected = {"work": lead.phone, "cell": lead.mobile}
        assert phones == {k: v for k, v in expected.items() if v is not None}
        if lead.source:
            assert f"source: {lead.source}" in card.note.value
    assert len({card.uid.value for card in cards}) == len(cards)


@settings(max_examples=60)
@given(leads())
def test_the_vcf_import_reads_back_the_leads_it_wrote(written: list[Lead]) -> None:
    vcf = to_vcards(written, version="1.0")
    items = list(
        leads_of_vcards(io.StringIO(vcf, newline=""), ImportDefaults(playbook="minimal"),
                        date(2026, 3, 11), VCardReading())
    )  # fmt: skip
    assert all(isinstance(item, LeadRow) for item in items), items
    got = [
        (row.fields["name"], row.fields.get("company"), row.fields.get("job_title"),
         row.fields.get("email"), row.fields.get("phone"), row.fields.get("mobile"))
        for row in items if isinstance(row, LeadRow)
    ]  # fmt: skip
    assert got == [
        (lead.name, lead.company, lead.job_title, lead.email, lead.phone, lead.mobile)
        for lead in written
    ]
