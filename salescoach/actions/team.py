"""Joining and running a team hub: `team init`, `add-rep`, `remove-rep`, `join`, `leave`.

Each checks everything it can before changing anything: a URL carrying a password is refused
before any connection, the team config is written only after the hub has answered as a hub,
and a hub change is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from salescoach.errors import UsageError
from salescoach.hub.config import (
    TeamConfig,
    new_replica_id,
    read_team_config,
    remove_team_config,
    write_team_config,
)
from salescoach.hub.errors import NotJoined

if TYPE_CHECKING:
    from psycopg import Connection

    from salescoach.hub.admin import InitResult, NewRep

Prompt = Callable[[str], Callable[[], str] | None]  # the role asked for -> a password prompt


@dataclass(frozen=True, slots=True)
class Initialised:
    result: InitResult
    config: TeamConfig


@dataclass(frozen=True, slots=True)
class RepInvite:
    """What a new rep needs to join, shown once."""

    new: NewRep
    url: str  # the hub's URL without any role or password


def init_team(url: str, *, upgrade: bool, prompt: Prompt) -> Initialised:
    """Create (or upgrade) the hub at `url` and record it here, as its manager."""
    from salescoach.hub import admin
    from salescoach.hub.connect import checked_url, connect, translated_errors

    user = checked_url(url).get("user")
    existing = _not_joined_elsewhere(url)
    connection = connect(url, prompt=prompt(user or "your role"), autocommit=True)
    with connection, translated_errors():
        result = admin.init_hub(connection, upgrade=upgrade)
    replica = existing.replica if existing else new_replica_id()
    config = TeamConfig(url=url, rep=result.manager, replica=replica)
    write_team_config(config)
    return Initialised(result, config)


def join_team(url: str, rep: str, *, prompt: Prompt) -> TeamConfig:
    """Check that `rep` can log in to the hub at `url` and that it is a hub this salescoach
    speaks; then record it here (the password stays where libpq or the prompt had it)."""
    from salescoach.hub import open_session
    from salescoach.hub.admin import check_role_name
    from salescoach.hub.connect import checked_url

    check_role_name(rep)
    user = checked_url(url).get("user")
    if user and user != rep:
        raise UsageError(
            f"the URL names role {user} but --as names {rep}",
            hint="leave the role out of the URL, or give the same name",
        )
    existing = _not_joined_elsewhere(url, rep)
    replica = existing.replica if existing else new_replica_id()
    config = TeamConfig(url=url, rep=rep, replica=replica)
    with open_session(config, password_prompt=prompt(rep)):
        pass
    write_team_config(config)
    return config


def leave_team() -> TeamConfig | None:
    """Forget the hub (the local store is kept as it is); None when none was recorded."""
    config = read_team_config()
    remove_team_config()
    return config


def add_rep(name: str, *, prompt: Prompt) -> RepInvite:
    from salescoach.hub import admin
    from salescoach.hub.connect import translated_errors, url_without_role

    config = joined()
    with _manager_connection(config, prompt) as connection, translated_errors():
        new = admin.add_rep(connection, name)
    return RepInvite(new=new, url=url_without_role(config.url))


def remove_rep(name: str, *, prompt: Prompt) -> int:
    """The number of leads the removed rep still owns."""
    from salescoach.hub import admin
    from salescoach.hub.connect import translated_errors

    config = joined()
    with _manager_connection(config, prompt) as connection, translated_errors():
        return admin.remove_rep(connection, name)


def joined() -> TeamConfig:
    config = read_team_config()
    if config is None:
        raise NotJoined(
            "this data home has joined no team hub",
            hint="a rep runs `salescoach team join URL --as NAME`; a manager `team init URL`",
        )
    return config


def _not_joined_elsewhere(url: str, rep: str | None = None) -> TeamConfig | None:
    existing = read_team_config()
    if existing is not None and (existing.url != url or (rep and existing.rep != rep)):
        from salescoach.hub.connect import display_url

        raise UsageError(
            f"this data home already syncs with {display_url(existing.url)} as "
            f"{existing.rep}; nothing was changed",
            hint="`salescoach team leave` first (each data home belongs to one hub and rep)",
        )
    return existing


def _manager_connection(config: TeamConfig, prompt: Prompt) -> Connection[tuple[object, ...]]:
    from salescoach.hub.connect import connect, display_url, translated_errors
    from salescoach.hub.schema import checked_jit_off

    connection = connect(config.url, user=config.rep, prompt=prompt(config.rep), autocommit=True)
    try:
        with translated_errors():
            # As a sync session does: JIT compiling the desk's aggregates costs seconds (the funnel
            # of a 50-rep team's report: 5 of its 9 s) and saves nothing on them.
            checked_jit_off(connection, where=lambda: display_url(config.url))
    except BaseException:
        connection.close()
        raise
    return connection
