"""The one exit point of every command, without Typer: a `SalescoachError` becomes one message
on stderr and its exit code (2 for bad input), Ctrl-C one line and exit 130, an `ExitStatus`
its exit code, a full device exit 74. `cli.app` runs every Typer command through `guarded`;
the walk's light entry (`cli.walk.walk_entry`) runs the walk through it without Typer.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, NoReturn, TypeVar

from salescoach.errors import EXIT_INTERRUPTED, ExitStatus, SalescoachError, SalescoachWarning

# What the run was handed as its `obj`: a test's own Terminal, which `cli.common.terminal`
# gives the command instead of one made from the real streams.
HANDED_TERMINAL: ContextVar[Any] = ContextVar("salescoach_terminal", default=None)

T = TypeVar("T")
# How a run ends with an exit code: Typer's `Exit` inside Typer, `SystemExit` outside.
Leave = Callable[[int], BaseException]


def fail(error: SalescoachError, leave: Leave) -> NoReturn:
    from salescoach.core.kernel.safe_text import visible

    # A message may quote stored text (a title, a name): shown like any other view's text.
    sys.stderr.write(f"salescoach: error: {visible(error.message)}\n")
    if error.hint:
        sys.stderr.write(f"  hint: {visible(error.hint)}\n")
    raise leave(error.exit_code) from None


@contextlib.contextmanager
def warnings_on_stderr() -> Iterator[None]:
    """Every SalescoachWarning as one `salescoach: warning: ...` line on stderr."""

    def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, SalescoachWarning):
            from salescoach.core.kernel.safe_text import visible

            sys.stderr.write(f"salescoach: warning: {visible(str(message))}\n")
        else:
            shown(message, category, *args, **kwargs)

    with warnings.catch_warnings():
        shown = warnings.showwarning
        warnings.simplefilter("always", SalescoachWarning)
        warnings.showwarning = show
        yield


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what could not be
    written does not fail again."""
    import os

    with contextlib.suppress(OSError, ValueError):  # no file descriptor when tests capture it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def guarded(command: Callable[[], T], leave: Leave) -> T:
    """Run `command`; anything it raises that this module names ends the run through `leave`
    (see the module's docstring); anything else goes on up."""
    try:
        code: int | None = None
        with warnings_on_stderr():
            try:
                result = command()
            except ExitStatus as status:
                code = status.exit_code
        sys.stdout.flush()  # a full device shows here, not in the interpreter's last flush
        if code is not None:
            raise leave(code) from None
        return result
    except SalescoachError as error:
        fail(error, leave)
    except BrokenPipeError:
        # The reader stopped reading (`salescoach export | head`): not an error.
        _silence_stdout()
        raise leave(0) from None
    except OSError as error:
        from salescoach.core.kernel.safe_write import DEVICE_ERRORS
        from salescoach.errors import OutputError

        if error.errno not in DEVICE_ERRORS:
            raise
        _silence_stdout()
        fail(
            OutputError(
                f"cannot write the output ({error.strerror}); what the command saved is kept",
                hint="free some space (or check the device), then run it again",
            ),
            leave,
        )
    except KeyboardInterrupt:
        sys.stderr.write("\nsalescoach: interrupted; nothing unfinished was saved.\n")
        raise leave(EXIT_INTERRUPTED) from None
    except Exception as error:
        # A backstop: every command opens the store through `opened_store`, which turns
        # SQLite's errors into a StoreError; one that slips past still gets a message.
        import sqlite3

        if not isinstance(error, sqlite3.Error):
            raise
        from salescoach.paths import database_path
        from salescoach.store.access import store_error

        fail(store_error(database_path(), error), leave)
