"""The team config: which hub this data home syncs with, as which rep, as which replica.

`<data home>/team.json`, owner-only, written whole or not at all by the safe writer:
`{"url": ..., "rep": ..., "replica": ...}`. It never holds a password (libpq reads those from
its pgpass file or PGPASSWORD, or the command asks). The rep named here only picks the role
to log in as: what a rep may read and write is decided by the hub, for the role that logged in.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from salescoach.errors import UsageError
from salescoach.paths import data_home, ensure_home

CONFIG_NAME = "team.json"


@dataclass(frozen=True, slots=True)
class TeamConfig:
    url: str  # libpq URL or conninfo, without a password
    rep: str  # the PostgreSQL role this data home logs in as
    replica: str  # this data home's UUID: the origin of every change it makes


def config_path() -> Path:
    return data_home() / CONFIG_NAME


def new_replica_id() -> str:
    # Only when joining: a sync or a desk command reads the recorded one.
    from salescoach.clock import wall_ms
    from salescoach.core.sync.gids import RANDOM_BYTES, time_ordered_gid

    return time_ordered_gid(wall_ms(), os.urandom(RANDOM_BYTES))


def read_team_config() -> TeamConfig | None:
    """The recorded hub, or None when this data home has joined none."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"cannot read {path} ({error.strerror})") from None
    try:
        data = json.loads(text)
        config = TeamConfig(url=data["url"], rep=data["rep"], replica=data["replica"])
    except (ValueError, KeyError, TypeError):
        config = None
    if config is None or not all(isinstance(v, str) and v for v in asdict(config).values()):
        raise UsageError(
            f"{path} is damaged", hint="`salescoach team leave`, then `team join` again"
        )
    return config


def write_team_config(config: TeamConfig) -> Path:
    from salescoach.core.kernel.safe_write import write_text

    path = ensure_home() / CONFIG_NAME
    write_text(path, json.dumps(asdict(config), indent=2) + "\n", force=True)
    return path


def remove_team_config() -> bool:
    """Forget the hub; False when none was recorded."""
    try:
        config_path().unlink()
    except FileNotFoundError:
        return False
    return True
