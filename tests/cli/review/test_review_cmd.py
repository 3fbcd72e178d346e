"""`salescoach review FILE`: the outputs, logging on a lead once, tomorrow's drills, and every
kind of bad transcript refused with a clear message, exit 2 and nothing logged."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import count, rows
from tests.support.paths import TRANSCRIPTS

DEMO = str(TRANSCRIPTS / "demo_zoom.vtt")
NEGOTIATION = str(TRANSCRIPTS / "negotiation.srt")
GOOD = (
    "I understand, that's fair. When you say it is too much, what are you comparing it with? "
    "Your numbers show the payback is under four months. Does that work for you?"
)


def _lead(name: str = "Grace Hopper", company: str = "Navy") -> None:
    assert run("lead", "add", name, "--company", company).exit_code == 0


def _file(tmp_path: Path, text: str | bytes, name: str = "call.vtt") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_scorecard_fits_one_screen() -> None:
    result = run("review", DEMO, "--rep-speaker", "Priya Natarajan")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Call review: demo_zoom.vtt (vtt, 2:50; playbook b2b-saas)"
    assert len(lines) <= 40
    assert "rep 59% / buyer 41%" in result.stdout
    assert "Questions   6 (3 open, 3 closed)" in result.stdout
    assert "price" in result.stdout and "came back at 00:02:07" in result.stdout
    assert "Next step   agreed: Tuesday" in result.stdout
    assert "Practise next" in result.stdout


def test_json_and_markdown_say_the_same() -> None:
    data = json.loads(run("review", DEMO, "-r", "Priya", "--json").stdout)
    assert data["schema_version"] == 1 and data["talk"]["rep_share"] == 0.589
    assert data["format"] == "vtt" and len(data["sha256"]) == 64
    assert "lead" not in data
    same = json.loads(run("review", DEMO, "-r", "Priya", "--format", "json").stdout)
    assert same == data
    markdown = run("review", DEMO, "-r", "Priya", "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# Call review: demo_zoom.vtt")
    assert "| Priya Natarajan | rep | 1:36 | 7 |" in markdown.stdout
    assert "## Practise next" in markdown.stdout
    bad = run("review", DEMO, "-r", "Priya", "--format", "pdf")
    assert bad.exit_code == 2 and "unknown format 'pdf'" in bad.stderr


def test_the_leads_contact_is_the_buyer_and_the_review_is_logged_once(
    salescoach_home: Path,
) -> None:
    _lead()
    result = run("review", NEGOTIATION, "--lead", "Grace", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["role"] for s in data["speakers"]] == ["rep", "buyer"]
    assert data["lead"] == {"id": 1, "label": "Grace Hopper (Navy)"}
    logged = rows(salescoach_home, "SELECT * FROM interactions ORDER BY id")
    # price and contract; "Yes, send it Friday and we'll sign next week." agrees (no card)
    assert [r["kind"] for r in logged] == ["note", "objection", "objection"]
    assert logged[0]["text"].startswith("Call review of negotiation.srt: rep talked 59%")
    assert logged[0]["channel"] is None  # a review is not a contact with the buyer
    price = logged[1]
    assert (price["objection"], price["result"]) == ("price", "not_resolved")
    assert price["text"].startswith("The number. Sixty thousand a year")
    assert data["logged"]["interactions"] == [r["id"] for r in logged]
    assert "logged the review on Grace Hopper (Navy)" in result.stderr

    again = run("review", NEGOTIATION, "--lead", "Grace")
    assert again.exit_code == 2
    assert "already reviewed on Grace Hopper (Navy)" in again.stderr
    assert count(salescoach_home, "interactions") == 3
    # The same call under another name is the same content.
    copy = Path(NEGOTIATION).read_bytes()
    other = salescoach_home.parent / "copy.srt"
    other.write_bytes(copy)
    assert run("review", str(other), "--lead", "Grace").exit_code == 2


def test_unresolved_objections_come_back_tomorrow_in_the_buyers_words(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lead()
    result = run("review", NEGOTIATION, "--lead", "Grace", "--json")
    drills = json.loads(result.stdout)["logged"]["drill_items"]
    assert "objections:price" in drills
    items = rows(salescoach_home, "SELECT * FROM review_items WHERE item = 'objections:price'")
    assert (items[0]["box"], items[0]["due"]) == (1, "2026-03-12")
    assert "due tomorrow: salescoach train" in result.stderr

    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-12")
    answers = tmp_path / "answers.yaml"
    answers.write_text(json.dumps({"objections": [GOOD] * len(drills)}), encoding="utf-8")
    trained = run("train", "--seed", "1", "--answers", str(answers), "--json")
    assert trained.exit_code == 0, trained.stderr
    said = {i["item"]: i["detail"] for i in json.loads(trained.stdout)["items"]}
    price = said["objections:price"]
    assert price["source"] == "call"
    assert price["buyer_says"].startswith("The number. Sixty thousand a year")


def test_with_logging_off_the_drills_are_kept_and_nothing_is_logged(
    salescoach_home: Path,
) -> None:
    _lead()
    assert run("logs", "off").exit_code == 0
    result = run("review", NEGOTIATION, "--lead", "Grace")
    assert result.exit_code == 0
    assert "not logged: logging is turned off" in result.stderr
    assert count(salescoach_home, "interactions") == 0
    assert count(salescoach_home, "review_items") > 0
    assert run("review", NEGOTIATION, "--lead", "Grace").exit_code == 2  # still once


def test_no_log_scores_and_writes_nothing(salescoach_home: Path) -> None:
    _lead()
    result = run("review", NEGOTIATION, "--lead", "Grace", "--no-log", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["logged"] is None
    assert count(salescoach_home, "interactions") == count(salescoach_home, "training") == 0


def test_without_a_terminal_or_a_mapping_the_speakers_are_named() -> None:
    result = run("review", DEMO)
    assert result.exit_code == 2
    speakers = "speakers: Priya Natarajan (7 lines), Tom Becker (4 lines), Lena Ortiz (4 lines)"
    assert f"which speaker is the rep? {speakers}" in result.stderr
    assert "--rep-speaker" in result.stderr


def test_a_lead_contact_among_three_speakers_does_not_settle_it() -> None:
    _lead("Lena Ortiz", "Acme")
    result = run("review", DEMO, "--lead", "Lena")
    assert result.exit_code == 2 and "which speaker is the rep?" in result.stderr


def test_a_rep_speaker_not_in_the_file() -> None:
    result = run("review", DEMO, "--rep-speaker", "Sam Reyes")
    assert result.exit_code == 2
    assert "rep speaker 'Sam Reyes' is not in the transcript" in result.stderr
    assert "Priya Natarajan (7 lines)" in result.stderr
    everyone = ["-r", "Priya", "-r", "Tom", "-r", "Lena"]
    assert "nobody is left on the buyer's side" in run("review", DEMO, *everyone).stderr


def test_a_rep_speaker_not_in_the_file_logs_nothing_on_the_lead(salescoach_home: Path) -> None:
    _lead()
    result = run("review", DEMO, "--lead", "Grace", "--rep-speaker", "Sam Reyes")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "rep speaker 'Sam Reyes' is not in the transcript" in result.stderr
    assert count(salescoach_home, "interactions") == count(salescoach_home, "training") == 0
    # Nothing was recorded, so the same file can be reviewed once the rep is named right.
    assert run("review", DEMO, "--lead", "Grace", "-r", "Priya").exit_code == 0


_CUE = "{n}\n00:00:{a:02d}.000 --> 00:00:{b:02d}.000\n{text}\n"


def _vtt(*cues: tuple[int, int, str]) -> str:
    body = "\n".join(_CUE.format(n=n, a=a, b=b, text=t) for n, (a, b, t) in enumerate(cues, 1))
    return "WEBVTT\n\n" + body


BAD: dict[str, tuple[str | bytes, str]] = {
    "empty": ("", "the transcript is empty"),
    "blank": ("\n  \n", "the transcript is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (it holds binary data)"),
    "latin-1": (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJos\xe9: hola\n", "line 4 of"),
    "header only": ("WEBVTT\n", "the transcript has no spoken lines"),
    "broken vtt": ("WEBVTT\n\n00:00:01.000 --> 00:00:0x\nSam: hi\n", "not a valid WebVTT file"),
    "overlap": (
        _vtt((0, 5, "Sam: Hello."), (4, 8, "Ada: Hi.")),
        "cue 2 (00:00:04.000) starts before cue 1 ends (00:00:05.000): the times overlap",
    ),
    "reversed": (
        _vtt((0, 5, "Sam: Hello."), (9, 6, "Ada: Hi.")),
        "cue 2 ends before it starts (00:00:09.000 --> 00:00:06.000)",
    ),
    "out of order": (
        _vtt((10, 12, "Sam: Hello."), (2, 4, "Ada: Hi.")),
        "cue 2 starts at 00:00:02.000, before cue 1 (00:00:10.000): out of order",
    ),
    "no speakers": (
        _vtt((0, 5, "Hello there."), (6, 8, "Hi.")),
        "cue 1 at 00:00:00.000 has no speaker: 'Hello there.'",
    ),
    "one speaker": (
        _vtt((0, 5, "Sam: Hello?"), (6, 8, "Sam: Anyone there?")),
        "only one speaker in the transcript (Sam)",
    ),
    "whisper without speakers": (
        json.dumps({"segments": [{"start": 0, "end": 2, "text": "Hello."}]}),
        "segment 1 at 00:00:00.000 has no speaker",
    ),
    "whisper without times": (
        json.dumps({"segments": [{"text": "Sam: Hello."}]}),
        "segment 1 has no number for start",
    ),
    "json of something else": (json.dumps({"rows": []}), "not a list of transcript segments"),
    "bad json": ('{"segments": [', "not valid JSON"),
    "bad srt": ("1\nsoon --> later\nSam: hi\n", "not a valid SRT"),
    "srt time typo": (
        "1\n00:00:01,000 --> 00:00:0x,000\nSam: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nAda: yo\n",
        "cue 1 ends before it starts",  # srt reads the end as 0 and keeps the rest
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_transcript_is_refused_and_nothing_logged(
    case: str, tmp_path: Path, salescoach_home: Path
) -> None:
    _lead()
    content, message = BAD[case]
    result = run("review", _file(tmp_path, content), "--lead", "Grace", "-r", "Sam")
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert count(salescoach_home, "interactions") == count(salescoach_home, "training") == 0


def test_a_500_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.vtt"
    with open(huge, "wb") as handle:
        handle.write(b"WEBVTT\n\n")
        handle.truncate(500 * 1024 * 1024)  # sparse: takes no disk and no time to make
    started = time.monotonic()
    result = run("review", str(huge), "-r", "Sam")
    assert result.exit_code == 2
    assert "the transcript is 500 MB; one call's transcript is at most 20 MB" in result.stderr
    assert time.monotonic() - started < 2
    _lead()
    on_lead = run("review", str(huge), "--lead", "Grace", "-r", "Sam")
    assert on_lead.exit_code == 2 and "at most 20 MB" in on_lead.stderr
    assert count(huge.parent / "home", "interactions") == 0


def test_missing_files_and_folders(tmp_path: Path) -> None:
    assert "no such file" in run("review", str(tmp_path / "nope.vtt")).stderr
    assert "is a folder" in run("review", str(tmp_path)).stderr


def test_another_language_is_scored_with_a_note(tmp_path: Path) -> None:
    call = _vtt(
        (0, 5, "Ana: Buenos días, gracias por su tiempo."),
        (6, 12, "Luis: Claro. Nuestro presupuesto está muy limitado este año."),
        (13, 18, "Ana: Entiendo. ¿Qué pasaría si empezamos con un equipo pequeño?"),
    )
    result = run("review", _file(tmp_path, call), "-r", "Ana", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert any("English-only" in note for note in data["notes"])
    assert data["talk"]["rep_seconds"] == 10.0


def test_control_characters_never_reach_the_screen(tmp_path: Path) -> None:
    call = _vtt((0, 5, "Sam: Hello \x1b[2J\x1b[31mthere."), (6, 8, "Ada: Hi\x07."))
    result = run("review", _file(tmp_path, call), "-r", "Sam", "--format", "markdown")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    call = _vtt((0, 5, "Sam: Hello."), (6, 8, "Ada: Hi."))
    result = run("review", _file(tmp_path, call.encode("utf-16")), "-r", "Sam", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["talk"]["rep_seconds"] == 5.0


def test_a_fifo_is_read_bounded(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    # A named pipe has no size to check first; reading stops at the limit either way.
    call = _vtt((0, 5, "Sam: Hello."), (6, 8, "Ada: Hi."))
    path = tmp_path / "pipe.vtt"
    os.mkfifo(path)
    import threading

    def feed() -> None:
        with open(path, "w", encoding="utf-8") as out:
            out.write(call)

    writer = threading.Thread(target=feed)
    writer.start()
    result = run("review", str(path), "-r", "Sam", "--json")
    writer.join()
    assert result.exit_code == 0 and json.loads(result.stdout)["speakers"][1]["name"] == "Ada"


def test_on_a_terminal_the_rep_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    from salescoach.ui.console import Terminal
    from salescoach.ui.review import speaker_prompt

    asked: list[list[str]] = []

    def pick(message: str, choices: list[tuple[str, str]]) -> str:
        asked.append([title for title, _ in choices])
        return choices[0][1]

    monkeypatch.setattr(speaker_prompt, "select", pick)
    monkeypatch.setattr(speaker_prompt, "prompts_on", lambda stream: contextlib.nullcontext())
    out, messages = io.StringIO(), io.StringIO()
    terminal = Terminal(stdout=out, stderr=messages, interactive=True)
    result = run("review", DEMO, "--json", terminal=terminal)
    assert result.exit_code == 0, messages.getvalue()
    assert asked == [["Priya Natarajan (7 lines)", "Tom Becker (4 lines)", "Lena Ortiz (4 lines)"]]
    assert json.loads(out.getvalue())["speakers"][0]["role"] == "rep"
