"""The live cards of `salescoach listen`: one compact card at a time, plain text, fast.

On a terminal the new card replaces the old one (the old lines are erased, lines are cut to
the width so none wraps and the count stays right); into a pipe or a file cards follow one
another, each flushed at once. No rich: a card must be on screen within milliseconds.
"""

from __future__ import annotations

import shutil
from typing import Any, TextIO

from salescoach.core.kernel.safe_text import visible
from salescoach.core.review.live import Heard, Tally
from salescoach.ui.plural import plural

_ERASE = "\x1b[{n}F\x1b[J"  # cursor up n lines to the start, clear to the end of the screen


def card_lines(
    heard: Heard, objections: dict[str, dict[str, Any]], battlecards: dict[str, dict[str, Any]]
) -> list[str]:
    quote = heard.text if len(heard.text) <= 90 else heard.text[:89] + "…"
    lines = [f'── {heard.speaker}: "{quote}"']
    family = objections.get(heard.family) if heard.family else None
    if family is not None:
        lines.append(f"{family['title'].upper()} ({family['id']})")
        if family["probing_questions"]:
            lines.append(f"  Ask    {family['probing_questions'][0]}")
        said = _first_line_to_say(family["responses"])
        if said is not None:
            lines.append(f"  Say    {said}")
        if family["avoid"]:
            lines.append(f"  Avoid  {family['avoid'][0]}")
    for card_id in heard.cards:
        card = battlecards.get(card_id)
        if card is None:
            continue
        lines.append(f"{card['name'].upper()} (battlecard)")
        lines += [f"  Win    {point}" for point in card["how_we_win"][:2]]
        lines += [f"  Weak   {point}" for point in card["weaknesses"][:1]]
    return lines


def _first_line_to_say(responses: list[dict[str, Any]]) -> str | None:
    """The first response stage written as words to say (quoted), else the first stage: a
    stage such as LAER's "listen" is advice, not a line."""
    stages = [
        (r["framework"], stage, text) for r in responses for stage, text in r["stages"].items()
    ]
    quoted = [s for s in stages if s[2].lstrip().startswith(("'", '"', "‘", "“"))]
    if not (quoted or stages):
        return None
    framework, stage, text = (quoted or stages)[0]
    return f"({framework} {stage}) {text}"


class CardScreen:
    def __init__(self, stream: TextIO, *, replace: bool) -> None:
        self.stream = stream
        self.replace = replace  # a terminal: erase the previous card first
        self._shown = 0
        self._key: tuple[str | None, tuple[str, ...]] | None = None

    def show(self, heard: Heard, lines: list[str]) -> bool:
        """Draw the card for `heard`, unless it is the card already showing."""
        key = (heard.family, heard.cards)
        if key == self._key:
            return False
        self._key = key
        lines = [visible(line) for line in lines]  # its own escapes are the only ones written
        if self.replace:
            width = max(20, shutil.get_terminal_size().columns - 1)
            lines = [line if len(line) <= width else line[: width - 1] + "…" for line in lines]
            if self._shown:
                self.stream.write(_ERASE.format(n=self._shown))
        self.stream.write("\n".join(lines) + "\n" + ("" if self.replace else "\n"))
        self.stream.flush()
        self._shown = len(lines)
        return True


def summary(
    tally: Tally,
    objections_by_id: dict[str, dict[str, Any]],
    battlecards: dict[str, dict[str, Any]],
    logged: int | None,
) -> str:
    """The one line printed when the call ends."""
    objections = ", ".join(
        objections_by_id.get(family, {}).get("title", family) + (f" ×{n}" if n > 1 else "")
        for family, n in tally.objections.most_common()
    )
    competitors = ", ".join(
        battlecards.get(card, {}).get("name", card).split("(")[0].strip()
        for card in tally.competitors
    )
    text = (
        f"listened to {plural(tally.lines, 'line')} ({tally.buyer_lines} from the buyer); "
        f"objections: {objections or 'none'}; competitors: {competitors or 'none'}"
    )
    if logged is not None:
        text += f"; logged {plural(logged, 'objection')}"
    return text
