"""`salescoach listen`: follow a call as its transcript arrives on stdin, with the card for each
objection or competitor the buyer raises.

Mid-call, like `objection`: the compiled playbook comes from the JSON cache (no yaml, no
playbook model) and rich is never imported. stdin is read with `os.read`, which returns what
has arrived, so a partial line never holds back the lines before it; a line longer than
`MAX_LINE` bytes is cut there and the rest of it dropped, so memory stays bounded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import sqlite3

    from salescoach.actions.interaction_log import InteractionLog
    from salescoach.core.kernel.records import Lead
    from salescoach.core.review.live import Heard

MAX_LINE = 100_000
CHUNK = 65_536


def register(app: typer.Typer) -> None:
    app.command("listen")(listen)


def listen(
    lead: str | None = typer.Option(
        None, "--lead", "-l", help="Log the objections on this lead; its contact is the buyer."
    ),
    rep_speaker: list[str] = typer.Option(
        [], "--rep-speaker", "-r", help="The rep's name as the transcript writes it (repeatable)."
    ),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook name or file (default: the lead's, else b2b-saas)."
    ),
    channel: str | None = typer.Option(
        None, "--channel", "-c", help="With --lead: how the call is held (default: call)."
    ),
    no_log: bool = typer.Option(False, "--no-log", help="With --lead: show, but log nothing."),
) -> None:
    """Follow a call live: pipe the transcript in (`Name: text` lines or WebVTT cues, as a
    streaming speech-to-text tool writes them). A buyer line that raises an objection or names a
    competitor shows its card at once; Ctrl-C (or the end of the stream) prints a summary."""
    from contextlib import ExitStack

    from salescoach.cli.objections.objection_cmd import _compiled
    from salescoach.cli.semantic_rank import semantic_rerank
    from salescoach.core.review.live import Listener
    from salescoach.errors import UsageError
    from salescoach.ui.console import isatty
    from salescoach.ui.review.live_view import CardScreen, card_lines, summary

    heard_by = _channel(channel, lead)
    read = _reader()
    with ExitStack() as opened:
        conn = found = log = None
        if lead:
            from salescoach.actions.interaction_log import interaction_log
            from salescoach.store.access import opened_store
            from salescoach.store.leads import find_lead

            conn = opened.enter_context(opened_store())
            found = find_lead(conn, lead)
            log = interaction_log(conn, no_log=no_log)
        asked = playbook or (found.playbook if found else None)
        compiled = _compiled(asked)
        rerank = semantic_rerank(asked or compiled.name, say=_say)
        rank = compiled.matcher.rank
        if rerank is not None:
            rank = lambda text: rerank(compiled.matcher.rank(text))  # noqa: E731
        listener = Listener(rank, rep_speaker, found.name if found else None)
        screen = CardScreen(sys.stdout, replace=isatty(sys.stdout))
        logged: set[str] = set()
        try:
            for line in _lines(read):
                heard = listener.hear(line)
                if heard is None or not (heard.family or heard.cards):
                    continue
                screen.show(heard, card_lines(heard, compiled.objections, compiled.battlecards))
                if conn is not None and found is not None and log is not None and log.enabled:
                    _log(conn, log, found, heard, heard_by, logged)
        except KeyboardInterrupt:
            pass  # Ctrl-C is how a call ends
        if not listener.tally.lines:
            raise UsageError(
                "no transcript lines arrived on stdin",
                hint="pipe the live transcript in, e.g. `my-stt --stream | salescoach listen "
                "--rep-speaker 'Sam Reyes'`",
            )
        counted = len(logged) if found is not None and not no_log else None
        line = summary(listener.tally, compiled.objections, compiled.battlecards, counted)
        sys.stderr.write(line + "\n")


def _channel(given: str | None, lead: str | None) -> str:
    """The channel the objections are logged with: a buyer objecting on a call has been
    contacted, for first contact and the SLA, as with `objection --lead`."""
    from salescoach.core.kernel.records import parse_channel
    from salescoach.core.objections.matcher import OBJECTION_CHANNEL
    from salescoach.errors import UsageError

    if given is None:
        return OBJECTION_CHANNEL
    if lead is None:
        raise UsageError("--channel says how the call is held on a lead", hint="add --lead LEAD")
    return parse_channel(given) or OBJECTION_CHANNEL


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")


def _reader() -> Callable[[], bytes]:
    """A function returning the next bytes that arrived on stdin (b"" at the end)."""
    import io
    import os

    from salescoach.errors import UsageError

    stream = sys.stdin
    if stream is None or stream.closed:
        raise UsageError("stdin is closed", hint="pipe the live transcript into salescoach listen")
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        buffer = getattr(stream, "buffer", None)  # a test's or an embedding program's stream
        if buffer is not None and hasattr(buffer, "read1"):
            return lambda: bytes(buffer.read1(CHUNK))
        return lambda: stream.read(CHUNK).encode("utf-8")
    return lambda: os.read(fd, CHUNK)


def _lines(read: Callable[[], bytes]) -> Iterator[str]:
    pending = b""
    dropping = False  # inside a line already cut at MAX_LINE
    while chunk := read():
        pending += chunk
        while True:
            end = pending.find(b"\n")
            if end < 0:
                break
            line, pending = pending[:end], pending[end + 1 :]
            if not dropping:
                yield line.decode("utf-8", "replace")
            dropping = False
        if len(pending) > MAX_LINE:
            if not dropping:
                yield pending[:MAX_LINE].decode("utf-8", "replace")
            pending, dropping = b"", True
    if pending and not dropping:
        yield pending.decode("utf-8", "replace")


def _log(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead: Lead,
    heard: Heard,
    channel: str,
    logged: set[str],
) -> None:
    """Each objection family once per call, as it is raised (a killed listener loses none)."""
    if heard.family is None or heard.family in logged:
        return
    from salescoach import clock
    from salescoach.actions.interactions import log_interaction
    from salescoach.core.kernel.records import NewInteraction

    item = NewInteraction(
        lead_id=lead.id,
        at=clock.now(),
        kind="objection",
        step=lead.step,
        channel=channel,
        text=heard.text,
        objection=heard.family,
        detail={"source": "listen", "speaker": heard.speaker},
    )
    if log_interaction(conn, log, item).id is not None:
        logged.add(heard.family)
