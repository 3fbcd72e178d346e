"""The playbook versions the team's manager published, as pulled from the hub (M006)."""

from __future__ import annotations

import sqlite3


def latest_versions(conn: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    """name -> (its latest version, that version's YAML text)."""
    rows = conn.execute(
        "SELECT name, version, yaml FROM playbooks p WHERE version ="
        " (SELECT max(version) FROM playbooks q WHERE q.name = p.name)"
    ).fetchall()
    return {r["name"]: (int(r["version"]), r["yaml"]) for r in rows}


def version_of_text(conn: sqlite3.Connection, name: str, text: str) -> int | None:
    """The published version of `name` whose YAML is exactly `text`, if any."""
    row = conn.execute(
        "SELECT max(version) FROM playbooks WHERE name = ? AND yaml = ?", (name, text)
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])
