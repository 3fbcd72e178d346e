"""`salescoach listen`: cards for the buyer's objections as lines arrive, one at a time, a
summary at the end, objections logged on a lead; closed or empty stdin, huge lines and terminal
escapes handled."""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from salescoach.cli.review import listen_cmd
from salescoach.core.objections.matcher import Match, MatchResult
from salescoach.core.review.live import Heard, Listener
from salescoach.ui.review.live_view import CardScreen
from tests.support.cli import run
from tests.support.leads import rows

CALL = (
    "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Sam Reyes>Thanks for joining, Ada.</v>\n\n"
    "2\n00:00:03.500 --> 00:00:07.000\n"
    "Ada Lovelace: Honestly, forty dollars a seat is more than we budgeted for.\n\n"
    "Ada Lovelace: And it is still more than we budgeted for.\n"
    "Sam Reyes: I understand. What are you comparing it with?\n"
    "Ada Lovelace: We also looked at SuiteCore.\n"
)


def test_cards_for_the_buyers_objections_and_a_summary() -> None:
    result = run("listen", "--rep-speaker", "Sam", input=CALL)
    assert result.exit_code == 0, result.stderr
    cards = result.stdout.split("\n\n")
    titles = [c.splitlines()[1] for c in cards if c.strip()]
    # The second price line is the card already showing: not drawn again. "We also looked at
    # SuiteCore" answers the rep's question: its battlecard, but no objection card.
    assert titles == [
        "PRICE OR BUDGET (price)",
        "SUITECORE (MODULE OF AN ALL-IN-ONE PLATFORM) (battlecard)",
    ]
    assert "Thanks for joining" not in result.stdout  # the rep's lines draw nothing
    assert result.stderr.strip() == (
        "listened to 5 lines (3 from the buyer); objections: Price or budget ×2; competitors: "
        "SuiteCore"
    )


def test_the_leads_contact_is_the_buyer_and_each_objection_is_logged_once(
    salescoach_home: Path,
) -> None:
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    result = run("listen", "--lead", "ACME", input=CALL)
    assert result.exit_code == 0, result.stderr
    logged = rows(salescoach_home, "SELECT kind, objection, text FROM interactions ORDER BY id")
    assert [(r["kind"], r["objection"]) for r in logged] == [("objection", "price")]
    assert logged[0]["text"].startswith("Honestly, forty dollars")
    assert result.stderr.rstrip().endswith("logged 1 objection")
    quiet = run("listen", "--lead", "ACME", "--no-log", input=CALL)
    assert quiet.exit_code == 0 and len(rows(salescoach_home, "SELECT id FROM interactions")) == 1


def test_without_a_rep_or_a_lead_it_says_what_it_needs() -> None:
    result = run("listen", input=CALL)
    assert result.exit_code == 2 and "listen needs to know who the rep is" in result.stderr


def test_an_empty_or_closed_stdin() -> None:
    empty = run("listen", "-r", "Sam", input="")
    assert empty.exit_code == 2 and "no transcript lines arrived on stdin" in empty.stderr
    structure_only = run(
        "listen", "-r", "Sam", input="WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n"
    )
    assert structure_only.exit_code == 2


def test_an_empty_stdin_on_a_lead_logs_nothing(salescoach_home: Path) -> None:
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    result = run("listen", "--lead", "ACME", input="")
    assert result.exit_code == 2 and "no transcript lines arrived on stdin" in result.stderr
    assert rows(salescoach_home, "SELECT id FROM interactions") == []


