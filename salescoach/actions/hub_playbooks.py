"""The hub layer of the playbook search path, and the version a walk runs.

`sync` writes the latest published version of each playbook to `hub-playbooks/` in the data
home, between the user's playbooks and the shipped ones (salescoach.paths.playbook_dirs): a
user playbook of the same name still shadows it. A name that could not be a file's is skipped.

A walk records the playbook's version: a published playbook's hub version number ("3"); any
other playbook, shipped or the user's, "sha256:" and the first 12 hex digits of the SHA-256
of its file, so two walks on the same text carry the same version and an edited playbook a
new one (a parent it extends is not hashed: a shipped parent changes only with salescoach).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def refresh_hub_layer(conn: sqlite3.Connection, folder: Path) -> list[str]:
    """Write each published playbook's latest version where it differs; the names written."""
    if conn.execute("SELECT 1 FROM playbooks LIMIT 1").fetchone() is None:
        return []  # before the imports: every sync of a hub without playbooks comes here
    from salescoach.core.kernel.safe_write import write_text
    from salescoach.store.playbooks import latest_versions

    written = []
    for name, (_, text) in sorted(latest_versions(conn).items()):
        if not _NAME.match(name):
            continue
        target = folder / f"{name}.yaml"
        try:
            if target.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_text(target, text, force=True)
        written.append(name)
    return written


def playbook_version(conn: sqlite3.Connection, name_or_file: str) -> str | None:
    """The version a walk on this playbook records (see the module's docstring); None when
    its file cannot be found or read any more (the walk goes on)."""
    from salescoach.core.playbook.catalog import locate
    from salescoach.errors import SalescoachError
    from salescoach.paths import hub_playbook_dir, playbook_dirs
    from salescoach.store.playbooks import version_of_text

    try:
        file = locate(name_or_file, playbook_dirs())
        data = file.read_bytes()
    except (SalescoachError, OSError):
        return None
    if file.parent.resolve() == hub_playbook_dir().resolve():
        found = version_of_text(conn, file.stem, data.decode("utf-8", errors="replace"))
        if found is not None:
            return str(found)
    import hashlib  # here: an idle sync refreshes the hub layer and never hashes a file

    return "sha256:" + hashlib.sha256(data).hexdigest()[:12]
