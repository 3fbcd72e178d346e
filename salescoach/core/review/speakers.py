"""Who in the transcript is the rep, and who the buyer: told, never guessed.

A speaker is the rep when `--rep-speaker` names them; failing that, when the lead's contact is
one of exactly two speakers, the other one is the rep. Every speaker who is not a rep is on the
buyer's side. A name matches a speaker case-insensitively, whole ("sam reyes"), or by whole
words when only one speaker has them ("Sam" for "Sam Reyes"). Anything else is left to the
caller: ask on a terminal, or stop and name the speakers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from salescoach.core.review.transcript import Transcript
from salescoach.errors import UsageError

REP = "rep"
BUYER = "buyer"


@dataclass(frozen=True)
class Roles:
    reps: frozenset[str]

    def of(self, speaker: str) -> str:
        return REP if speaker in self.reps else BUYER


def find_speaker(name: str, speakers: Sequence[str]) -> str | None:
    """The one speaker `name` means, or None."""
    wanted = name.casefold().split()
    if not wanted:
        return None
    exact = [s for s in speakers if s.casefold().split() == wanted]
    if exact:
        return exact[0]
    partial = [s for s in speakers if set(wanted) <= set(s.casefold().split())]
    return partial[0] if len(partial) == 1 else None


def speaker_list(transcript: Transcript) -> str:
    """'Sam Reyes (42 lines), Ada Lovelace (37 lines)' for messages."""
    counts = Counter(line.speaker for line in transcript.lines)
    return ", ".join(
        f"{s} ({counts[s]} line{'s' if counts[s] != 1 else ''})" for s in transcript.speakers
    )


def roles_from(
    transcript: Transcript, rep_names: Sequence[str], contact: str | None
) -> Roles | None:
    """The roles the names given settle, or None when they settle nothing (ask, or stop)."""
    speakers = transcript.speakers
    if rep_names:
        reps = set()
        for name in rep_names:
            found = find_speaker(name, speakers)
            if found is None:
                raise UsageError(
                    f"rep speaker {name!r} is not in the transcript",
                    hint=f"speakers: {speaker_list(transcript)}",
                )
            reps.add(found)
        return checked_roles(transcript, reps)
    buyer = find_speaker(contact, speakers) if contact else None
    if buyer is not None and len(speakers) == 2:
        return Roles(frozenset(s for s in speakers if s != buyer))
    return None


def checked_roles(transcript: Transcript, reps: set[str]) -> Roles:
    if set(transcript.speakers) <= reps:
        raise UsageError(
            "every speaker is marked as the rep: nobody is left on the buyer's side",
            hint=f"speakers: {speaker_list(transcript)}",
        )
    return Roles(frozenset(reps))


def unmapped(transcript: Transcript) -> UsageError:
    """Nothing says who the rep is, and there is no terminal to ask on."""
    first = transcript.speakers[0]
    return UsageError(
        f"which speaker is the rep? speakers: {speaker_list(transcript)}",
        hint=f"name the rep with --rep-speaker (e.g. --rep-speaker {first!r}), "
        "or give --lead whose contact is the other speaker",
    )
