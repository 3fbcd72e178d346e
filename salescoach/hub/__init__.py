"""The team hub: PostgreSQL, the only package that imports psycopg.

Importing this package (and `config`, `errors`) loads no driver: `open_session` imports it
when called, so the local commands never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from salescoach.hub.config import TeamConfig
    from salescoach.hub.session import PgHubSession


def open_session(
    config: TeamConfig, *, password_prompt: Callable[[], str] | None = None
) -> PgHubSession:
    """A session on the recorded hub as the recorded rep, its schema checked; a HubError
    (exit 2) when the hub cannot be reached, refuses the credentials, is not a hub, or has a
    schema older or newer than this salescoach. `close()` it, or use it as a context manager."""
    from salescoach.hub.connect import connect, display_url, translated_errors
    from salescoach.hub.session import opened

    connection = connect(config.url, user=config.rep, prompt=password_prompt, autocommit=True)
    try:
        with translated_errors():
            return opened(connection, where=lambda: display_url(config.url))
    except BaseException:
        connection.close()
        raise
