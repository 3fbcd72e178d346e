"""Reading a transcript's text in any of the formats meeting tools write.

The subtitle formats go through maintained parsers (webvtt-py for WebVTT, srt for SubRip); this
module only finds the speaker of each cue and hands the lines to `transcript.checked`:
- WebVTT: Teams writes `<v Name>text</v>`, Zoom writes `Name: text`;
- SRT: a `Name:` prefix, a `[Name]` prefix or a voice tag;
- whisper-style JSON: `{"segments": [{"start", "end", "text", "speaker"?}]}` (openai-whisper,
  faster-whisper, whisperX with diarisation), a bare list of such segments, or whisper.cpp's
  `{"transcription": [{"offsets": {"from", "to"}, "text"}]}` (milliseconds);
- plain text: `Name: text` lines, optionally after a `[00:01:05]` time; a line without a name
  continues the one before. Without times, each line lasts as long as its words take to say.
The format is told by the content, not the file's name.
"""

from __future__ import annotations

import json
import re
from typing import Any

from salescoach.core.review.transcript import (
    ESTIMATED_WORDS_PER_MINUTE,
    RawLine,
    Transcript,
    checked,
)
from salescoach.errors import UsageError

# "Sam Reyes: text": a name of up to five words starting with a letter, then a colon and a
# space (so "at 10:30" is not a speaker called "at 10").
_PREFIX = re.compile(r"^\s*(?:-\s*)?(?P<name>[^\W\d_][\w.'’&\-]*(?: [\w.'’&\-()]+){0,4}):(?:\s+|$)")
_BRACKETED = re.compile(r"^\s*\[(?P<name>[^\W\d_][^\]]{0,40})\]\s*")
_VOICE = re.compile(r"<v(?:\.[\w-]+)*\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_STAMP = re.compile(
    r"^\s*[\[(]?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,]\d+)?[\])]?\s+"
)
_JSON_START = re.compile(r"\{|\[\s*[{\]]")  # not "[00:01:05] Name:" or "[Name] text"
_SRT_START = re.compile(r"\A\s*\d+\s*\r?\n[^\n]*-->")


def parse(text: str) -> Transcript:
    """The transcript in `text`, whatever its format."""
    text = text.removeprefix("\ufeff")
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return _vtt(text)
    if _JSON_START.match(head):
        return _whisper(text)
    if _SRT_START.match(text):
        return _srt(text)
    return _plain(text)


def speaker_and_text(text: str) -> tuple[str | None, str]:
    """The speaker named at the start of a cue's text, and what they said."""
    voice = _VOICE.search(text)
    if voice is not None:
        return voice.group("name").strip(), _TAG.sub("", text).strip()
    plain = _TAG.sub("", text).strip()
    for pattern in (_PREFIX, _BRACKETED):
        found = pattern.match(plain)
        if found is not None:
            return found.group("name").strip(), plain[found.end() :].strip()
    return None, plain


def _vtt(text: str) -> Transcript:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    try:
        captions = webvtt.from_string(text, strict=True).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise UsageError(
            f"not a valid WebVTT file: {error}",
            hint="a WebVTT file starts with WEBVTT, then cues of "
            "'00:00:01.000 --> 00:00:04.000' and their text",
        ) from None
    lines = []
    for number, caption in enumerate(captions, 1):
        voice = caption.voice
        flat = " ".join(caption.text.split())
        speaker, said = (voice.strip(), flat) if voice else speaker_and_text(flat)
        lines.append(
            RawLine(
                number,
                caption.start_time.in_milliseconds() / 1000,
                caption.end_time.in_milliseconds() / 1000,
                speaker,
                said,
            )
        )
    return checked("vtt", lines, timed=True)


def _srt(text: str) -> Transcript:
    import srt

    try:
        subtitles = list(srt.parse(text))
    except (srt.SRTParseError, srt.TimestampParseError) as error:
        raise UsageError(
            f"not a valid SRT file: {error}",
            hint="an SRT file holds numbered cues: a number, '00:00:01,000 --> 00:00:04,000', "
            "the text, then a blank line",
        ) from None
    lines = []
    for number, subtitle in enumerate(subtitles, 1):
        speaker, said = speaker_and_text(" ".join(subtitle.content.split()))
        start, end = subtitle.start.total_seconds(), subtitle.end.total_seconds()
        lines.append(RawLine(number, start, end, speaker, said))
    return checked("srt", lines, timed=True)


def _whisper(text: str) -> Transcript:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UsageError(f"not valid JSON: {error}") from None
    segments, scale, times = _segments(data)
    lines = []
    for number, segment in enumerate(segments, 1):
        if not isinstance(segment, dict):
            raise UsageError(f"segment {number} is not an object")
        start, end = (_seconds(segment, number, path) * scale for path in times)
        said = segment.get("text")
        if not isinstance(said, str):
            raise UsageError(f"segment {number} has no text")
        speaker, said = speaker_and_text(said)
        named = segment.get("speaker")
        if isinstance(named, str) and named.strip():
            speaker = named.strip()
        lines.append(RawLine(number, start, end, speaker, said))
    return checked("whisper_json", lines, timed=True)


_SEGMENTS_HINT = (
    'whisper-style JSON is {"segments": [{"start": 0.0, "end": 2.5, "text": "...", '
    '"speaker": "..."}]}, a list of such segments, or whisper.cpp\'s {"transcription": [...]}'
)


def _segments(data: Any) -> tuple[list[Any], float, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The segments, the scale to seconds, and where each segment keeps its start and end."""
    seconds = (("start",), ("end",))
    if isinstance(data, list):
        return data, 1.0, seconds
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        return data["segments"], 1.0, seconds
    if isinstance(data, dict) and isinstance(data.get("transcription"), list):
        return data["transcription"], 0.001, (("offsets", "from"), ("offsets", "to"))
    raise UsageError("this JSON is not a list of transcript segments", hint=_SEGMENTS_HINT)


def _seconds(segment: dict[str, Any], number: int, path: tuple[str, ...]) -> float:
    value: Any = segment
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(
            f"segment {number} has no number for {'.'.join(path)}", hint=_SEGMENTS_HINT
        )
    return float(value)


def _plain(text: str) -> Transcript:
    said: list[tuple[int, float | None, str | None, str]] = []  # line number, stamp, who, what
    for number, row in enumerate(text.splitlines(), 1):
        if not row.strip():
            continue
        stamp = _STAMP.match(row)
        body = row[stamp.end() :] if stamp else row
        speaker, words = speaker_and_text(body)
        if speaker is None and said and stamp is None:
            line, at, who, before = said[-1]
            said[-1] = (line, at, who, f"{before} {words}")
            continue
        said.append((number, _stamp_seconds(stamp) if stamp else None, speaker, words))
    stamped = bool(said) and all(at is not None for _, at, _, _ in said)
    lines, clock = [], 0.0
    for index, (number, at, who, words) in enumerate(said):
        length = len(words.split()) * 60 / ESTIMATED_WORDS_PER_MINUTE
        start = at if stamped and at is not None else clock
        following = said[index + 1][1] if stamped and index + 1 < len(said) else None
        # A stamp earlier than this line's start is out of order: the check says so.
        end = following if following is not None and following >= start else start + length
        lines.append(RawLine(number, start, end, who, words))
        clock = end
    return checked("text", lines, timed=stamped)


def _stamp_seconds(stamp: re.Match[str]) -> float:
    return float(int(stamp["h"] or 0) * 3600 + int(stamp["m"]) * 60 + int(stamp["s"]))
