"""`Slotted` records behave as the dataclasses they replaced: equality, repr, replace, asdict."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from salescoach.core.kernel.slotted import HashedSlotted, Slotted, as_plain


class Point(Slotted):
    __slots__ = ("x", "y")

    def __init__(self, x: int, y: int = 0) -> None:
        self.x = x
        self.y = y


class Labelled(Point):
    __slots__ = ("label",)

    def __init__(self, x: int, y: int = 0, label: str = "") -> None:
        super().__init__(x, y)
        self.label = label


class Key(HashedSlotted):
    __slots__ = ("name", "parts")

    def __init__(self, name: str, parts: tuple[str, ...] = ()) -> None:
        self.name = name
        self.parts = parts


class Holder(Slotted):
    __slots__ = ("items", "by_name")  # noqa: RUF023

    def __init__(self, items: list[Any], by_name: dict[str, Any]) -> None:
        self.items = items
        self.by_name = by_name


def test_equal_by_fields_and_class() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != Labelled(1, 2)  # another class, as dataclasses compare
    assert Point(1, 2) != (1, 2)


def test_fields_follow_the_parent_first() -> None:
    assert Labelled.field_names == ("x", "y", "label")
    assert repr(Labelled(1, label="a")) == "Labelled(x=1, y=0, label='a')"


def test_replace_copies_with_changes() -> None:
    first = Labelled(1, 2, "a")
    second = first.replace(label="b")
    assert (first.label, second) == ("a", Labelled(1, 2, "b"))


def test_mutable_records_are_unhashable_and_hashed_ones_hash_by_fields() -> None:
    with pytest.raises(TypeError):
        hash(Point(1))
    assert {Key("a", ("b",)), Key("a", ("b",))} == {Key("a", ("b",))}


def test_no_attribute_outside_the_fields() -> None:
    with pytest.raises(AttributeError):
        Point(1).z = 3  # type: ignore[attr-defined]


def test_as_plain_is_a_deep_copy_like_asdict() -> None:
    inner = [Point(1, 2)]
    holder = Holder(inner, {"k": Labelled(3, label="c")})
    plain = as_plain(holder)
    assert plain == {"items": [{"x": 1, "y": 2}], "by_name": {"k": {"x": 3, "y": 0, "label": "c"}}}
    plain["items"].append("more")
    assert holder.items == [Point(1, 2)]


def test_deepcopy_keeps_the_values() -> None:
    holder = Holder([Point(1)], {})
    copied = copy.deepcopy(holder)
    assert copied == holder and copied.items is not holder.items
