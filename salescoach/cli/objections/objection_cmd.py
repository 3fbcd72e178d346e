"""`salescoach objection TEXT...` (match what the buyer said, show how to handle it, log it)
and `salescoach objections stats` (which objections come up, where, and how they went).

This runs mid-call, so the warm path stays small: the compiled playbook comes from the JSON
cache (no yaml, no playbook model), the store is opened only with `--lead`, and rich is
imported only to draw the text view, never for `--json`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, ExitStack
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import sqlite3

    from salescoach.actions.interaction_log import InteractionLog
    from salescoach.core.kernel.records import Lead
    from salescoach.core.objections.cache import CompiledPlaybook
    from salescoach.core.objections.matcher import MatchResult
    from salescoach.ui.console import Terminal

stats_app = typer.Typer(
    help="What objections come up, at which step, and how they went.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("objection")(objection)
    app.add_typer(stats_app, name="objections")


def objection(
    text: list[str] | None = typer.Argument(
        None, help="What the buyer said. Without it: one objection per line on stdin."
    ),
    playbook: str | None = typer.Option(
        None, "--playbook", "-p", help="Playbook name or file (default: the lead's, else b2b-saas)."
    ),
    lead: str | None = typer.Option(
        None, "--lead", "-l", help="Log the objection on this lead (id, or part of name/company)."
    ),
    outcome: str | None = typer.Option(
        None, "--outcome", help="With --lead: how it went (resolved, partly, not_resolved)."
    ),
    channel: str | None = typer.Option(
        None, "--channel", "-c", help="With --lead: how the buyer said it (default: call)."
    ),
    family: str | None = typer.Option(
        None, "--as", help="Skip matching and use this objection family (e.g. price)."
    ),
    top: int = typer.Option(3, "--top", "-n", min=1, max=100, help="How many families to list."),
    no_log: bool = typer.Option(False, "--no-log", help="With --lead: show, but log nothing."),
    full: bool = typer.Option(
        False, "--full", help="Show every question, the whole responses and the lines to avoid."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Match what the buyer said to an objection family and show how to handle it.

    Prints a card that fits an 80x24 terminal: the best match's concern, two questions to
    ask first, one line per framework stage and how we win against any competitor named;
    --full adds every question, the whole responses, the lines to avoid and the battlecards.
    Below the confidence threshold it says "no confident match" and lists the families to
    pick from (then use --as ID).
    """
    from salescoach.cli.common import terminal
    from salescoach.errors import UsageError

    term = terminal()
    if outcome is not None:
        from salescoach.core.kernel.records import OBJECTION_RESULTS

        if outcome not in OBJECTION_RESULTS:
            hint = "use " + ", ".join(OBJECTION_RESULTS)
            raise UsageError(f"unknown outcome {outcome!r}", hint=hint)
        if lead is None:
            raise UsageError("--outcome records how it went on a lead", hint="add --lead LEAD")
    if channel is not None:
        from salescoach.core.kernel.records import parse_channel

        channel = parse_channel(channel)
        if lead is None:
            raise UsageError("--channel says how it was heard on a lead", hint="add --lead LEAD")
    with ExitStack() as opened:
        conn = opened.enter_context(_opened_store()) if lead else None
        found = _find_lead(conn, lead) if conn is not None and lead else None
        texts, batch = _texts(text, family, term)
        compiled = _compiled(playbook or (found.playbook if found else None))
        if family is not None and family not in compiled.objections:
            raise UsageError(
                f"{compiled.name} has no objection family {family!r}",
                hint="families: " + ", ".join(compiled.objections),
            )
        from salescoach.core.objections.matcher import choose

        results = [compiled.matcher.rank(t) for t in texts]
        if family is not None:
            results = [choose(r, family) for r in results]
        reports = [compiled.report(r, top) for r in results]
        if conn is not None and found is not None:
            log = _interaction_log(conn, no_log)
            for result, report in zip(results, reports, strict=True):
                report["logged"] = _log(conn, log, found, result, outcome, channel, term)
    if as_json:
        term.json(reports if batch else reports[0])
        return
    from salescoach.ui.objections.objection_view import render_answers

    render_answers(term, compiled.title, reports, families=list(compiled.objections), full=full)


_EXAMPLE = 'e.g. salescoach objection "too expensive" (or --as ID to pick a family)'