@pytest.mark.slow
def test_a_closed_stdin_descriptor_exits_2(salescoach_home: Path) -> None:
    # `<&-` closes descriptor 0 before Python starts, so sys.stdin is None.
    env = {**os.environ, "SALESCOACH_HOME": str(salescoach_home)}
    done = subprocess.run(
        ["bash", "-c", f"exec {sys.executable} -m salescoach listen -r Sam <&-"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "stdin is closed" in done.stderr and "Traceback" not in done.stderr


def test_a_closed_stdin_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(Exception, match="stdin is closed"):
        listen_cmd._reader()


def test_huge_lines_are_cut_and_the_rest_dropped() -> None:
    huge = "Ada: " + "budget " * 50_000  # 350,000 characters
    result = run("listen", "-r", "Sam", input=f"{huge}\nAda: Ping me again in January.\n")
    assert result.exit_code == 0, result.stderr
    assert "listened to 2 lines" in result.stderr
    assert "TIMING, NOT NOW (timing)" in result.stdout


def test_lines_arrive_in_pieces_and_long_ones_stay_bounded() -> None:
    pieces = iter([b"Ada: too ", b"expensive\nSam: ok\nAda: " + b"x" * 150_000, b"yz\n", b""])
    lines = list(listen_cmd._lines(lambda: next(pieces)))
    assert lines[:2] == ["Ada: too expensive", "Sam: ok"]
    assert len(lines) == 3 and len(lines[2]) == listen_cmd.MAX_LINE


def test_terminal_escapes_never_reach_the_screen() -> None:
    said = "Ada: \x1b[2J\x1b[31mHonestly, it's too expensive for a team our size.\x07\n"
    result = run("listen", "-r", "Sam", input=said)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert '"Honestly, it\'s too expensive for a team our size."' in result.stdout


def test_ctrl_c_ends_the_call_with_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    def lines(read: object) -> Iterator[str]:
        yield "Ada: Honestly, it's too expensive for a team our size."
        raise KeyboardInterrupt

    monkeypatch.setattr(listen_cmd, "_lines", lines)
    result = run("listen", "-r", "Sam", input="")
    assert result.exit_code == 0
    assert "PRICE OR BUDGET" in result.stdout and "listened to 1 line " in result.stderr


def _result(family: str | None) -> MatchResult:
    matches = [Match(family or "price", "Price", 0.5 if family else 0.01)]
    return MatchResult("", matches, family is not None, [])


def test_on_a_terminal_each_card_replaces_the_last() -> None:
    out = io.StringIO()
    screen = CardScreen(out, replace=True)
    first = Heard("Ada", "too expensive", True, "price")
    assert screen.show(first, ["card one", "line two"])
    assert not screen.show(first, ["card one", "line two"])  # the same card: nothing drawn
    assert screen.show(Heard("Ada", "not now", True, "timing"), ["card two"])
    assert out.getvalue() == "card one\nline two\n\x1b[2F\x1b[Jcard two\n"


def test_the_listener_skips_cue_structure_and_follows_speakers() -> None:
    listener = Listener(lambda text: _result("price" if "budget" in text else None), ["Sam"])
    heard = [
        listener.hear(line)
        for line in [
            "WEBVTT",
            "",
            "9b2e4c1a-7f0d-4d3e-9a51-1c2f3e4d5a6b/18-0",
            "00:00:09.500 --> 00:00:18.000",
            "<v Ada>No budget this year.</v>",
            "and that is final.",
            "Sam: I hear you.",
        ]
    ]
    assert heard[:4] == [None] * 4
    assert heard[4] == Heard("Ada", "No budget this year.", True, "price")
    assert heard[5] == Heard("Ada", "and that is final.", True, None)
    assert heard[6] == Heard("Sam", "I hear you.", False)
    assert listener.tally.lines == 3 and listener.tally.buyer_lines == 2


@pytest.mark.slow
def test_a_card_follows_its_line_within_50_ms_through_a_pipe(salescoach_home: Path) -> None:
    from benchmarks.listen_latency import measure

    times = measure(30, env={**os.environ, "SALESCOACH_HOME": str(salescoach_home)})
    assert statistics.median(times) < 0.05, times


@pytest.mark.slow
def test_listen_imports_neither_rich_yaml_sqlite_nor_the_playbook_model(
    salescoach_home: Path,
) -> None:
    env = {**os.environ, "SALESCOACH_HOME": str(salescoach_home)}
    command = [sys.executable, "-X", "importtime", "-m", "salescoach", "listen", "-r", "Sam"]
    for _ in range(2):  # the first run compiles the playbook into the cache
        done = subprocess.run(
            command, input="Ada: too expensive\n", env=env, capture_output=True, text=True
        )
    assert "PRICE OR BUDGET" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    heavy = {"yaml", "rich", "sqlite3", "salescoach.core.playbook.model", "webvtt", "srt"}
    assert sorted(m for m in imported if m.split(".")[0] in heavy or m in heavy) == []


def test_an_objection_heard_on_a_call_is_a_contact_with_its_channel(salescoach_home: Path) -> None:
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    assert run("listen", "--lead", "ACME", input=CALL).exit_code == 0
    [row] = rows(salescoach_home, "SELECT channel, at FROM interactions")
    assert row["channel"] == "call"  # as `objection --lead` logs it
    [lead] = rows(salescoach_home, "SELECT first_contact_at FROM leads")
    assert lead["first_contact_at"] == row["at"]  # the SLA sees the buyer was reached


def test_listen_takes_the_calls_channel_on_a_lead_only(salescoach_home: Path) -> None:
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    assert run("listen", "--lead", "ACME", "--channel", "Meeting", input=CALL).exit_code == 0
    assert rows(salescoach_home, "SELECT channel FROM interactions") == [{"channel": "meeting"}]
    bad = run("listen", "--lead", "ACME", "--channel", "pigeon", input=CALL)
    assert bad.exit_code == 2 and "unknown channel 'pigeon'" in bad.stderr
    alone = run("listen", "-r", "Sam", "--channel", "call", input=CALL)
    assert alone.exit_code == 2 and "add --lead LEAD" in alone.stderr
