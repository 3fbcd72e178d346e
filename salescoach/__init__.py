"""salescoach: a command-line sales process coach.

A small Python API for scripts: `load_playbook(name)` gives a validated playbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from salescoach.core.loader import LoadedPlaybook


def load_playbook(name_or_file: str = "b2b-saas") -> LoadedPlaybook:
    """Load and validate a playbook by name (on the search path) or by file path."""
    from salescoach.core.loader import load_playbook as _load
    from salescoach.paths import playbook_dirs

    return _load(name_or_file, playbook_dirs())
