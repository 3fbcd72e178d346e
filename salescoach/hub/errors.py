"""What can go wrong between salescoach and the team hub, each a message and exit 2.

Nothing here imports psycopg: the local side (sync, `team status`) names these errors without
loading the driver.
"""

from __future__ import annotations

from salescoach.errors import SalescoachError, UsageError


class HubError(SalescoachError):
    """The hub could not be used as asked; nothing was changed on either side."""


class HubUnreachable(HubError):
    """No connection: the server is down, the address is wrong, the network is out, or TLS
    was required and the server does not offer it."""


class HubCredentialsError(HubError):
    """The server refused the role or its password, or no password was at hand."""


class NotAHub(HubError):
    """The database is not a salescoach hub (or holds other things, for `team init`)."""


class HubSchemaTooOld(HubError):
    """The hub's schema is older than this salescoach: the manager upgrades it."""


class HubSchemaTooNew(HubError):
    """The hub's schema is newer than this salescoach: upgrade salescoach."""


class HubPermissionError(HubError):
    """The connected role may not do this (a rep running a manager's command)."""


class NotJoined(UsageError):
    """This data home has no team hub recorded."""


class PasswordInUrl(UsageError):
    """A password was typed into the hub's URL; it is refused, never stored."""
