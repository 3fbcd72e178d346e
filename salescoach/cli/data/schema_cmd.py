"""`salescoach schema [NAME]`: the published JSON outputs, and each one's JSON Schema."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    name: str | None = typer.Argument(None, help="A schema's name (e.g. plan); none: list them."),
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """List the published JSON outputs (name, version, what it is), or print one's JSON Schema.

    Every `--json` output names its shape and version in its `schema` and `version` keys; a
    listing prints an array of such records.
    """
    from salescoach.cli.common import terminal
    from salescoach.core import published

    term = terminal()
    if name is not None:
        if as_json:
            from salescoach.errors import UsageError

            raise UsageError("--json goes with the list; a schema is JSON already")
        term.write(published.json_schema_text(name))
        return
    listing = published.listing()
    if as_json:
        term.json(listing)
        return
    width = max(len(e["name"]) for e in listing["schemas"])
    for e in listing["schemas"]:
        where = ", ".join(e["printed_by"])
        term.line(f"{e['name']:<{width}}  v{e['version']}  {e['summary']} ({where})")
    term.say("print one with `salescoach schema NAME`")
