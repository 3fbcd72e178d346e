"""Simple in-terminal bar charts: a share drawn as a row of blocks."""

from __future__ import annotations

FULL, EMPTY = "█", "░"


def bar(share: float | None, width: int = 20) -> str:
    """`share` (0..1, clipped) as `width` characters; an unknown share is blank."""
    if share is None:
        return " " * width
    filled = round(max(0.0, min(1.0, share)) * width)
    return FULL * filled + EMPTY * (width - filled)


def scaled(value: float, largest: float, width: int = 20) -> str:
    """`value` as a bar relative to the largest value shown beside it."""
    return bar(value / largest if largest > 0 else 0.0, width)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"
