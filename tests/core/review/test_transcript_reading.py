"""Reading transcripts: speakers from voice tags and prefixes, the JSON shapes, plain text,
mapping speakers to roles, questions and the next step."""

from __future__ import annotations

import json

import pytest

from salescoach.core.review.formats import parse, speaker_and_text
from salescoach.core.review.next_step import next_step
from salescoach.core.review.speakers import find_speaker, roles_from
from salescoach.core.review.talk import is_open
from salescoach.core.review.transcript import Line
from salescoach.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<v Sam Reyes>Hello there.</v>", ("Sam Reyes", "Hello there.")),
        ("<v.loud Sam>Hello</v>", ("Sam", "Hello")),
        ("Sam Reyes: Hello there.", ("Sam Reyes", "Hello there.")),
        ("- Dr. Ada O'Neil: Yes.", ("Dr. Ada O'Neil", "Yes.")),
        ("[Ada] Yes, go on.", ("Ada", "Yes, go on.")),
        ("SPEAKER_01: ok", ("SPEAKER_01", "ok")),
        ("At 10:30 works for me.", (None, "At 10:30 works for me.")),
        ("Let's meet at 9:00.", (None, "Let's meet at 9:00.")),
        ("Sure, happy to.", (None, "Sure, happy to.")),
    ],
)
def test_the_speaker_of_a_cue(text: str, expected: tuple[str | None, str]) -> None:
    assert speaker_and_text(text) == expected


def test_a_vtt_with_notes_styles_and_multi_line_cues() -> None:
    transcript = parse(
        "\ufeffWEBVTT - a call\n\nNOTE exported by a meeting tool\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "00:00:01.000 --> 00:00:03.250 align:start\n<v Sam>Hello\nthere.</v>\n\n"
        "00:03.500 --> 00:05.000\n<v Ada><i>Hi</i> Sam.</v>\n"
    )
    assert [(x.start, x.end, x.speaker, x.text) for x in transcript.lines] == [
        (1.0, 3.25, "Sam", "Hello there."),
        (3.5, 5.0, "Ada", "Hi Sam."),
    ]


def test_whisper_cpp_json_in_milliseconds() -> None:
    data = {
        "transcription": [
            {"offsets": {"from": 0, "to": 1500}, "text": " Sam: Hello."},
            {"offsets": {"from": 1500, "to": 2500}, "text": " Ada: Hi."},
        ]
    }
    transcript = parse(json.dumps(data))
    assert transcript.format == "whisper_json"
    assert [(x.start, x.end, x.speaker) for x in transcript.lines] == [
        (0.0, 1.5, "Sam"),
        (1.5, 2.5, "Ada"),
    ]


def test_a_bare_list_of_segments_and_a_speaker_key_over_a_prefix() -> None:
    data = [
        {"start": 0, "end": 1, "speaker": "A", "text": "Note: this is A."},
        {"start": 1, "end": 2, "speaker": "B", "text": "Hi."},
    ]
    assert [x.speaker for x in parse(json.dumps(data)).lines] == ["A", "B"]


def test_plain_text_continuation_and_blank_lines() -> None:
    transcript = parse("Sam: One two\nthree four five.\n\nAda: Six.\n")
    assert [(x.speaker, x.text, x.seconds) for x in transcript.lines] == [
        ("Sam", "One two three four five.", 2.0),
        ("Ada", "Six.", pytest.approx(0.4)),
    ]
    assert not transcript.timed


def test_plain_text_with_stamps_out_of_order() -> None:
    with pytest.raises(UsageError, match=r"line 2 starts at 00:00:05\.000, before line 1"):
        parse("[00:00:09] Sam: Hello.\n[00:00:05] Ada: Hi.\n")


def test_finding_a_speaker_by_name() -> None:
    speakers = ["Sam Reyes", "Sam Ortiz", "Ada Lovelace"]
    assert find_speaker("sam reyes", speakers) == "Sam Reyes"
    assert find_speaker("  Ada ", speakers) == "Ada Lovelace"
    assert find_speaker("Sam", speakers) is None  # two Sams
    assert find_speaker("Grace", speakers) is None
    assert find_speaker("", speakers) is None


def test_the_leads_contact_settles_two_speakers_only() -> None:
    two = parse("Sam: Hello.\nAda Lovelace: Hi.\n")
    roles = roles_from(two, [], "ada lovelace")
    assert roles is not None and roles.reps == frozenset({"Sam"})
    assert roles_from(two, [], "Grace Hopper") is None
    assert roles_from(two, [], None) is None
    three = parse("Sam: Hello.\nAda Lovelace: Hi.\nGrace: Hey.\n")
    assert roles_from(three, [], "Ada Lovelace") is None


@pytest.mark.parametrize(
    ("question", "open_"),
    [
        ("What does that cost you today?", True),
        ("So, how do you handle it now?", True),
        ("Okay and why is that?", True),
        ("Could you walk me through the process?", True),
        ("Can you tell me more about that?", True),
        ("Got it, and who else is involved?", True),
        ("What's the timeline?", True),
        ("Does that make sense?", False),
        ("Is Thursday good?", False),
        ("Would a pilot help, or not?", False),
        ("Shall we book it?", False),
    ],
)
def test_open_and_closed_questions(question: str, open_: bool) -> None:
    assert is_open(question) is open_


def _lines(*said: tuple[str, str]) -> list[Line]:
    return [Line(n, n * 10.0, n * 10.0 + 5, who, text) for n, (who, text) in enumerate(said)]


def _role(speaker: str) -> str:
    return "rep" if speaker == "Sam" else "buyer"


def test_a_next_step_is_agreed_only_when_the_buyer_says_yes() -> None:
    proposed = ("Sam", "Can we book a call on Friday at 2pm?")
    agreed = next_step(_lines(proposed, ("Ada", "Sounds good.")), _role)
    assert agreed is not None and agreed.agreed and agreed.when == "Friday"
    declined = next_step(_lines(proposed, ("Ada", "I'd rather not commit.")), _role)
    assert declined is not None and not declined.agreed
    by_buyer = next_step(_lines(("Ada", "Send the invite for the 14th.")), _role)
    assert by_buyer is not None and by_buyer.agreed and by_buyer.when == "14th"
    assert next_step(_lines(("Sam", "I'll email you today.")), _role) is None


def test_a_checklist_item_split_over_two_cues_of_one_turn_is_covered() -> None:
    from salescoach.cli.common import load_playbook
    from salescoach.core.review.coverage import coverage

    playbook = load_playbook("b2b-saas").playbook
    split = [
        Line(1, 0, 2, "Sam", "Tell me how the current"),
        Line(2, 2, 4, "Sam", "process works today."),
    ]
    found = {
        item.text: item.at
        for step in coverage(playbook, [split])
        for item in step.items
        if item.at is not None
    }
    assert found["Current process and tools understood"] == 0
    apart = coverage(playbook, [split[:1], split[1:]])  # two turns: not joined
    item = next(i for s in apart for i in s.items if i.text.startswith("Current process"))
    assert item.at is None
