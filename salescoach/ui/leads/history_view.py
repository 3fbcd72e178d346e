"""The interaction log as plain lines: no rich, so `history` starts fast and pipes well."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from salescoach.core.kernel.records import Interaction, LoggedInteraction
from salescoach.core.kernel.safe_text import indented
from salescoach.ui.console import Terminal


def when(value: date | datetime | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def describe_interaction(item: Interaction) -> str:
    """One line: what happened, in the words a rep would use."""
    parts: list[str] = [item.kind]
    if item.channel:
        parts.append(f"by {item.channel}")
    if item.step:
        parts.append(f"at {item.step}")
    if item.duration_minutes is not None:
        parts.append(f"{item.duration_minutes} min")
    head = " ".join(parts)
    body = []
    if item.objection:
        body.append(f"objection {item.objection}" + (f" ({item.result})" if item.result else ""))
    elif item.result:
        body.append(item.result)
    if item.text:
        body.append(item.text)
    return head + (": " + " | ".join(body) if body else "")


# A note's later lines start under its text, never where a date starts a line of its own.
CONTINUED = " " * len("2026-03-02 09:00  ")


def render_history(term: Terminal, entries: Iterable[LoggedInteraction], *, one_lead: bool) -> int:
    """The log as plain lines (no markup), so it greps and pipes well; how many entries."""
    shown = 0
    for entry in entries:
        who = "" if one_lead else f"{entry.lead_label}: "
        line = f"{when(entry.interaction.at)}  {who}{describe_interaction(entry.interaction)}"
        term.line(indented(line, CONTINUED))
        shown += 1
    return shown
