"""Which playbooks exist and where: cheap to import (no pydantic, no YAML)."""

from __future__ import annotations

from pathlib import Path as FilePath

from salescoach.core.kernel.slotted import HashedSlotted
from salescoach.errors import NotFoundError

SUFFIXES = (".yaml", ".yml")


class PlaybookSource(HashedSlotted):
    __slots__ = ("name", "file", "origin", "shadows")  # noqa: RUF023

    def __init__(
        self,
        name: str,
        file: FilePath,
        origin: str,
        shadows: tuple[FilePath, ...] = (),
    ) -> None:
        self.name = name
        self.file = file
        self.origin = origin  # built-in, user, path, or file
        self.shadows = shadows


def list_playbooks(dirs: list[tuple[str, FilePath]]) -> list[PlaybookSource]:
    """Every playbook on the search path; a name found twice is shadowed by the first."""
    found: dict[str, PlaybookSource] = {}
    for origin, folder in dirs:
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            if file.suffix not in SUFFIXES or not file.is_file():
                continue
            name = file.stem
            if name in found:
                first = found[name]
                found[name] = PlaybookSource(name, first.file, first.origin, (*first.shadows, file))
            else:
                found[name] = PlaybookSource(name, file, origin)
    return sorted(found.values(), key=lambda s: s.name)


def locate(
    name_or_file: str,
    dirs: list[tuple[str, FilePath]],
    *,
    near: FilePath | None = None,
    exclude: FilePath | None = None,
) -> FilePath:
    """A playbook file from a name on the search path, or a path to a file.

    `exclude` is skipped wherever it turns up: a user playbook named like a shipped one
    extends the shipped one (the next match on the path), not itself.
    """
    skip = exclude.resolve() if exclude else None

    def usable(file: FilePath) -> bool:
        try:
            return file.is_file() and file.resolve() != skip
        except OSError:  # a name too long to be a file's, a loop of links
            return False

    candidate = FilePath(name_or_file).expanduser()
    if near is not None and not candidate.is_absolute() and usable(near.parent / candidate):
        return near.parent / candidate
    if candidate.suffix in SUFFIXES or "/" in name_or_file:
        if usable(candidate):
            return candidate
        raise NotFoundError(f"no playbook file {name_or_file!r}")
    sources = list_playbooks(dirs)
    for source in sources:
        if source.name == name_or_file:
            for file in (source.file, *source.shadows):
                if usable(file):
                    return file
    names = [s.name for s in sources]
    import difflib  # only for a name not found: every command that loads one starts without it

    close = difflib.get_close_matches(name_or_file, names, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "see `salescoach playbook list`"
    raise NotFoundError(f"no playbook named {name_or_file!r}", hint=hint)
