"""`salescoach paths`: where things are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from salescoach.core.kernel.shapes import PathsJSON


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)


def paths(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the data home, the database and the playbook search path."""
    from salescoach import paths as where
    from salescoach.cli.common import terminal

    info: PathsJSON = {
        "schema": "paths",
        "version": 1,
        "data_home": str(where.data_home()),
        "database": str(where.database_path()),
        "user_playbooks": str(where.user_playbook_dir()),
        "playbook_search_path": [f"{origin}: {folder}" for origin, folder in where.playbook_dirs()],
    }
    term = terminal()
    if as_json:
        term.json(info)
        return
    term.line(f"data_home: {info['data_home']}")
    term.line(f"database: {info['database']}")
    term.line(f"user_playbooks: {info['user_playbooks']}")
    term.line("playbook_search_path:")
    for item in info["playbook_search_path"]:
        term.line(f"  {item}")
