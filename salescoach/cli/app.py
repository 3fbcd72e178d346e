"""The `salescoach` command: one Typer app, with command groups from the modules beside this one.

Every error leaves through `_Group.invoke` (`cli.guard`): a `SalescoachError` becomes one
message on stderr and its exit code (2 for bad input), Ctrl-C becomes one line and exit 130,
and an `ExitStatus` becomes its exit code. Nothing else exits. `walk LEAD` starts without
Typer when its arguments need no more than the light parser (`cli.walk.walk_entry`).
Modules here import only typer at the top; domain code is imported inside each command so that
`--help` and the commands used mid-call stay fast.
"""

from __future__ import annotations

import functools
import importlib
import sys
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from salescoach import __version__
from salescoach.cli.guard import HANDED_TERMINAL, fail, guarded
from salescoach.errors import EXIT_USAGE, SalescoachError

# Every command, the module that defines it, and its one-line summary for `--help`. A module
# is imported, and its commands built, only when one of its commands runs: building all of
# them costs ~40 ms on every run, which commands used mid-call cannot spare. A test checks
# that this table and the modules agree.
COMMANDS: dict[str, tuple[str, str]] = {
    "walk": ("walk.walk_cmd", "Coach a call through the seven steps (resumable)."),
    "prep": ("walk.walk_cmd", "A one-screen brief to read before calling a lead."),
    "objection": ("objections.objection_cmd", "What the buyer said -> the prompts to handle it."),
    "objections": (
        "objections.objection_cmd",
        "Which objections come up, where, and how they went.",
    ),
    "plan": ("planning.plan_cmd", "Today's plan: follow-ups, SLAs, stale deals, goals."),
    "tasks": (
        "planning.tasks_cmd",
        "Follow-up tasks: list, add, done, snooze, drop, reopen, edit, export.",
    ),
    "lead": ("leads.lead_cmd", "Leads: add, list, show, edit, stage, archive, import."),
    "log": ("leads.log_cmd", "Log one interaction with a lead, without prompts."),
    "history": ("leads.log_cmd", "Read the interaction log."),
    "review": ("review.review_cmd", "Score a call from its transcript; log it and its drills."),
    "listen": ("review.listen_cmd", "Follow a call live: objection cards as the buyer speaks."),
    "train": ("training.train_cmd", "Practise: objection drills, step quiz, role-play scenarios."),
    "goal": ("reporting.goal_cmd", "Activity goals per day, week, month or quarter."),
    "report": ("reporting.report_cmd", "Activity, funnel, SLA, objections, training and goals."),
    "playbook": ("playbook.playbook_cmd", "List, show, validate and create playbooks."),
    "export": (
        "data.data_cmd",
        "Export the store as JSONL or CSV; activities for a CRM; contacts as vCards.",
    ),
    "import": ("data.data_cmd", "Restore a JSONL export into an empty store."),
    "backup": ("data.data_cmd", "A consistent, owner-only copy of the database."),
    "restore": ("data.data_cmd", "Replace the database with a backup."),
    "logs": ("data.data_cmd", "Turn the interaction log off or on."),
    "paths": ("data.paths_cmd", "Where salescoach keeps things."),
    "schema": ("data.schema_cmd", "The published JSON outputs and their JSON Schemas."),
    "completion": ("completion.completion_cmd", "A shell completion script: bash, zsh, fish."),
    "sync": ("team.sync_cmd", "Push local changes to the team hub, then pull the team's."),
    "team": ("team.team_cmd", "The team hub and the manager's desk: reps, import, plan, report."),
}


@functools.cache
def _commands_of(module_name: str) -> dict[str, Any]:
    """Build one module's commands (click objects) by letting it register on a fresh app."""
    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    module = importlib.import_module(f"salescoach.cli.{module_name}")
    module.register(holder)
    commands = dict(typer.main.get_group(holder).commands)
    for command in commands.values():
        _plain_usage(command)
        _light_coercion(command)
    return commands


class _Unchanged:
    """Typer's coercion of a parameter for the values that need none: a value left unset, text
    given for a text parameter (or a list of texts), an option left at its default. Anything
    else goes to Typer's own (`heavy`), built on first use."""

    def __init__(self, heavy: Any, kind: Any, default: Any) -> None:
        self._heavy, self._kind, self._default = heavy, kind, default

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        texts = many and self._kind == list[str] and isinstance(value, tuple | list)
        if texts and all(type(item) is str for item in value):
            return list(value)
        if not many and self._kind is str and type(value) is str:
            return value
        if not many and value is self._default and type(value) is int:
            return value
        if not many and self._kind is int and type(value) is str and _in_range(value, param):
            return int(value)  # a whole number as typed (`--limit 0`), within its bounds
        return self._heavy().coerce(value, param=param, ctx=ctx)


