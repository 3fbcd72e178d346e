"""`salescoach paths`: where things are kept."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)


def paths(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show the data home, the database and the playbook search path."""
    from salescoach import paths as where
    from salescoach.cli.common import terminal

    info = {
        "data_home": str(where.data_home()),
        "database": str(where.database_path()),
        "user_playbooks": str(where.user_playbook_dir()),
        "playbook_search_path": [f"{origin}: {folder}" for origin, folder in where.playbook_dirs()],
    }
    term = terminal()
    if as_json:
        term.json(info)
        return
    for key, value in info.items():
        if isinstance(value, list):
            term.line(f"{key}:")
            for item in value:
                term.line(f"  {item}")
        else:
            term.line(f"{key}: {value}")
