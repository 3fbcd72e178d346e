"""Read, merge and validate playbooks; every problem comes back as `file:line:col`.

`load_playbook(name_or_file, dirs)` is the one way in. The search folders are passed in (see
`salescoach.paths.playbook_dirs`), so this module touches no environment.
"""

from __future__ import annotations

import difflib
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from salescoach.core.kernel.bounded_read import Unreadable, read_limited
from salescoach.core.kernel.yamlread import Path, YamlReadError, read_yaml
from salescoach.core.playbook.catalog import SUFFIXES, locate
from salescoach.core.playbook.crosscheck import cross_check
from salescoach.core.playbook.families import with_family_choices
from salescoach.core.playbook.loaded import LoadedPlaybook
from salescoach.core.playbook.merge import Marks, merge
from salescoach.core.playbook.model import Playbook
from salescoach.errors import NotFoundError, PlaybookError, Problem

KEY = "\0key"  # marks under (*path, KEY) give where a key is written rather than its value
MAX_BYTES = 2_000_000
MAX_CHAIN = 16  # playbooks in one `extends` chain
# Top-level keys one of which every playbook file has (a complete one its title, a partial
# one what it extends).
PLAYBOOK_MARKS = frozenset({"title", "extends"})


def read_text(file: FilePath) -> str:
    try:
        raw = read_limited(file, MAX_BYTES)
    except Unreadable as exc:
        raise PlaybookError([Problem(str(file), 1, 1, "", f"cannot read: {exc.reason}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = "not UTF-8 text (is this a binary file?)"
        raise PlaybookError([Problem(str(file), line, col, "", message)]) from None


def _read(file: FilePath, *, parent: bool = False) -> tuple[Any, Marks]:
    """The data of one playbook file. A `parent` (reached by `extends`) that does not even
    look like a playbook is refused without a word of what it holds: `extends` must never
    become a way to print another file."""
    text = read_text(file)
    try:
        document = read_yaml(text, str(file))
    except YamlReadError as exc:
        if parent:  # its problems would quote it
            raise _not_a_playbook(file) from None
        raise PlaybookError(exc.problems) from None
    if parent and not (isinstance(document.data, dict) and PLAYBOOK_MARKS & set(document.data)):
        raise _not_a_playbook(file)
    if document.data is None:
        raise PlaybookError([Problem(str(file), 1, 1, "", "the playbook is empty")])
    if not isinstance(document.data, dict):
        raise PlaybookError(
            [document.problem((), "a playbook is a mapping of keys (title, steps, ...)")]
        )
    marks: Marks = {p: (str(file), *w) for p, w in document.marks.items()}
    marks.update({(*p, KEY): (str(file), *w) for p, w in document.key_marks.items()})
    return document.data, marks


def _not_a_playbook(file: FilePath) -> PlaybookError:
    message = (
        "named by `extends`, but it is not a playbook (a YAML mapping with a `title` or an "
        "`extends`); `salescoach playbook validate` on it says more"
    )
    return PlaybookError([Problem(str(file), 1, 1, "", message)])


def _resolve(
    file: FilePath, dirs: list[tuple[str, FilePath]], chain: tuple[FilePath, ...]
) -> tuple[Any, Marks, tuple[FilePath, ...]]:
    data, marks = _read(file, parent=bool(chain))
    chain = (*chain, file.resolve())
    parent_name = data.get("extends")
    if parent_name is None:
        return data, marks, chain
    where = marks.get(("extends",), (str(file), 1, 1))
    if not isinstance(parent_name, str) or not parent_name.strip():
        raise PlaybookError([Problem(*where, "extends", "`extends` names a playbook")])
    if len(chain) >= MAX_CHAIN:
        message = f"`extends` chains more than {MAX_CHAIN} playbooks; extend a shorter chain"
        raise PlaybookError([Problem(*where, "extends", message)])
    try:
        parent_file = locate(parent_name, dirs, near=file, exclude=file)
    except NotFoundError as exc:
        raise PlaybookError([Problem(*where, "extends", exc.message)]) from None
    if parent_file.suffix not in SUFFIXES:
        message = (
            f"`extends` names a playbook: a name, or a .yaml or .yml file, not {parent_name!r}"
        )
        raise PlaybookError([Problem(*where, "extends", message)])
    if parent_file.resolve() in chain:
        names = " -> ".join(f.stem for f in (*chain, parent_file))
        raise PlaybookError(
            [Problem(*where, "extends", f"`extends` goes round in a cycle: {names}")]
        )
    parent, parent_marks, chain = _resolve(parent_file, dirs, chain)
    merged, merged_marks = merge(parent, parent_marks, data, marks)
    merged.pop("extends", None)
    merged_marks.pop(("extends",), None)
    return merged, merged_marks, chain


def _problem(
    marks: Marks, path: Path, message: str, *, key: bool = False, data: Any = None
) -> Problem:
    probe = path
    shown = named_path(data, path)
    if key and (*path, KEY) in marks:
        return Problem(*marks[(*path, KEY)], shown, message)
    while probe not in marks and probe:
        probe = probe[:-1]
    file, line, col = marks.get(probe, ("?", 1, 1))
    return Problem(file, line, col, shown, message)


def named_path(data: Any, path: Path) -> str:
    """A key path as an author reads it: list items by their `id` where they have one
    (`steps[closing].questions[outcome].required`), else by position (`guidance[0]`). A
    merged playbook's positions are not the author's file's, its ids are."""
    text, node = "", data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            text += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _explain(error: Any, model_fields: dict[Path, list[str]]) -> tuple[Path, str, bool]:
    loc: Path = tuple(
        p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))
    )
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = loc[:-1]
        known = model_fields.get(tuple(p if isinstance(p, str) else 0 for p in parent), [])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return loc, f"unknown key {loc[-1]!r}{hint}", True
    if kind == "missing":
        return loc, f"missing required key {loc[-1]!r}", False
    message = str(error["msg"])
    value = error.get("input")
    if kind == "bool_type" and isinstance(value, str):
        message = f"expected true or false, not {value!r} (only true/false are booleans here)"
    elif kind.endswith("_type") and isinstance(value, str | int | float | bool):
        message = f"{message}, not {value!r}"
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return loc, message, False


def _known_fields() -> dict[Path, list[str]]:
    """Field names at each model path, for did-you-mean suggestions on typos."""
    from pydantic import BaseModel

    known: dict[Path, list[str]] = {}

    def walk(model: type[BaseModel], path: Path) -> None:
        known[path] = list(model.model_fields)
        for name, info in model.model_fields.items():
            for arg in _model_args(info.annotation):
                if (*path, name) not in known and len(path) < 6:
                    walk(arg, (*path, name, 0) if _is_list(info.annotation) else (*path, name))

    walk(Playbook, ())
    return known


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list or "list[" in str(annotation)


def _model_args(annotation: Any) -> list[Any]:
    from pydantic import BaseModel

    found: list[Any] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            found.append(current)
        stack.extend(getattr(current, "__args__", ()) or ())
    return found


def validate_data(data: Any, marks: Marks) -> Playbook:
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as exc:
        fields = _known_fields()
        problems = []
        for error in exc.errors():
            path, message, at_key = _explain(error, fields)
            problems.append(_problem(marks, path, message, key=at_key, data=data))
        raise PlaybookError(_sorted(problems)) from None
    findings = cross_check(playbook)
    if findings:
        raise PlaybookError(_sorted([_problem(marks, p, m, data=data) for p, m in findings]))
    return with_family_choices(playbook)


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = {(p.file, p.line, p.column, p.path, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file, p.line, p.column))


def load_file(file: FilePath, dirs: list[tuple[str, FilePath]]) -> LoadedPlaybook:
    data, marks, chain = _resolve(file, dirs, ())
    playbook = validate_data(data, marks)
    return LoadedPlaybook(name=file.stem, playbook=playbook, files=chain)


def load_playbook(name_or_file: str, dirs: list[tuple[str, FilePath]]) -> LoadedPlaybook:
    return load_file(locate(name_or_file, dirs), dirs)