def _in_range(text: str, param: Any) -> bool:
    """Whether `text` is a plain whole number (digits, no sign, no leading zero) within the
    parameter's bounds, which Typer checks only when it clamps none."""
    if not (text.isascii() and text.isdigit() and (text == "0" or text[0] != "0")):
        return False
    info = param.type_descriptor.parameter_info
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if getattr(info, "clamp", False) or len(text) > 18:
        return False
    return (low is None or int(text) >= low) and (high is None or int(text) <= high)


def _light_coercion(command: Any) -> None:
    """Typer 0.29 builds a pydantic TypeAdapter for every parameter it processes, even one
    left unset (~1 ms each; the first imports pydantic, ~40 ms, and its plugin loader, ~25
    ms): the values that need no coercion skip it (`_Unchanged`), the help option's too. A
    Typer without these hooks is left as it is."""
    for param in command.params:
        _lighten(param)
    help_option = getattr(command, "get_help_option", None)
    if help_option is not None:
        command.get_help_option = functools.partial(_light_help, help_option)
    for sub in getattr(command, "commands", {}).values():
        _light_coercion(sub)


def _light_help(help_option: Any, ctx: Any) -> Any:
    return _lighten(help_option(ctx))


def _lighten(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    heavy = getattr(param, "get_runtime_param", None)
    if descriptor is None or heavy is None or isinstance(heavy, functools.partial):
        return param  # not Typer's, or lightened already
    if descriptor.parameter_info.parser is None:
        light = _Unchanged(heavy, descriptor.annotation, param.default)
        param.get_runtime_param = functools.partial(lambda light: light, light)
    return param


def _plain_usage(command: Any) -> None:
    """Arguments named as usage lines name them everywhere, `FILE`, `[ID]`, `TEXT...` (Typer
    writes `{file}`)."""
    for param in command.params:
        if param.param_type_name == "argument":
            param.metavar = param.metavar or param.name.upper()
            piece = param.metavar if param.required else f"[{param.metavar}]"
            piece += "..." if param.nargs != 1 else ""
            param.get_usage_pieces = functools.partial(lambda shown, ctx: [shown], piece)
    for sub in getattr(command, "commands", {}).values():
        _plain_usage(sub)


def _fail(error: SalescoachError) -> NoReturn:
    fail(error, typer.Exit)


def _not_utf8(args: list[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps such bytes as lone
    surrogates, which no file, database or terminal can take), shown with its bytes escaped."""
    for number, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "backslashreplace").decode("ascii")
            return f"argument {number} ('{shown}') is not valid UTF-8 text"
    return None


def _fail_usage(error: TyperException) -> NoReturn:
    """Click's parse errors (a missing option, an unknown command: exit code 2) said the way
    every other error is, `salescoach: error: ...`; anything else goes on as it was."""
    if getattr(error, "exit_code", None) != 2 or type(error).__name__ == "NoArgsIsHelpError":
        raise error
    from salescoach.errors import UsageError

    message = error.format_message().rstrip(".")
    ctx = getattr(error, "ctx", None) or _parsing_context(error)
    path = ctx.command_path if ctx is not None else "salescoach"
    _fail(UsageError(message[:1].lower() + message[1:], hint=f"see `{path} --help`"))


def _parsing_context(error: BaseException) -> Any:
    """The context of the command whose arguments were being parsed: click raises some parse
    errors (an option given without its value) with no context, so the hint would name the
    top-level help instead of the subcommand's."""
    import traceback

    found = None
    for frame, _ in traceback.walk_tb(error.__traceback__):
        ctx = frame.f_locals.get("ctx")
        if hasattr(ctx, "command_path"):
            found = ctx  # the deepest one is the subcommand's
    return found


class _Group(TyperGroup):
    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        problem = _not_utf8(list(sys.argv[1:] if args is None else args))
        if problem is not None:
            sys.stderr.write(f"salescoach: error: {problem}\n")
            sys.stderr.write("  hint: type it again in UTF-8 (check the terminal's encoding)\n")
            sys.exit(EXIT_USAGE)
        return super().main(args, *rest, **options)

    def invoke(self, ctx: Any) -> Any:
        handed = HANDED_TERMINAL.set(ctx.obj)
        try:
            return self._invoke(ctx)
        finally:
            HANDED_TERMINAL.reset(handed)

    def _invoke(self, ctx: Any) -> Any:
        try:
            return guarded(lambda: super(_Group, self).invoke(ctx), typer.Exit)
        except TyperException as error:
            _fail_usage(error)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return list(super().parse_args(ctx, args))
        except TyperException as error:
            _fail_usage(error)

    def get_help_option(self, ctx: Any) -> Any:
        return _lighten(super().get_help_option(ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        return _commands_of(COMMANDS[cmd_name][0]).get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, summary) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=_Group,
    name="salescoach",
    help="A sales process coach for the terminal: playbooks, guided calls, objections, follow-ups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich help formatting costs ~100 ms per --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"salescoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Exit codes: 0 done; 1 an alert asked for (plan --fail-on) or a playbook has problems;
    2 bad input (nothing was changed); 74 the output could not be written (a full disk or
    device); 130 interrupted."""


def main() -> None:
    app(prog_name="salescoach")
