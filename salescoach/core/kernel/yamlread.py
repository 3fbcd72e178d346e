"""A strict YAML reader for untrusted playbooks.

It builds plain Python values straight from the parser's events, so that it can:
- keep the line and column of every value (errors point at the exact spot);
- refuse duplicate keys, aliases and anchors, explicit tags and multi-document files;
- refuse text holding a terminal control or an invisible format character, which a
  double-quoted scalar can spell ("\\e[2J", "\\u202e"): salescoach.core.kernel.safe_text;
- read plain scalars as written: only `true`/`false`, `null`/`~`, decimal integers and
  decimal floats are typed; YAML 1.1 traps such as `no` (false), `9:30` (570),
  `0o17` or `1_000` stay the strings the author typed.
The parser is PyYAML's safe C parser where available, else its Python one; no object is
ever constructed from a tag, so nothing here can run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from salescoach.core.kernel.safe_text import problem
from salescoach.errors import Problem

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


class _PyEventLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Only PyYAML's reader, scanner and parser: no composer, constructor or resolver."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# The C parser is several times faster; both give the same events and marks.
_EventLoader: Any
try:
    from yaml.cyaml import CParser as _EventLoader  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _EventLoader = _PyEventLoader


@dataclass
class YamlDocument:
    """The values of one YAML file and where each one stands in it."""

    data: Any
    file: str
    # path -> (line, column), 1-based: where each value starts, and where each key is written
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of `path` (its key with key=True), or of its nearest known ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, dotted(path), message)


def dotted(path: Path) -> str:
    return ".".join(str(p) for p in path)


class YamlReadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if event.style or not event.implicit[0]:  # quoted or block: always text
        return value
    if value in ("", "~", "null"):
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


MAX_DEPTH = 64  # levels of nesting; a playbook needs about eight


class _TooDeep(Exception):
    """Raised to stop reading a document nested deeper than MAX_DEPTH."""

    def __init__(self, event: Any) -> None:
        super().__init__()
        self.event = event


class _Builder:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.loader = _EventLoader(text)
        self.marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def fail(self, event: Any, path: Path, message: str) -> None:
        line, col = _pos(event.start_mark)
        self.problems.append(Problem(self.file, line, col, dotted(path), message))

    def next(self) -> Any:
        return self.loader.get_event()

    def value(self, event: Any, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            raise _TooDeep(event)  # each level is a call: stop long before Python's limit
        self.marks[path] = _pos(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            self.fail(event, path, "YAML aliases (*name) are not allowed: write the value out")
            return None
        if getattr(event, "anchor", None):
            self.fail(event, path, "YAML anchors (&name) are not allowed: write the value out")
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and not (isinstance(event, yaml.ScalarEvent) and event.implicit[1]):
            self.fail(event, path, f"YAML tags ({tag}) are not allowed")
        if isinstance(event, yaml.ScalarEvent):
            if unsafe := problem(event.value, multiline=True):  # "\e" or "\u202e" in quotes
                self.fail(event, path, f"the text {unsafe}")
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(ev := self.next(), yaml.SequenceEndEvent):
                items.append(self.value(ev, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def mapping(self, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := self.next(), yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                self.fail(key_event, path, "keys must be plain words, not lists or mappings")
                self.value(key_event, (*path, "?"))
                self.value(self.next(), (*path, "?"))
                continue
            key = key_event.value
            child = (*path, key)
            if unsafe := problem(key, multiline=False):
                self.fail(key_event, child, f"the key {unsafe}")
            if key in result:
                self.fail(key_event, child, f"duplicate key {key!r}")
            self.key_marks[child] = _pos(key_event.start_mark)
            result[key] = self.value(self.next(), child)
        return result


def read_yaml(text: str, file: str) -> YamlDocument:
    """Read one YAML document strictly. Raises YamlReadError with every problem found."""
    if "\x00" in text:
        raise YamlReadError([Problem(file, 1, 1, "", "not a text file (contains NUL bytes)")])
    data: Any = None
    documents = 0
    problems: list[Problem] = []
    builder: _Builder | None = None
    try:
        builder = _Builder(text, file)
        while not isinstance(event := builder.next(), yaml.StreamEndEvent):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.fail(event, (), "only one YAML document per file is allowed")
                    break
                data = builder.value(builder.next(), ())
    except _TooDeep as exc:
        line, col = _pos(exc.event.start_mark)
        message = f"nested more than {MAX_DEPTH} levels deep; a playbook needs far fewer"
        problems.append(Problem(file, line, col, "", message))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if _tab_at(text, line):
            message += " (tabs cannot be used for indentation: use spaces)"
        problems.append(Problem(file, line, col, "", f"YAML syntax error: {message}"))
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow
        line, col = _position_of(text, exc.position)
        problems.append(Problem(file, line, col, "", f"cannot read YAML: {exc.reason}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, 1, "", f"cannot read YAML: {exc}"))
    problems = (builder.problems if builder else []) + problems
    if problems or builder is None:
        raise YamlReadError(problems)
    return YamlDocument(data=data, file=file, marks=builder.marks, key_marks=builder.key_marks)


def _position_of(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1]
