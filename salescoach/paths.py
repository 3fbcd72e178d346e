"""Where salescoach keeps things: one data home, and the playbook search path.

The data home is `SALESCOACH_HOME` if set, else the platform's user data folder. It is created
on first use, owner-only (0700): it holds customers' personal data.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "SALESCOACH_HOME"
PLAYBOOK_PATH_VARIABLE = "SALESCOACH_PLAYBOOK_PATH"
DEFAULT_PLAYBOOK = "b2b-saas"
PLAYBOOK_SUFFIXES = (".yaml", ".yml")


def data_home() -> Path:
    """The data home, without creating it."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path  # imported here: only needed without the variable

    return user_data_path("salescoach", appauthor=False)


def ensure_home() -> Path:
    """The data home, created owner-only if it does not exist yet.

    StoreError when it cannot be used: a file in the way, no permission (a home of another
    user), a read-only disk.
    """
    home = data_home()
    try:
        if home.is_dir():
            _warn_if_exposed(home)
            os.listdir(home)  # a folder of another user may be seen but not opened
            return home
        home.mkdir(parents=True, mode=0o700, exist_ok=True)
        home.chmod(0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        from salescoach.errors import StoreError

        reason = exc.strerror or str(exc)
        where = f"{HOME_VARIABLE}={home}" if os.environ.get(HOME_VARIABLE) else str(home)
        raise StoreError(
            f"{where} is not a usable folder ({reason}); nothing was changed",
            hint=f"point {HOME_VARIABLE} at a folder you can write to",
        ) from None
    return home


def _warn_if_exposed(home: Path) -> None:
    """Say so when others may read the data home (it is left as the user set it)."""
    import warnings

    from salescoach.errors import SalescoachWarning

    try:
        mode = home.stat().st_mode & 0o777
    except OSError:
        return  # the store's own checks say what is wrong with it
    if mode & 0o077:
        warnings.warn(
            f"{home} can be read by other users (mode {mode:04o}), and it holds customers' "
            f"personal data; `chmod 700 {home}` makes it yours alone",
            SalescoachWarning,
            stacklevel=3,
        )


def database_path() -> Path:
    return data_home() / "salescoach.db"


def cache_dir() -> Path:
    return data_home() / "cache"


def user_playbook_dir() -> Path:
    return data_home() / "playbooks"


def hub_playbook_dir() -> Path:
    """The team's published playbooks, the latest version of each (`sync` writes them)."""
    return data_home() / "hub-playbooks"


def shipped_playbook_dir() -> Path:
    """Installed wheels carry the playbooks inside the package; a source checkout at the top."""
    package = Path(__file__).resolve().parent
    installed = package / "playbooks"
    return installed if installed.is_dir() else package.parent / "playbooks"


def playbook_dirs() -> list[tuple[str, Path]]:
    """Folders searched for playbooks, first match wins: (origin, folder)."""
    dirs: list[tuple[str, Path]] = []
    for entry in os.environ.get(PLAYBOOK_PATH_VARIABLE, "").split(os.pathsep):
        if entry.strip():
            dirs.append(("path", Path(entry).expanduser()))
    dirs.append(("user", user_playbook_dir()))
    dirs.append(("hub", hub_playbook_dir()))  # published by the team's manager
    dirs.append(("built-in", shipped_playbook_dir()))
    return dirs
