"""Helpers the lead, log and data commands share. Only typer and the stdlib at the top."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.actions.interaction_log import InteractionLog

LEAD_HELP = "The lead: its id, or an unambiguous part of its name or company."


def step_id(text: str | None) -> str | None:
    """`cli.common.resolve_step`, imported only when a step is given: that module loads the
    playbook model (pydantic), a twentieth of a second the quick commands need not pay."""
    if text is None:
        return None
    from salescoach.cli.common import resolve_step

    return resolve_step(text)


def read_date(text: str | None, today: date) -> date | None:
    """A date option through the one parser (`core.dates.parse_date`)."""
    from salescoach.core.kernel.dates import parse_date

    return None if text is None else parse_date(text, today)


def checked_sla(text: str, today: date) -> date:
    """A first-contact deadline as typed; one in the past is kept, with a warning (it is
    broken from the start)."""
    import warnings

    from salescoach.errors import SalescoachWarning

    due = read_date(text, today)
    assert due is not None
    if due < today:
        warnings.warn(
            f"the first-contact deadline {due} is in the past: the SLA counts as broken",
            SalescoachWarning,
            stacklevel=2,
        )
    return due


def default_sla(playbook: str, temperature: str) -> date:
    """The first contact due by the playbook's SLA for `temperature`, in business days from
    today (read from the plan's small limits cache, not the whole playbook)."""
    import time

    from salescoach import clock
    from salescoach.core.kernel.dates import add_business_days
    from salescoach.core.playbook.limits import playbook_limits
    from salescoach.paths import cache_dir, ensure_home, playbook_dirs

    ensure_home()  # the cache lives there: made owner-only, as the store makes it
    cache = cache_dir() / "plan-limits.json"
    limits = playbook_limits([playbook], playbook_dirs(), cache, clock_ns=time.time_ns)[playbook]
    return add_business_days(clock.today(), limits.sla_for(temperature))


def check_playbook(name: str) -> str:
    """The playbook name to store on a lead, checked to exist without parsing any YAML
    (parsing costs a tenth of a second; the walk validates the playbook when it loads it).

    A name on the search path is kept as the name; a file path is kept absolute."""
    from salescoach.errors import NotFoundError
    from salescoach.paths import PLAYBOOK_SUFFIXES, playbook_dirs

    text = name.strip()
    try:
        as_path = Path(text).expanduser()
        if as_path.suffix in PLAYBOOK_SUFFIXES or "/" in text:
            if as_path.is_file():
                return str(as_path.resolve())
            raise NotFoundError(f"no playbook file {text!r}")
        for _origin, folder in playbook_dirs():
            if any((folder / f"{text}{suffix}").is_file() for suffix in PLAYBOOK_SUFFIXES):
                return text
    except OSError as error:  # a name too long for a file name, say
        raise NotFoundError(f"no playbook named {text[:60]!r}... ({error.strerror})") from None
    raise NotFoundError(f"no playbook named {text!r}", hint="see `salescoach playbook list`")


def default_playbook() -> str:
    from salescoach.paths import DEFAULT_PLAYBOOK

    return DEFAULT_PLAYBOOK


def no_log_note(log: InteractionLog) -> str | None:
    """Why nothing went into the interaction log, if nothing did."""
    if log.silenced_by == "--no-log":
        return "not logged (--no-log)"
    if log.silenced_by == "logs off":
        return "not logged: logging is off (`salescoach logs on` turns it back on)"
    return None
