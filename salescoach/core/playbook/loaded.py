"""A loaded playbook: light to import, so that one read from the compiled cache
(`core.playbook.compiled`) needs neither yaml nor the loader."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salescoach.core.kernel.slotted import HashedSlotted

if TYPE_CHECKING:
    from salescoach.core.playbook import plain
    from salescoach.core.playbook.model import Playbook


class LoadedPlaybook(HashedSlotted):
    __slots__ = ("name", "playbook", "files")  # noqa: RUF023

    def __init__(
        self,
        name: str,
        playbook: Playbook,
        files: tuple[Path, ...],
    ) -> None:
        self.name = name
        self.playbook = playbook
        self.files = files  # the file and every parent it extends, child first


class PlainLoaded(HashedSlotted):
    """A loaded playbook in plain form (`core.playbook.plain`), read without pydantic."""

    __slots__ = ("name", "playbook", "files")  # noqa: RUF023

    def __init__(
        self,
        name: str,
        playbook: plain.Playbook,
        files: tuple[Path, ...],
    ) -> None:
        self.name = name
        self.playbook = playbook
        self.files = files
