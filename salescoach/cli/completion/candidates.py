"""What fits the word being typed, given the words before it: command and option names from
the command table and the commands themselves, and values by what an option or argument
takes (leads from the store, playbooks from the search path, step ids, objection families)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Options and arguments whose values salescoach knows, by their long name or argument name.
LEAD = ("--lead", "lead")
PLAYBOOK = ("--playbook", "playbook", "files")
STEP = ("--step", "--stage", "step")
FAMILY = ("--as", "family")
SHELLS = ("bash", "zsh", "fish")  # the scripts `completion SHELL` prints


def candidates(words: list[str]) -> list[str]:
    """Everything that completes `words[-1]` (possibly empty) after `words[:-1]`."""
    from salescoach.cli.app import COMMANDS, _commands_of

    *before, typed = words
    if not before:
        return _starting(typed, [*COMMANDS, "--help", "--version"])
    if before[0] not in COMMANDS:
        return []
    command: Any = _commands_of(COMMANDS[before[0]][0]).get(before[0])
    rest = before[1:]
    while rest and hasattr(command, "commands") and rest[0] in command.commands:
        command, rest = command.commands[rest[0]], rest[1:]
    if typed.startswith("-"):
        return _starting(typed, _option_names(command))
    option = _option_for(command, rest[-1]) if rest else None
    if option is not None and not option.is_flag:
        return _values(option, words)
    if hasattr(command, "commands"):
        return _starting(typed, [n for n, c in command.commands.items() if not c.hidden])
    argument = _argument_at(command, rest)
    if argument is None:
        return []
    if before[0] == "playbook" and command.name == "show":  # its NAME is a playbook's
        return _starting(typed, _playbook_names())
    return _values(argument, words)


def _starting(typed: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith(typed)]


def _option_names(command: Any) -> list[str]:
    names = ["--help"]
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            names += [*param.opts, *param.secondary_opts]
    return names


def _option_for(command: Any, word: str) -> Any:
    for param in command.params:
        if param.param_type_name == "option" and word in (*param.opts, *param.secondary_opts):
            return param
    return None


def _argument_at(command: Any, rest: list[str]) -> Any:
    """The argument the next word fills: options and their values do not count."""
    taken, skip = 0, False
    for word in rest:
        if skip:
            skip = False
        elif word.startswith("-"):
            option = _option_for(command, word)
            skip = option is not None and not option.is_flag
        else:
            taken += 1
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    for argument in arguments:
        if argument.nargs == -1 or taken == 0:
            return argument
        taken -= 1
    return None


def _values(param: Any, words: list[str]) -> list[str]:
    typed = words[-1]
    names = {param.name, *getattr(param, "opts", ())}
    if names & set(LEAD):
        return _lead_names(typed)  # any case: the store matches names as lead refs do
    known: list[tuple[tuple[str, ...], Callable[[], list[str]]]] = [
        (PLAYBOOK, _playbook_names),
        (STEP, _step_ids),
        (FAMILY, lambda: _families(words)),
    ]
    for keys, found in known:
        if names & set(keys):
            return _starting(typed, found())
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return _starting(typed, [str(c) for c in choices])
    if param.name == "shell":
        return _starting(typed, list(SHELLS))
    from salescoach.core.kernel.leadfields import TEMPERATURES
    from salescoach.core.kernel.records import CHANNELS, OBJECTION_RESULTS

    words_of = {"temperature": TEMPERATURES, "channel": CHANNELS, "outcome": OBJECTION_RESULTS}
    return _starting(typed, list(words_of.get(param.name, ())))


def _lead_names(typed: str) -> list[str]:
    from salescoach.paths import database_path

    if not database_path().is_file():
        return []  # completing never creates a store
    from salescoach.store.access import opened_store
    from salescoach.store.completion import lead_names

    with opened_store() as conn:
        return lead_names(conn, typed)


def _playbook_names() -> list[str]:
    from salescoach.core.playbook.catalog import list_playbooks
    from salescoach.paths import playbook_dirs

    return [source.name for source in list_playbooks(playbook_dirs())]


def _step_ids() -> list[str]:
    from salescoach.core.kernel.steps import STEP_IDS

    return list(STEP_IDS)


def _families(words: list[str]) -> list[str]:
    """The families of the playbook named earlier on the line (-p), else the default one."""
    import itertools
    import time

    from salescoach.core.objections.cache import load_compiled
    from salescoach.paths import DEFAULT_PLAYBOOK, cache_dir, playbook_dirs

    name = DEFAULT_PLAYBOOK
    for flag, value in itertools.pairwise(words):
        if flag in ("-p", "--playbook"):
            name = value
    try:
        compiled = load_compiled(name, playbook_dirs(), cache_dir(), clock_ns=time.time_ns)
    except Exception:  # a playbook that does not load completes nothing, never a traceback
        return []
    return list(compiled.objections)
