"""salescoach: a command-line sales process coach.

A small Python API for scripts: `load_playbook(name)` gives a validated playbook;
`match_objection(text)` ranks a playbook's objection families against what a buyer said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from salescoach.core.objections.matcher import MatchResult
    from salescoach.core.playbook.loaded import LoadedPlaybook


def load_playbook(name_or_file: str = "b2b-saas") -> LoadedPlaybook:
    """Load and validate a playbook by name (on the search path) or by file path."""
    from salescoach.core.playbook.loader import load_playbook as _load
    from salescoach.paths import playbook_dirs

    return _load(name_or_file, playbook_dirs())


def match_objection(text: str, playbook: str = "b2b-saas") -> MatchResult:
    """Rank `playbook`'s objection families against `text` (uses the compiled-playbook cache)."""
    import time

    from salescoach.core.objections.cache import load_compiled
    from salescoach.paths import cache_dir, ensure_home, playbook_dirs

    ensure_home()
    compiled = load_compiled(playbook, playbook_dirs(), cache_dir(), clock_ns=time.time_ns)
    return compiled.matcher.rank(text)
