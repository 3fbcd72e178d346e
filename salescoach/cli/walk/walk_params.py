"""The parameters of `salescoach walk`, declared once: `walk_cmd` builds the Typer command
from them, and the light entry (`walk_entry`) parses the same arguments without Typer."""

from __future__ import annotations

from pathlib import Path

from salescoach.core.kernel.records import CHANNELS, WALK_CHANNEL
from salescoach.core.kernel.slotted import Slotted

_NAMED = (f"{c} (default)" if c == WALK_CHANNEL else c for c in CHANNELS)
CHANNEL_HELP = f"How you talk to the buyer: {', '.join(_NAMED)}."


class Param(Slotted):
    __slots__ = ("name", "decls", "kind", "help")  # noqa: RUF023

    def __init__(self, name: str, decls: tuple[str, ...], kind: type, help: str) -> None:
        self.name = name  # the WalkOptions field it fills
        self.decls = decls  # its option names; none for the positional argument
        self.kind = kind  # str, Path or bool (a flag); unset: None, a flag False
        self.help = help


WALK_PARAMS = (
    Param("lead", (), str, "The lead: its id, or part of its name or company."),
    Param("playbook", ("--playbook", "-p"), str, "Playbook to walk with (default: the lead's)."),
    Param("step", ("--step", "-s"), str, "Start at this step (id or 1-7) instead of the lead's."),
    Param("until", ("--until",), str, "Stop after this step; the walk stays open to resume."),
    Param("new", ("--new",), bool, "Abandon the lead's unfinished walk, start anew."),
    Param("answers", ("--answers", "-a"), Path, "YAML answers keyed by step id, then question id."),
    Param("channel", ("--channel",), str, CHANNEL_HELP),
    Param("no_input", ("--no-input",), bool, "Never prompt (as with no terminal)."),
    Param("as_json", ("--json",), bool, "Print the walk's record as JSON at the end."),
    Param(
        "practice",
        ("--practice",),
        bool,
        "Walk a throw-away lead; nothing is written to the store.",
    ),
    Param(
        "no_log",
        ("--no-log",),
        bool,
        "Write no interactions (answers, tasks and the step still are).",
    ),
    Param("reopen", ("--reopen",), bool, "Walk a won, lost or archived lead: reopen it first."),
)

WALK_HELP = """Coach a call through the playbook's steps, recording everything as you go.

Starts at the lead's current step, or resumes its unfinished walk. Ctrl-C stops safely:
every answer is saved and `salescoach walk LEAD` goes on from there. Exit codes: 0 done or
stopped; 2 bad input, answers missing with no terminal, or a closed lead without --reopen;
130 interrupted.
"""