def _texts(words: list[str] | None, family: str | None, term: Terminal) -> tuple[list[str], bool]:
    """The buyer's words: from the arguments, else one per line on stdin (blank lines skipped),
    else asked for. Blank words are refused: there is nothing to match."""
    from salescoach.errors import UsageError
    from salescoach.ui.console import isatty

    if words:
        said = " ".join(words).strip()
        if said or family is not None:
            return [said], False
        raise UsageError("no objection given", hint=_EXAMPLE)
    if family is not None:
        return [""], False
    if not isatty(term.stdin):
        from salescoach.core.kernel.bounded_read import MIB, Unreadable, read_stream

        try:
            given = read_stream(term.stdin.buffer, MIB).decode("utf-8")
        except Unreadable as exc:
            raise UsageError(f"cannot read the objections on stdin: {exc.reason}") from None
        except UnicodeDecodeError:
            raise UsageError("the objections on stdin are not UTF-8 text") from None
        lines = [line.strip() for line in given.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            raise UsageError("no objection given", hint="give the buyer's words, one per line")
        return lines, True
    if term.interactive:
        answer = typer.prompt("What did the buyer say?").strip()
        if answer:
            return [answer], False
    raise UsageError("no objection given", hint=_EXAMPLE)


def _compiled(name: str | None) -> CompiledPlaybook:
    import time

    from salescoach.core.objections.cache import load_compiled
    from salescoach.errors import StoreError, UsageError
    from salescoach.paths import DEFAULT_PLAYBOOK, cache_dir, ensure_home, playbook_dirs

    try:
        ensure_home()
        cache = cache_dir()
    except StoreError:  # an unusable home: answer anyway, uncached
        cache = None
    compiled = load_compiled(
        name or DEFAULT_PLAYBOOK, playbook_dirs(), cache, clock_ns=time.time_ns
    )
    if not compiled.objections:
        raise UsageError(f"playbook {compiled.name} has no objection families")
    return compiled


def _opened_store() -> AbstractContextManager[sqlite3.Connection]:
    from salescoach.store.access import opened_store

    return opened_store()


def _find_lead(conn: sqlite3.Connection, ref: str) -> Lead:
    from salescoach.store.leads import find_lead

    return find_lead(conn, ref)


def _interaction_log(conn: sqlite3.Connection, no_log: bool) -> InteractionLog:
    from salescoach.actions.interaction_log import interaction_log

    return interaction_log(conn, no_log=no_log)


def _log(
    conn: sqlite3.Connection,
    log: InteractionLog,
    lead: Lead,
    result: MatchResult,
    outcome: str | None,
    channel: str | None,
    term: Terminal,
) -> int | None:
    """Log the answer on the lead; the new interaction's id, or None when nothing was logged
    (silently with --no-log)."""
    if log.silenced_by == "--no-log":
        return None
    from salescoach.actions.interactions import log_interaction
    from salescoach.clock import now
    from salescoach.core.objections.matcher import OBJECTION_CHANNEL, as_interaction

    item = as_interaction(result, lead, outcome, now(), channel or OBJECTION_CHANNEL)
    if item is None:
        term.say(f"not logged on {lead.label}: no confident match (pick one with --as ID)")
        return None
    logged = log_interaction(conn, log, item).id
    if logged is None:
        term.say("not logged: logging is turned off")
    else:
        term.say(f"logged {item.objection} on {lead.label} at step {lead.step} ({item.channel})")
    return logged


@stats_app.command("stats")
def stats(
    since: str | None = typer.Option(
        None, "--since", help="Only objections logged on or after this date (e.g. 2026-03-01)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Which objections come up most, at which step, and how often each was resolved."""
    from salescoach.cli.common import terminal
    from salescoach.clock import today
    from salescoach.core.kernel.dates import parse_date
    from salescoach.core.objections.stats import as_data, tally
    from salescoach.store.access import opened_store
    from salescoach.store.objection_log import objection_counts

    start = parse_date(since, today()) if since is not None else None
    with opened_store() as conn:
        counts = objection_counts(conn, start)
    data = as_data(tally(counts), start.isoformat() if start else None)
    term = terminal()
    if as_json:
        term.json(data)
        return
    from salescoach.ui.objections.objection_view import render_stats

    render_stats(term, data)
