"""`salescoach walk ...` without Typer: the walk starts as the call begins, and importing
Typer (and click) cost about a third of the time to its first question.

`parse` reads the arguments by `WALK_PARAMS`, the declaration the Typer command is built from,
and only what it is sure of: options by their full names (`--step 4`, `--step=4`, `-s 4`),
flags, one lead. Anything else (help, an unknown or incomplete option, an extra argument, a
value that starts with `-`, `--`, text that is not UTF-8) returns None, and the Typer
command runs instead, with its own help and errors. A test runs both parsers over the same
argument lists.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

from salescoach.cli.walk.walk_params import WALK_PARAMS, Param

_BY_NAME = {decl: p for p in WALK_PARAMS for decl in p.decls}
_LEAD = next(p for p in WALK_PARAMS if not p.decls)


def parse(args: list[str]) -> dict[str, Any] | None:
    """The walk's parameter values for `args` (after `walk`), or None when Typer should read
    them."""
    values: dict[str, Any] = {p.name: False if p.kind is bool else None for p in WALK_PARAMS}
    lead_given, rest = False, list(args)
    while rest:
        arg = rest.pop(0)
        if not _utf8(arg):
            return None
        if not arg.startswith("-"):
            if lead_given:
                return None
            values[_LEAD.name], lead_given = arg, True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        param = _BY_NAME.get(name)
        if param is None:
            return None
        if param.kind is bool:
            if eq:
                return None
            values[param.name] = True
            continue
        if not eq:
            if not rest:
                return None
            inline = rest.pop(0)
        if inline.startswith("-") or not _utf8(inline) or (param.kind is Path and not inline):
            return None
        values[param.name] = _value(param, inline)
    return values


def _value(param: Param, text: str) -> Any:
    return Path(text) if param.kind is Path else text


def _utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run(args: list[str]) -> bool:
    """Run the walk for `args` when `parse` reads them (exits with the walk's code); False
    when it does not, for Typer to run it."""
    values = parse(args)
    if values is None:
        return False
    # Up to its first question the walk makes objects that live as long as it does (modules,
    # the playbook, the lead): the collector's passes over them found nothing and took about
    # a tenth of that time. It is paused until the first prompt (`ui.prompts`).
    gc.disable()
    try:
        from salescoach.cli.guard import guarded
        from salescoach.cli.walk.walk_run import run_walk
        from salescoach.cli.walk.walk_setup import WalkOptions

        guarded(lambda: run_walk(WalkOptions(**values)), SystemExit)
    except EOFError:  # as click ends a run whose input ended outside the walk's prompts
        sys.stderr.write("\nAborted!\n")
        raise SystemExit(1) from None
    finally:
        gc.enable()
    return True
