"""Asking on the terminal which speaker is the rep, when nothing given says so."""

from __future__ import annotations

from salescoach.core.review.speakers import Roles, checked_roles
from salescoach.core.review.transcript import Transcript
from salescoach.ui.console import Terminal
from salescoach.ui.prompts import prompts_on, select


def ask_rep(term: Terminal, transcript: Transcript) -> Roles:
    counts = {s: sum(1 for x in transcript.lines if x.speaker == s) for s in transcript.speakers}
    choices = [(f"{s} ({counts[s]} lines)", s) for s in transcript.speakers]
    with prompts_on(term.stderr):
        rep = select("Which speaker is you, the rep?", choices)
    return checked_roles(transcript, {rep})
