"""A loaded playbook: light to import, so that one read from the compiled cache
(`core.playbook.compiled`) needs neither yaml nor the loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.playbook import plain
    from salescoach.core.playbook.model import Playbook


@dataclass(frozen=True)
class LoadedPlaybook:
    name: str
    playbook: Playbook
    files: tuple[Path, ...]  # the file and every parent it extends, child first


@dataclass(frozen=True)
class PlainLoaded:
    """A loaded playbook in plain form (`core.playbook.plain`), read without pydantic."""

    name: str
    playbook: plain.Playbook
    files: tuple[Path, ...]
