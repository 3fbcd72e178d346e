"""A team hub on the test cluster: created by a manager role that is not a superuser (so
row-level security applies to it as it would on a managed server), with reps, and sessions as
any of them."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from salescoach.core.sync.changes import RowChange
from salescoach.hub.config import TeamConfig, new_replica_id
from tests.support.postgres import HubDatabase

MANAGER = "boss"


@dataclass
class Team:
    db: HubDatabase
    passwords: dict[str, str] = field(default_factory=dict)

    def config(self, role: str) -> TeamConfig:
        return TeamConfig(url=self.db.conninfo(), rep=role, replica=new_replica_id())

    def session(self, role: str) -> Any:
        """A real HubSession as `role` (MANAGER or a rep); close it after use."""
        from salescoach.hub import open_session

        password = self.passwords[role]
        return open_session(self.config(role), password_prompt=lambda: password)

    def connect(self, role: str) -> Any:
        """A raw psycopg connection (autocommit) as `role`."""
        return self.db.connect(user=role, password=self.passwords[role])


def create_manager(db: HubDatabase, name: str = MANAGER) -> str:
    """A login role that may create roles and, in this database, schemas: what a managed
    PostgreSQL's admin role usually is. Its password is returned."""
    password = secrets.token_urlsafe(12)
    with db.cluster.connect("postgres") as admin:
        admin.execute(f"CREATE ROLE {name} LOGIN CREATEROLE PASSWORD '{password}'")
        admin.execute(f'GRANT CREATE ON DATABASE "{db.name}" TO {name}')
    return password


def make_team(db: HubDatabase, reps: tuple[str, ...] = ("alice", "bob")) -> Team:
    """The hub initialised by MANAGER, and a login role per rep."""
    from salescoach.hub import admin

    team = Team(db, {MANAGER: create_manager(db)})
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        for rep in reps:
            team.passwords[rep] = admin.add_rep(connection, rep).password
    return team


_clock = iter(range(1, 10**9))


def hlc(origin: str = "r1") -> str:
    """A fresh clock value, later than every one before it in this test session."""
    return f"{next(_clock):016d}-0000-{origin}"


def lead(owner: str, *, gid: str | None = None, **fields: object) -> RowChange:
    gid = gid or str(uuid.uuid4())
    return RowChange("leads", gid, gid, owner, "r1", hlc(), {"name": "Ada", **fields})  # type: ignore[arg-type]


def event(owner: str, lead_gid: str, note: str = "called") -> RowChange:
    return RowChange(
        "interactions", str(uuid.uuid4()), lead_gid, owner, "r1", hlc(), {"note": note}
    )


def everything(session: Any, limit: int = 1000) -> list[RowChange]:
    """Every change the session can pull, from the beginning."""
    cursor, out = None, []
    while True:
        batch = session.pull(cursor, limit)
        out.extend(batch.changes)
        cursor = batch.cursor
        if not batch.more:
            return out
