"""The manager's side of the hub: creating it, and the reps' login roles.

Every function takes an open connection (autocommit) and changes the hub in one transaction,
or not at all.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from salescoach.errors import UsageError
from salescoach.hub import schema
from salescoach.hub.errors import HubPermissionError, NotAHub

# Lower-case plain identifiers: a role name that needs no quoting in SQL, a URL or pgpass.
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

_CONTENTS = """
SELECT
  (SELECT count(*) FROM pg_namespace
    WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%')
  + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public')
  + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public')
  + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public')
  + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
"""


@dataclass(frozen=True, slots=True)
class InitResult:
    version: int
    before: int | None  # the schema version found; None: an empty database
    manager: str  # the role that ran it, now a manager of this hub


def init_hub(connection: Any, *, upgrade: bool) -> InitResult:
    """Create the hub in an empty database (or bring an older hub up to date with `upgrade`);
    NotAHub for a database holding anything else, which is left untouched."""
    from psycopg import errors as pg_errors

    manager = connection.execute("SELECT current_user").fetchone()[0]
    with connection.transaction():
        before = schema.hub_version(connection)
        if before is None:
            if connection.execute(_CONTENTS).fetchone()[0]:
                raise NotAHub(
                    "this database already holds tables or other things; a hub is created "
                    "only in an empty database, and this one was left untouched",
                    hint="create one for the team: CREATE DATABASE salescoach_team",
                )
            _create_group_roles(connection, manager)
        elif before > schema.SCHEMA_VERSION:
            schema.check_version(connection, where="the database")
        elif before < schema.SCHEMA_VERSION and not upgrade:
            raise UsageError(
                f"this hub's schema is version {before}; this salescoach brings it to "
                f"{schema.SCHEMA_VERSION}; nothing was changed",
                hint="run `salescoach team init URL --upgrade` once every rep can upgrade",
            )
        if before is not None:
            require_manager(connection)
        try:
            version = schema.migrate(connection, start=before or 0)
        except pg_errors.InsufficientPrivilege as error:
            raise HubPermissionError(
                f"role {manager} may not build the hub here ({error.diag.message_primary}); "
                "nothing was changed",
                hint="run it as the database's owner, or GRANT CREATE ON DATABASE to the role",
            ) from None
    return InitResult(version=version, before=before, manager=manager)


def _create_group_roles(connection: Any, manager: str) -> None:
    from psycopg import errors as pg_errors
    from psycopg import sql

    database = connection.execute("SELECT current_database()").fetchone()[0]
    for role in schema.group_roles(database):
        try:
            with connection.transaction():
                connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        except pg_errors.DuplicateObject:
            raise UsageError(
                f"role {role} already exists on this server (left by an earlier hub?); "
                "nothing was changed",
                hint=f"drop it (DROP ROLE {role}) or use another database name",
            ) from None
        except pg_errors.InsufficientPrivilege:
            raise HubPermissionError(
                f"role {manager} may not create roles; nothing was changed",
                hint="run `team init` as a role with CREATEROLE (or the server's admin role)",
            ) from None
    managers, _ = schema.group_roles(database)
    connection.execute(
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(managers), sql.Identifier(manager))
    )


def require_manager(connection: Any) -> tuple[str, str]:
    """The hub's group roles, when the connected role is one of its managers."""
    managers, reps = schema.hub_roles(connection)
    row = connection.execute(
        "SELECT current_user, pg_has_role(current_user, %s, 'MEMBER')", (managers,)
    ).fetchone()
    if not row[1]:
        raise HubPermissionError(
            f"role {row[0]} is not a manager of this hub; nothing was changed",
            hint=f"a manager runs it (the role that ran `team init`, or one granted {managers})",
        )
    return managers, reps


@dataclass(frozen=True, slots=True)
class NewRep:
    rep: str
    password: str  # shown once to the manager, never stored by salescoach


def check_role_name(name: str) -> str:
    if not _ROLE_NAME.match(name):
        raise UsageError(
            f"{name!r} cannot be a rep's name",
            hint="use lower-case letters, digits and _ (up to 63), starting with a letter or _",
        )
    return name


def add_rep(connection: Any, name: str) -> NewRep:
    """A login role for a new rep, with a fresh password sent to the server only as its
    SCRAM verifier (the plain password never reaches the server's logs)."""
    from psycopg import errors as pg_errors
    from psycopg import sql

    check_role_name(name)
    password = secrets.token_urlsafe(24)
    verifier = connection.pgconn.encrypt_password(
        password.encode(), name.encode(), b"scram-sha-256"
    ).decode()
    with connection.transaction():
        _, reps = require_manager(connection)
        if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
            raise UsageError(f"role {name} already exists on this server; nothing was changed")
        try:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(name), sql.Literal(verifier), sql.Identifier(reps)
                )
            )
        except pg_errors.InsufficientPrivilege:
            raise HubPermissionError(
                "this manager's role may not create roles; nothing was changed",
                hint="grant it CREATEROLE, or run `team add-rep` as the server's admin role",
            ) from None
    return NewRep(rep=name, password=password)


def remove_rep(connection: Any, name: str) -> int:
    """Drop a rep's login role; their rows stay in the hub. The number of leads they still
    own (for the manager to reassign)."""
    from psycopg import errors as pg_errors
    from psycopg import sql

    check_role_name(name)
    with connection.transaction():
        _, reps = require_manager(connection)
        member = connection.execute(
            "SELECT pg_has_role(r.oid, %s, 'MEMBER') FROM pg_roles r WHERE r.rolname = %s",
            (reps, name),
        ).fetchone()
        if not member or not member[0]:
            raise UsageError(f"{name} is not a rep of this hub; nothing was changed")
        try:
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
        except (pg_errors.InsufficientPrivilege, pg_errors.DependentObjectsStillExist) as error:
            raise HubPermissionError(
                f"cannot remove role {name}: {error.diag.message_primary}; nothing was changed"
            ) from None
        row = connection.execute(
            "SELECT count(*) FROM salescoach.lead_owners WHERE owner = %s", (name,)
        ).fetchone()
    return int(row[0])
