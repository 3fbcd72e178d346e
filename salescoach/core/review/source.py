"""From the bytes of a transcript file to text the format readers can trust.

Refused with a clear message: an empty file, binary data, text that is not UTF-8 (UTF-16 with a
byte-order mark, as some Windows tools save, is read). Terminal control sequences and other
control characters are dropped, so a transcript cannot garble the screen it is shown on.
"""

from __future__ import annotations

import codecs

from salescoach.core.kernel.safe_text import neutralise
from salescoach.errors import UsageError

# A three-hour call is well under 2 MB of WebVTT; anything far bigger is not one call.
MAX_BYTES = 20 * 1024 * 1024


def too_big(size: int) -> UsageError:
    return UsageError(
        f"the transcript is {size / 1024 / 1024:,.0f} MB; one call's transcript is at most "
        f"{MAX_BYTES // 1024 // 1024} MB",
        hint="review one call at a time",
    )


def decode(data: bytes) -> str:
    """The text of a transcript file, or a UsageError saying why it is not one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UsageError("the transcript is not readable UTF-16 text") from None
    elif b"\0" in data:
        raise UsageError(
            "the transcript is not a text file (it holds binary data)",
            hint="give the .vtt, .srt, .json or .txt transcript, not the recording",
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise UsageError(
                f"line {line} of the transcript is not UTF-8 text",
                hint="save or export the transcript as UTF-8",
            ) from None
    text = clean(text)
    if not text.strip():
        raise UsageError("the transcript is empty")
    return text


def clean(text: str) -> str:
    """`text` without terminal escape sequences, control or invisible format characters
    (tabs and line breaks stay; CR LF becomes LF)."""
    return neutralise(text, multiline=True)
