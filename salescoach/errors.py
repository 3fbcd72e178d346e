"""One family of typed errors. Each carries the message a user sees and the exit code.

The CLI catches `SalescoachError` at one place (`salescoach.cli.app.main`) and turns it into
one line on stderr and the exit code; nothing else in the package prints errors or exits.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_ALERT = 1  # a script asked to be alerted (plan --fail-on), or validation found problems
EXIT_USAGE = 2  # bad input: nothing was changed
EXIT_OUTPUT = 74  # the output could not be written: a full disk or device, an I/O error
EXIT_INTERRUPTED = 130


class SalescoachError(Exception):
    """An error with a message meant for the user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class SalescoachWarning(UserWarning):
    """Something the user should know that does not stop the command. Raised with
    `warnings.warn`; the CLI prints it as `salescoach: warning: ...` on stderr."""


class ExitStatus(Exception):
    """A command has said all it had to and ends with `exit_code` (1 for `plan --fail-on`
    or a playbook with problems, 130 for a stopped walk); it leaves through the same exit
    point as the errors, which prints nothing more."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


class UsageError(SalescoachError):
    """The user asked for something that cannot be done as asked."""


class NotFoundError(SalescoachError):
    """A named thing (lead, task, playbook, scenario) does not exist."""


class AmbiguousError(SalescoachError):
    """A name matches more than one thing."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message + "\n" + "\n".join(f"  {c}" for c in candidates))
        self.candidates = candidates


class OutputError(SalescoachError):
    """What a command writes (stdout, a file) could not be written: the disk or device is
    full or failed. A file salescoach writes is then left as it was."""

    exit_code = EXIT_OUTPUT


class StoreError(SalescoachError):
    """The local database cannot be opened or used."""


class MissingAnswersError(SalescoachError):
    """Answers are needed but there is no terminal to ask them on."""

    def __init__(self, missing: list[str], *, flag: str) -> None:
        lines = "\n".join(f"  {m}" for m in missing)
        super().__init__(
            f"no terminal to ask on, and these answers are missing:\n{lines}",
            hint=f"give them with {flag}",
        )
        self.missing = missing


@dataclass(frozen=True)
class Problem:
    """One problem found in a playbook, pointing at the exact spot."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str  # dotted key path, e.g. steps.2.questions.0.type
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


class PlaybookError(SalescoachError):
    """A playbook could not be loaded. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems) or "invalid playbook")
