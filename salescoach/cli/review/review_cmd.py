"""`salescoach review FILE`: a call's scorecard from its transcript, logged on the lead with
`--lead`, its unresolved objections turned into tomorrow's drills."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import sqlite3

    from salescoach.core.kernel.records import Lead
    from salescoach.core.review.scorecard import Review
    from salescoach.core.review.scorecard_types import LoggedData
    from salescoach.core.review.speakers import Roles
    from salescoach.core.review.transcript import Transcript
    from salescoach.ui.console import Terminal

FORMATS = ("text", "markdown", "json")


def register(app: typer.Typer) -> None:
    app.command("review")(review)


def review(
    file: Path = typer.Argument(
        ..., help="The transcript: .vtt (Zoom, Teams, Meet), .srt, whisper .json or Name: text."
    ),
    lead: str | None = typer.Option(
        None, "--lead", "-l", help="Log the review on this lead (id, or part of name/company)."
    ),
    rep_speaker: list[str] = typer.Option(
        [], "--rep-speaker", "-r", help="The rep's name as the transcript writes it (repeatable)."
    ),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook name or file (default: the lead's, else b2b-saas)."
    ),
    output: str = typer.Option("text", "--format", "-f", help="text, markdown or json."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (same as --format json)."),
    no_log: bool = typer.Option(
        False, "--no-log", help="With --lead: score, but write nothing (no log, no drills)."
    ),
) -> None:
    """Score a call from its transcript: talk-to-listen ratio, questions, the playbook steps
    covered, every objection and how the reply scored, competitors named, the next step, and
    three things to practise. With --lead, the review is logged on the lead (once per file)
    and objections left unresolved come back in `salescoach train`, in the buyer's words."""
    import hashlib

    from salescoach.cli.common import load_playbook, terminal
    from salescoach.cli.semantic_rank import semantic_rerank
    from salescoach.core.objections.matcher import Matcher
    from salescoach.core.review.formats import parse
    from salescoach.core.review.scorecard import Review, build_scorecard
    from salescoach.core.review.source import decode
    from salescoach.errors import UsageError
    from salescoach.store.access import opened_store

    if as_json:
        output = "json"
    if output not in FORMATS:
        raise UsageError(f"unknown format {output!r}", hint="use " + ", ".join(FORMATS))
    term = terminal()
    data = _read(file)
    sha256 = hashlib.sha256(data).hexdigest()
    transcript = parse(decode(data))
    with opened_store() as conn:
        found = _find_lead(conn, lead, sha256) if lead else None
        roles = _roles(term, transcript, rep_speaker, found)
        asked = playbook or (found.playbook if found else None)
        loaded = load_playbook(asked)
        matcher = Matcher.build(loaded.playbook)
        rerank = semantic_rerank(asked or loaded.name, loaded=loaded, say=term.say)
        rank = matcher.rank if rerank is None else (lambda text: rerank(matcher.rank(text)))
        call = Review(transcript, roles, loaded.playbook, rank)
        card = build_scorecard(call, file=file.name, sha256=sha256, playbook=loaded.name)
        if found is not None:
            card["lead"] = {"id": found.id, "label": found.label}
            card["logged"] = None if no_log else _log(conn, term, call, found, file.name, sha256)
    if output == "json":
        term.json(card)
        return
    from salescoach.ui.review.scorecard_view import markdown, text_lines

    if output == "markdown":
        term.page(markdown(card))
    else:
        for line in text_lines(card):
            term.line(line)


def _read(file: Path) -> bytes:
    """The file's bytes, refusing what cannot be one call before reading it all."""
    import os

    from salescoach.core.review.source import MAX_BYTES, too_big
    from salescoach.errors import UsageError

    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise too_big(size)
            data = handle.read(MAX_BYTES + 1)  # a pipe or a growing file: still bounded
    except FileNotFoundError:
        raise UsageError(f"no such file: {file}") from None
    except IsADirectoryError:
        raise UsageError(f"{file} is a folder, not a transcript") from None
    except PermissionError:
        raise UsageError(f"cannot read {file}: permission denied") from None
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise too_big(len(data))
    return data


def _find_lead(conn: sqlite3.Connection, ref: str, sha256: str) -> Lead:
    from salescoach.store.call_reviews import refuse_repeat
    from salescoach.store.leads import find_lead

    found = find_lead(conn, ref)
    refuse_repeat(conn, found.id, found.label, sha256)
    return found


def _roles(term: Terminal, transcript: Transcript, names: list[str], found: Lead | None) -> Roles:
    from salescoach.core.review.speakers import roles_from, unmapped

    roles = roles_from(transcript, names, found.name if found else None)
    if roles is not None:
        return roles
    if not term.interactive:
        raise unmapped(transcript)
    from salescoach.ui.review.speaker_prompt import ask_rep

    return ask_rep(term, transcript)


def _log(
    conn: sqlite3.Connection,
    term: Terminal,
    call: Review,
    lead: Lead,
    file: str,
    sha256: str,
) -> LoggedData:
    from salescoach import clock
    from salescoach.actions.interaction_log import interaction_log
    from salescoach.actions.reviews import save_review
    from salescoach.core.review.records import drill_session, objection_rows, review_note
    from salescoach.ui.plural import plural

    now = clock.now()
    rows = [review_note(call, lead, now, file, sha256), *objection_rows(call, lead, now, sha256)]
    saved = save_review(
        conn,
        interaction_log(conn),
        lead_id=lead.id,
        label=lead.label,
        sha256=sha256,
        rows=rows,
        drills=drill_session(call, lead, sha256),
        now=now,
        today=clock.today(),
    )
    if saved.interactions:
        objections = plural(len(saved.interactions) - 1, "objection")
        term.say(f"logged the review on {lead.label}: a note and {objections}")
    else:
        term.say("not logged: logging is turned off")
    if saved.drill_items:
        term.say(
            f"{plural(len(saved.drill_items), 'objection')} to practise from this call, "
            "due tomorrow: salescoach train"
        )
    return {
        "lead_id": lead.id,
        "interactions": saved.interactions,
        "drill_items": saved.drill_items,
    }
