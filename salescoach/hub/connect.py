"""Opening a connection to the hub: the one place that turns libpq's failures into messages.

The password is never taken from salescoach's own files: libpq reads its pgpass file
(`~/.pgpass`, or PGPASSFILE) or PGPASSWORD by itself; failing those, a `prompt` the command
hands in asks on the terminal. A URL carrying a password is refused before connecting. The
URL's other settings (sslmode, sslrootcert, connect_timeout, ...) are passed to libpq as given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from salescoach.hub.errors import (
    HubCredentialsError,
    HubError,
    HubPermissionError,
    HubUnreachable,
    NotAHub,
    PasswordInUrl,
)

if TYPE_CHECKING:  # psycopg itself is imported only by the functions that talk to the hub
    import psycopg

PasswordPrompt = Callable[[], str]
# What the URL does not say otherwise. TCP keepalives: a network that drops mid-sync is
# noticed in about a minute, not after the OS's two hours.
_DEFAULTS = {
    "connect_timeout": "10",
    "application_name": "salescoach",
    "keepalives_idle": "30",
    "keepalives_interval": "10",
    "keepalives_count": "3",
}
_PASSWORD_HINT = (
    "put it in your pgpass file (~/.pgpass, mode 0600: host:port:database:role:password), "
    "or in PGPASSWORD, or run the command on a terminal to be asked"
)


def checked_url(url: str) -> dict[str, str]:
    """The URL's libpq settings; UsageError for one that libpq cannot read or that carries a
    password (which would then sit in the shell's history and in salescoach's config)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = {key: str(value) for key, value in conninfo_to_dict(url).items()}
    except psycopg.ProgrammingError as error:
        raise PasswordInUrl(
            f"cannot read the hub's address: {_first_line(error)}",
            hint="give a libpq URL (postgresql://host/dbname) or conninfo (host=... dbname=...)",
        ) from None
    if "password" in parts:
        raise PasswordInUrl(
            "the hub's URL carries a password; it was not used and nothing was stored",
            hint="give the URL without it, and " + _PASSWORD_HINT + "; "
            "the password is now in your shell's history: have it changed",
        )
    return parts


def display_url(url: str) -> str:
    """The URL as shown to people: the settings that say where, never a credential."""
    from psycopg.conninfo import make_conninfo

    parts = checked_url(url)
    where = {k: parts[k] for k in ("host", "port", "dbname") if k in parts}
    return make_conninfo("", **where) or url


def url_without_role(url: str) -> str:
    """The hub's URL as a rep is given it: no role, no password."""
    from urllib.parse import urlsplit, urlunsplit

    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    if url.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=host))
    settings = conninfo_to_dict(url)
    settings.pop("user", None)
    return make_conninfo("", **settings)


def connect(
    url: str,
    *,
    user: str | None = None,
    prompt: PasswordPrompt | None = None,
    autocommit: bool = False,
) -> psycopg.Connection[tuple[object, ...]]:
    """A connection as `user` (else the URL's), or a HubError saying what went wrong."""
    from psycopg.conninfo import make_conninfo

    parts = checked_url(url)
    if user:
        parts["user"] = user
    for key, value in _DEFAULTS.items():
        parts.setdefault(key, value)
    conninfo = make_conninfo("", **parts)
    try:
        return _connect(conninfo, None, autocommit)
    except _NoPassword:
        if prompt is None:
            raise HubCredentialsError(
                f"the hub asks for {parts.get('user', 'your role')}'s password and none was given",
                hint=_PASSWORD_HINT,
            ) from None
    return _connect(conninfo, prompt(), autocommit)


_REFUSED = ("password authentication failed", "is not permitted to log in")


class _NoPassword(Exception):
    pass


def _connect(
    conninfo: str, password: str | None, autocommit: bool
) -> psycopg.Connection[tuple[object, ...]]:
    import psycopg
    from psycopg.conninfo import make_conninfo

    if password is not None:
        conninfo = make_conninfo(conninfo, password=password)
    try:
        return psycopg.connect(conninfo, autocommit=autocommit)
    except psycopg.OperationalError as error:
        raise _connect_error(error, conninfo) from None


def _connect_error(error: psycopg.OperationalError, conninfo: str) -> Exception:
    from psycopg.conninfo import conninfo_to_dict

    text = str(error)
    parts = conninfo_to_dict(conninfo)
    user, database = parts.get("user", "?"), parts.get("dbname", "?")
    if "no password supplied" in text:
        return _NoPassword()
    refused = any(r in text for r in _REFUSED) or ("role" in text and "does not exist" in text)
    if error.sqlstate in ("28P01", "28000") or refused:
        return HubCredentialsError(
            f"the hub refused role {user} (wrong password, or no such role); nothing was changed",
            hint="check the role name and its password (" + _PASSWORD_HINT + ")",
        )
    if error.sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return NotAHub(f"there is no database {database} on that server; nothing was changed")
    return HubUnreachable(
        f"cannot reach the hub: {_first_line(error)}; nothing was changed, local work goes on",
        hint="check the address and the network, then run it again",
    )


def _first_line(error: Exception) -> str:
    """libpq's reason, without psycopg's "connection failed:" prefix or libpq's second-line
    advice."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    first = lines[0] if lines else type(error).__name__
    return first.removeprefix("connection failed: ")


@contextlib.contextmanager
def translated_errors(retry: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """psycopg's errors during a call, as HubErrors: a lost connection is the hub being
    unreachable (the transaction did not commit), a refused privilege a permission error.
    Errors in `retry` pass through unchanged, for the caller to try again."""
    import psycopg

    try:
        yield
    except retry:
        raise
    except psycopg.errors.InsufficientPrivilege as error:
        raise HubPermissionError(
            f"the hub refused: {error.diag.message_primary}; nothing was changed",
            hint="is this role a rep or manager of this hub?",
        ) from None
    except psycopg.OperationalError as error:
        raise HubUnreachable(
            f"lost the hub: {_first_line(error)}; what was not committed is kept locally",
            hint="run it again when the hub can be reached",
        ) from None
    except psycopg.Error as error:
        raise HubError(f"the hub failed: {_first_line(error)}") from None


def pgpass_line(url: str, role: str, password: str) -> str:
    """The line of a pgpass file that gives `role`'s password for the hub at `url`."""
    parts = checked_url(url)

    def field(value: str) -> str:
        return value.replace("\\", "\\\\").replace(":", "\\:")

    where = [parts.get("host", "localhost"), parts.get("port", "5432"), parts.get("dbname", "*")]
    return ":".join(field(v) for v in [*where, role, password])
