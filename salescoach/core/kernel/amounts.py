"""Amounts as people type and read them: `$18,000`, `18000`, `1_500.50 €`.

A currency symbol before or after the number and thousands separators (commas, underscores,
spaces) are accepted; a comma that does not group thousands (`1,5`) is refused rather than
guessed. Shown, an amount gets its thousands separators back (`18,000`, `1,234.5`).
"""

from __future__ import annotations

import math
import re

CURRENCY = "$€£¥"
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_amount(text: str) -> int | float:
    """`text` as a number, or ValueError; currency symbols and thousands separators go."""
    body = text.strip().strip(CURRENCY).strip().replace("_", "").replace(" ", "")
    body = body.replace("\u00a0", "").replace("\u202f", "")
    sign = ""
    if body[:1] in "+-" and body:
        sign, body = body[0], body[1:].lstrip(CURRENCY)
    if _GROUPED.fullmatch(body):
        body = body.replace(",", "")
    try:
        return int(sign + body)
    except ValueError:
        pass
    try:
        number = float(sign + body)  # refuses a comma left over, as in 1,5
    except ValueError:
        raise ValueError(f"expected a number, not {text!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a number, not {text!r}")
    return number


def grouped(value: float) -> str:
    """A number with thousands separators: 18000 -> 18,000; 1234.5 -> 1,234.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
