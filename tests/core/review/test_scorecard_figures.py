"""The scorecards of the six fixture calls, against figures worked out by hand from the files.

Speaking time is the sum of each side's cue lengths; plain text without times gives each line
0.4 s a word (150 words a minute). The sums are written out beside each expectation.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from pydantic import TypeAdapter

from salescoach.cli.common import load_playbook
from salescoach.core.objections.matcher import Matcher
from salescoach.core.playbook.model import Playbook
from salescoach.core.review.formats import parse
from salescoach.core.review.scorecard import Review, build_scorecard
from salescoach.core.review.scorecard_types import Scorecard
from salescoach.core.review.source import decode
from salescoach.core.review.speakers import roles_from
from tests.support.paths import TRANSCRIPTS


@cache
def _playbook() -> tuple[Playbook, Matcher]:
    playbook = load_playbook("b2b-saas").playbook
    return playbook, Matcher.build(playbook)


def scorecard(name: str, rep: str | None = None, contact: str | None = None) -> Scorecard:
    playbook, matcher = _playbook()
    transcript = parse(decode((TRANSCRIPTS / name).read_bytes()))
    roles = roles_from(transcript, [rep] if rep else [], contact)
    assert roles is not None
    review = Review(transcript, roles, playbook, matcher.rank)
    return build_scorecard(review, file=name, sha256="0" * 64, playbook="b2b-saas")


def talk(card: Scorecard) -> dict[str, Any]:
    t = card["talk"]
    mono, stretch, q = t["longest_monologue"], t["longest_buyer_stretch"], t["questions"]
    assert mono is not None and stretch is not None
    return {
        "rep": t["rep_seconds"],
        "buyer": t["buyer_seconds"],
        "share": t["rep_share"],
        "monologue": (mono["start"], mono["seconds"]),
        "stretch": (stretch["start"], stretch["seconds"]),
        "questions": (q["total"], q["open"], q["closed"]),
    }


def objection(card: Scorecard, family: str) -> dict[str, Any]:
    found = [o for o in card["objections"] if o["family"] == family]
    assert found, f"no {family} objection in {[o['family'] for o in card['objections']]}"
    return dict(found[0])


def passed_stages(found: dict[str, Any]) -> list[str]:
    return [s["stage"] for s in found["reply"]["stages"] if s["points"]]


def test_discovery_call_on_teams_voice_tags() -> None:
    card = scorecard("discovery_teams.vtt", rep="Sam Reyes")
    assert card["format"] == "vtt" and card["timed"]
    assert card["duration_seconds"] == 165.0
    assert talk(card) == {
        # rep cues 1,3,5,7,9,11,14,16,18: 6 + 8.5 + 5.5 + 7.5 + 5.5 + 4.5 + 14.5 + 7.5 + 3.5
        "rep": 63.0,
        # buyer: 2.5 + 17.5 + 12.5 + 21.5 + 13.5 + 2.5 + 11.5 + 7.5 + 4.5
        "buyer": 93.5,
        "share": 0.4026,  # 63 / 156.5
        "monologue": (125.5, 14.5),  # cue 14, "That makes sense..."
        "stretch": (63.5, 21.5),  # cue 8; cues 12-13 are one turn of 14.5 s
        # open: what were you hoping, how many, who else, what happens; closed: is SSO, would
        # that work, shall we book
        "questions": (7, 4, 3),
    }
    assert card["next_step"] is not None
    assert (card["next_step"]["at"], card["next_step"]["when"]) == (156.5, "Thursday")
    assert card["next_step"]["agreed"] and card["next_step"]["speaker"] == "Ada Lovelace"
    tallybird = next(c for c in card["competitors"] if c["id"] == "tallybird")
    assert (tallybird["at"], tallybird["named_by"]) == (63.5, "buyer")
    timing = objection(card, "timing")  # the audit line, at 113.5, raised or came back
    assert 113.5 in [timing["at"], *timing["came_back_at"]]
    covered = {(s["id"], i["text"]) for s in card["steps"] for i in s["items"] if i["covered"]}
    assert ("approach", "Current process and tools understood") in covered  # cue 7, 55.5
    assert ("preparation", "Who else is likely to have a say in the decision?") in covered


def test_demo_with_two_objections_and_two_buyers_on_zoom_names() -> None:
    card = scorecard("demo_zoom.vtt", rep="Priya")
    assert [(s["name"], s["role"]) for s in card["speakers"]] == [
        ("Priya Natarajan", "rep"),
        ("Tom Becker", "buyer"),
        ("Lena Ortiz", "buyer"),
    ]
    assert talk(card) == {
        "rep": 96.0,  # 8 + 23.5 + 4.5 + 21.5 + 17.5 + 13.5 + 7.5
        "buyer": 67.0,  # 7.5 + 9.5 + 12.5 + 9.5 + 7.5 + 11.5 + 5.5 + 3.5
        "share": 0.589,  # 96 / 163
        "monologue": (16.5, 28.5),  # cues 3-4: 16.5 to 45.0
        "stretch": (45.5, 22.5),  # Tom then Lena, cues 5-6: 45.5 to 68.0
        "questions": (6, 3, 3),
    }
    price = objection(card, "price")
    assert (price["at"], price["came_back_at"], price["result"]) == (55.5, [126.5], "not_resolved")
    assert (price["reply"]["at"], price["reply"]["score"]) == (68.5, 2)
    assert passed_stages(price) == ["acknowledge", "respond"]  # no question, no check
    rollout = objection(card, "implementation")
    assert (rollout["at"], rollout["result"], rollout["reply"]["score"]) == (90.5, "resolved", 4)
    assert card["next_step"] is not None
    assert (card["next_step"]["at"], card["next_step"]["when"]) == (158.5, "Tuesday")
    assert card["next_step"]["agreed"]  # Lena: "Tuesday at 10 is fine."


def test_price_negotiation_in_srt_with_the_lead_as_buyer() -> None:
    card = scorecard("negotiation.srt", contact="Grace Hopper")
    assert card["format"] == "srt"
    assert [s["role"] for s in card["speakers"]] == ["rep", "buyer"]
    assert talk(card) == {
        "rep": 73.0,  # 7 + 17.5 + 17 + 14.5 + 13.5 + 3.5
        "buyer": 51.5,  # 12.5 + 11.5 + 9.5 + 12.5 + 5.5
        "share": 0.5863,  # 73 / 124.5
        "monologue": (20.5, 17.5),
        "stretch": (7.5, 12.5),  # cue 8 is as long; the first counts
        "questions": (6, 3, 3),
    }
    price = objection(card, "price")
    # 68.5, "That could fit. What discount do we get...", opens by agreeing: no return
    assert (price["at"], price["came_back_at"]) == (7.5, [38.5])
    assert passed_stages(price) == ["acknowledge", "explore", "respond"]
    assert objection(card, "contract")["at"] == 93.5
    assert [(c["id"], c["at"], c["named_by"]) for c in card["competitors"]] == [
        ("suitecore", 7.5, "buyer")
    ]
    assert card["next_step"] is not None
    assert (card["next_step"]["at"], card["next_step"]["agreed"]) == (120.5, True)


def test_the_rep_talks_eighty_percent_in_whisperx_json() -> None:
    card = scorecard("monologue_whisperx.json", rep="SPEAKER_00")
    assert card["format"] == "whisper_json"
    assert talk(card) == {
        "rep": 240.0,  # 40 + 50 + 45 + 45 + 40 + 20
        "buyer": 60.0,  # 4 + 16 + 22 + 18
        "share": 0.8,
        "monologue": (4.5, 180.0),  # segments 2-5
        "stretch": (242.0, 22.0),
        "questions": (1, 0, 1),
    }
    assert card["next_step"] is None
    practise = [p["what"] for p in card["practise"]]
    assert "Talk less, listen more" in practise and "Shorter monologues" in practise
    assert objection(card, "send_info")["at"] == 242.0


def test_plain_text_without_times_is_timed_by_its_words() -> None:
    card = scorecard("followup_plain.txt", rep="Sam")
    assert not card["timed"] and card["notes"]
    assert card["duration_seconds"] == 36.8  # 92 words
    assert talk(card) == {
        "rep": 16.8,  # 7 + 8 + 12 + 9 + 6 words
        "buyer": 20.0,  # 7 + 18 (a line and its continuation) + 13 + 12 words
        "share": 0.4565,  # 42 / 92
        "monologue": (16.0, 4.8),  # "That makes sense. Who else...", after 40 words
        "stretch": (8.8, 7.2),
        "questions": (3, 2, 1),
    }
    assert objection(card, "authority")["at"] == 8.8
    assert objection(card, "send_info")["at"] == 29.6
    assert card["next_step"] is not None
    assert (card["next_step"]["at"], card["next_step"]["agreed"]) == (26.0, False)


def test_plain_text_with_stamps_runs_each_line_to_the_next() -> None:
    card = scorecard("coldcall_stamped.txt", rep="Chris Okafor")
    assert card["timed"] and card["duration_seconds"] == 58.0  # last line: 54 + 10 words
    assert talk(card) == {
        "rep": 34.0,  # 3 + 11 + 7 + 9 + 4
        "buyer": 24.0,  # 2 + 10 + 7 + 5
        "share": 0.5862,
        "monologue": (5.0, 11.0),
        "stretch": (16.0, 10.0),
        "questions": (4, 1, 3),
    }
    timing = objection(card, "timing")
    assert (timing["at"], timing["came_back_at"]) == (16.0, [33.0])
    assert timing["result"] == "not_resolved"
    assert card["next_step"] is not None
    assert (card["next_step"]["when"], card["next_step"]["agreed"]) == ("Monday", False)


@pytest.mark.parametrize(
    "name",
    [
        "discovery_teams.vtt",
        "demo_zoom.vtt",
        "negotiation.srt",
        "monologue_whisperx.json",
        "followup_plain.txt",
        "coldcall_stamped.txt",
    ],
)
def test_every_scorecard_matches_its_published_type(name: str) -> None:
    reps = {"monologue_whisperx.json": "SPEAKER_00", "negotiation.srt": "Marco"}
    transcript = parse(decode((TRANSCRIPTS / name).read_bytes()))
    card = scorecard(name, rep=reps.get(name, transcript.speakers[0]))
    TypeAdapter(Scorecard).validate_python(card, strict=True)
    assert card["schema_version"] == 1
    assert len(card["practise"]) <= 3
