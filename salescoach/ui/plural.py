"""Counts with their noun: "1 lead", "2 leads", never "1 leads" or "lead(s)"."""

from __future__ import annotations


def plural(count: float, word: str, many: str | None = None) -> str:
    """`count` and `word`, the noun in the plural unless the count is exactly one.

    `many` is the plural when adding "s" is wrong ("SLA" stays readable as "SLAs", but
    "reply" -> "replies").
    """
    if count == 1:
        return f"{count:g} {word}"
    return f"{count:g} {many or word + 's'}"
