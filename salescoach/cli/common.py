"""Small helpers the commands share: the terminal, loading the playbook, reading steps and dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from salescoach.core.playbook.loaded import LoadedPlaybook, PlainLoaded
    from salescoach.ui.console import Terminal


STEP_ALIASES = {
    "handling_objections": "objections",
    "objection": "objections",
    "followup": "follow_up",
    "follow-up": "follow_up",
    "prospect": "prospecting",
    "prep": "preparation",
    "present": "presentation",
    "close": "closing",
}


def terminal(*, no_input: bool = False) -> Terminal:
    """This command's terminal: the one handed to the run as its `obj` (a test's), else one
    made from the real streams and the environment. `no_input` (`--no-input`) asks nothing."""
    from salescoach.cli.guard import HANDED_TERMINAL
    from salescoach.ui.console import Terminal

    given = HANDED_TERMINAL.get()
    if isinstance(given, Terminal):
        return given.without_input() if no_input else given
    return Terminal(no_input=no_input)


def load_playbook(name: str | None) -> LoadedPlaybook:
    """The validated playbook, from the compiled cache while its files are unchanged. The
    cache lives in the data home and is used only once the home exists: loading a playbook
    never creates one."""
    import time

    from salescoach.core.playbook.compiled import load_cached

    return load_cached(*_where_playbooks(name), clock_ns=time.time_ns)


def load_plain_playbook(name: str | None) -> PlainLoaded:
    """The playbook in plain form, for the walk: from the same cache, without pydantic."""
    import time

    from salescoach.core.playbook.compiled import load_plain

    return load_plain(*_where_playbooks(name), clock_ns=time.time_ns)


def _where_playbooks(name: str | None) -> tuple[str, list[tuple[str, Path]], Path | None]:
    from salescoach.paths import DEFAULT_PLAYBOOK, cache_dir, data_home, playbook_dirs

    cache = cache_dir() if data_home().is_dir() else None
    return name or DEFAULT_PLAYBOOK, playbook_dirs(), cache


def resolve_step(text: str) -> str:
    """A step id from what a rep types: the id, a number 1-7, or a common alias."""
    word = text.strip().lower().replace(" ", "_")
    if word.isdigit() and 1 <= int(word) <= len(STEP_IDS):
        return STEP_IDS[int(word) - 1]
    word = STEP_ALIASES.get(word, word)
    if word in STEP_IDS:
        return word
    raise UsageError(f"unknown step {text!r}", hint="steps: " + ", ".join(STEP_IDS) + " (or 1-7)")


def parse_when(text: str | None, today: date) -> date | None:
    from salescoach.core.kernel.dates import parse_date

    return None if text is None else parse_date(text, today)
