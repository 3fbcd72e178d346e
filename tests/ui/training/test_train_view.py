"""Drill feedback as printed: what the rep wrote is shown, not a cue they did not type."""

from __future__ import annotations

from rich.console import Console

from salescoach.core.training.drills import find_objection, score_response
from salescoach.ui.training import train_view
from tests.support.training import training_playbook


def test_feedback_shows_the_words_written_and_names_the_cue_when_forms_differ() -> None:
    playbook = training_playbook()
    price = find_objection(playbook, "price")
    score = score_response("Understandable. What is the concern?", playbook.drill_rubric, price)
    console = Console(record=True, width=120, color_system=None)
    train_view.objection_feedback(console, score, price.responses[0])
    text = console.export_text()
    assert "“Understandable” (cue: understand)" in text
    assert "“What”" in text and "(cue: what)" not in text
    assert "“understand”" not in text
