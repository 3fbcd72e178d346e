"""Plain records for modules a command imports before its first output (the walk's).

Defining a dataclass compiles its generated methods: about 3-4 M instructions per class, more
than building the record's values ever costs, and the walk imported ~40 of them before its
first question. A `Slotted` subclass names its own fields in `__slots__` (in field order:
repr, equality and `as_plain` follow it, hence `noqa: RUF023`), writes its own `__init__`, and
gets a dataclass's equality, repr and `replace` from here; a subclass's fields follow its
parent's. A `Slotted` record is unhashable (a dataclass with `eq` and without `frozen`); a
`HashedSlotted` one hashes by its fields (a frozen dataclass).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

_R = TypeVar("_R", bound="Slotted")


class Slotted:
    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]
    field_names: ClassVar[tuple[str, ...]] = ()  # every field, the parent's first

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.field_names = cls.field_names + tuple(cls.__dict__.get("__slots__", ()))

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.field_names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Slotted)
        return self.values() == other.values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.field_names)
        return f"{type(self).__qualname__}({shown})"

    def as_fields(self) -> dict[str, Any]:
        """Field name -> value (shallow, unlike `as_plain`)."""
        return {name: getattr(self, name) for name in self.field_names}

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with `changes` (as `dataclasses.replace`)."""
        return type(self)(**{**self.as_fields(), **changes})


class HashedSlotted(Slotted):
    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.values())


def as_plain(value: Any) -> Any:
    """`value` as JSON-ready data: records become dicts, lists and dicts are copied (as
    `dataclasses.asdict` does)."""
    if isinstance(value, Slotted):
        return {name: as_plain(getattr(value, name)) for name in value.field_names}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(as_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    return value
