"""`salescoach playbook ...`: list, show, validate, scaffold and describe playbooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from salescoach.core.playbook.shapes import PlaybookEntryJSON

app = typer.Typer(help="List, show, validate and create playbooks.", no_args_is_help=True)


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Built-in and user playbooks, with where each comes from and what it shadows."""
    from salescoach.cli.common import terminal
    from salescoach.core.playbook.catalog import list_playbooks
    from salescoach.paths import DEFAULT_PLAYBOOK, playbook_dirs

    term = terminal()
    rows: list[PlaybookEntryJSON] = [
        {
            "schema": "playbook-entry",
            "version": 1,
            "name": s.name,
            "origin": s.origin,
            "file": str(s.file),
            "default": s.name == DEFAULT_PLAYBOOK,
            "shadows": [str(f) for f in s.shadows],
        }
        for s in list_playbooks(playbook_dirs())
    ]
    if as_json:
        term.json(rows)
        return
    for row in rows:
        mark = " (default)" if row["default"] else ""
        term.line(f"{row['name']}{mark}\t{row['origin']}\t{row['file']}")
        for shadowed in row["shadows"]:
            term.line(f"  shadows {shadowed}")


@app.command()
def show(
    name: str = typer.Argument("b2b-saas", help="Playbook name or file."),
    step: str | None = typer.Option(None, "--step", "-s", help="Show only this step."),
    as_json: bool = typer.Option(False, "--json", help="Print the validated playbook as JSON."),
) -> None:
    """Show a playbook's steps: goal, guidance, checklist and questions."""
    from salescoach.cli.common import load_playbook, resolve_step, terminal
    from salescoach.ui.playbook.playbook_view import render_playbook

    loaded = load_playbook(name)
    term = terminal()
    step_id = resolve_step(step) if step else None
    if as_json:
        data = loaded.playbook.model_dump(mode="json", exclude_none=True)
        term.json(loaded.playbook.step(step_id).model_dump(mode="json") if step_id else data)
        return
    render_playbook(term, loaded, step_id)


@app.command()
def validate(
    files: list[str] = typer.Argument(
        ..., metavar="PLAYBOOK...", help="Playbook names or files to check."
    ),
) -> None:
    """Check playbooks; print every problem as file:line:column: key: message.

    Takes a name, as every other command does (my-team), or a file. Exits 0 when all are
    valid, 1 when any has problems.
    """
    from salescoach.cli.common import terminal
    from salescoach.core.playbook.loader import load_file
    from salescoach.errors import EXIT_ALERT, ExitStatus, PlaybookError
    from salescoach.paths import playbook_dirs

    term = terminal()
    failed = 0
    for file in [_playbook_file(given) for given in files]:  # every name found first
        try:
            load_file(file, playbook_dirs())
        except PlaybookError as error:
            failed += 1
            for problem in error.problems:
                term.line(str(problem))
        else:
            term.say(f"{file}: ok")
    if failed:
        term.say(f"{failed} of {len(files)} playbook(s) have problems")
        raise ExitStatus(EXIT_ALERT)


def _playbook_file(given: str) -> Path:
    """A file as given, else the playbook of that name on the search path; a name found
    nowhere is refused, naming the playbooks there are."""
    from salescoach.core.playbook.catalog import SUFFIXES, list_playbooks, locate
    from salescoach.errors import NotFoundError
    from salescoach.paths import playbook_dirs

    file = Path(given).expanduser()
    if file.exists() or file.suffix in SUFFIXES or "/" in given:
        return file
    try:
        return locate(given, playbook_dirs())
    except NotFoundError as error:
        names = ", ".join(source.name for source in list_playbooks(playbook_dirs()))
        close = f"{error.hint} " if error.hint and error.hint.startswith("did you mean") else ""
        raise NotFoundError(str(error), hint=f"{close}playbooks: {names}") from None


@app.command()
def schema() -> None:
    """Print the playbook JSON Schema (draft-07) for editors and other validators."""
    from salescoach.cli.common import terminal
    from salescoach.core.playbook.schema import playbook_schema_text

    terminal().write(playbook_schema_text())


@app.command()
def path() -> None:
    """Print the playbook search path, first match wins."""
    from salescoach.cli.common import terminal
    from salescoach.paths import playbook_dirs

    term = terminal()
    for origin, folder in playbook_dirs():
        term.line(f"{origin}\t{folder}")


@app.command()
def new(
    name: str = typer.Argument(..., help="Name of the new user playbook (a-z, 0-9, - and _)."),
    parent: str = typer.Option("b2b-saas", "--from", help="The playbook it extends."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Create a user playbook that extends another; edit it to change only what differs."""
    from salescoach.cli.common import load_playbook, terminal
    from salescoach.core.kernel.safe_write import staged_file
    from salescoach.core.playbook.loader import load_file
    from salescoach.core.playbook.scaffold import scaffold
    from salescoach.errors import UsageError
    from salescoach.paths import ensure_home, playbook_dirs, user_playbook_dir

    loaded = load_playbook(parent)
    text = scaffold(name, parent, loaded.playbook)
    ensure_home()
    folder = user_playbook_dir()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"cannot make the user playbook folder {folder} ({error.strerror})",
            hint="move aside whatever stands at that path",
        ) from None
    target = folder / f"{name}.yaml"
    # Written beside the target and validated before it takes the name: a scaffold that
    # does not load never shadows anything.
    with staged_file(target, force=force, hint="use --force to overwrite it") as draft:
        draft.write_text(text, encoding="utf-8")
        load_file(draft, playbook_dirs())
    term = terminal()
    term.line(str(target))
    term.say(f"created {name}, extending {parent}; check edits with `salescoach playbook validate`")


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="playbook")
