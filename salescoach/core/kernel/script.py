"""Answers given ahead in an answers file, for the walk and the drills alike.

A run takes each answer from its file first, then from the person at the terminal if there is
one. With no one there, an answer the file lacks ends the run (exit 2, naming the answer and the
flag that gives it) before anything is saved; a dry run that looks for every missing answer up
front notes them in `missing` instead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from salescoach.errors import MissingAnswersError


class Script:
    """The file's answers as queues by key (a drill, a walk step), and what a lack means."""

    def __init__(
        self,
        answers: Mapping[str, Iterable[Any]],
        *,
        flag: str,
        can_ask: bool,
        missing: list[str] | None = None,
    ) -> None:
        self.queues = {key: deque(items) for key, items in answers.items()}
        self.flag = flag  # how to give answers, e.g. "--answers FILE"
        self.can_ask = can_ask  # a person at a terminal answers what the file does not
        self.missing = missing  # a list: note missing answers instead of failing

    def has(self, key: str) -> bool:
        return bool(self.queues.get(key))

    def is_empty(self) -> bool:
        return not any(self.queues.values())

    def take(self, key: str) -> tuple[bool, Any]:
        """The file's next answer under `key`, if one is left: (True, the answer)."""
        queue = self.queues.get(key)
        if queue:
            return True, queue.popleft()
        return False, None

    def lacks(self, name: str) -> None:
        """Neither the file nor anyone else answers `name`."""
        if self.missing is None:
            raise MissingAnswersError([name], flag=self.flag)
        self.missing.append(name)

    def next_answer(self, key: str, name: str) -> tuple[bool, Any]:
        """The file's next answer under `key`; else (False, None) for the terminal to ask, and
        with no one at a terminal the answer `name` is lacking."""
        found, value = self.take(key)
        if not found and not self.can_ask:
            self.lacks(name)
        return found, value
