"""Every path of every shipped role-play scenario makes sense as a call: the buyer never says
the same line twice, and where a buyer line declares the reply intents it answers (`follows`),
every reply that leads to it has one of them (the validator refuses the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescoach.core.playbook.loader import load_file, load_playbook
from salescoach.core.playbook.model import Scenario
from salescoach.errors import PlaybookError
from salescoach.paths import playbook_dirs
from tests.support.paths import ROOT

SHIPPED = ("b2b-saas", "field-sales", "services")


def _paths(scenario: Scenario) -> list[list[str]]:
    """Every path from the start to an ending reply, as turn ids; a path stops where a
    turn comes back (the test then fails on its repeated line)."""
    turns = {t.id: t for t in scenario.turns}
    found: list[list[str]] = []

    def walk(turn_id: str, path: list[str]) -> None:
        path = [*path, turn_id]
        if path.count(turn_id) > 1:
            found.append(path)
            return
        for reply in turns[turn_id].replies:
            if reply.next is None:
                found.append(path)
            else:
                walk(reply.next, path)

    walk(scenario.start, [])
    return found


@pytest.mark.parametrize("name", SHIPPED)
def test_no_path_repeats_a_buyer_line(name: str) -> None:
    playbook = load_playbook(name, playbook_dirs()).playbook
    for scenario in playbook.scenarios:
        lines = {t.id: t.buyer for t in scenario.turns}
        for path in _paths(scenario):
            said = [lines[t] for t in path]
            assert len(said) == len(set(said)), f"{scenario.id}: {' -> '.join(path)}"


@pytest.mark.parametrize("name", SHIPPED)
def test_declared_intents_follow_on_every_path(name: str) -> None:
    playbook = load_playbook(name, playbook_dirs()).playbook
    for scenario in playbook.scenarios:
        turns = {t.id: t for t in scenario.turns}
        for turn in scenario.turns:
            for reply in turn.replies:
                if reply.next and turns[reply.next].follows:
                    assert reply.intent in turns[reply.next].follows, (scenario.id, reply.text)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_scenario_declares_what_each_reply_does_and_each_line_answers(name: str) -> None:
    """Without declared intents the path test above checks nothing, so every shipped scenario
    declares them all: a reply its intent, a buyer line reached by a reply the ones it follows."""
    playbook = load_playbook(name, playbook_dirs()).playbook
    for scenario in playbook.scenarios:
        reached = {r.next for t in scenario.turns for r in t.replies if r.next}
        for turn in scenario.turns:
            assert bool(turn.follows) == (turn.id in reached), (scenario.id, turn.id)
            for reply in turn.replies:
                assert reply.intent, (scenario.id, turn.id, reply.text)


def test_the_price_scenario_defers_to_a_deadline_not_to_a_discount() -> None:
    playbook = load_playbook("b2b-saas", playbook_dirs()).playbook
    [scenario] = [s for s in playbook.scenarios if s.id == "cfo_price_pushback"]
    defer = next(r for t in scenario.turns for r in t.replies if "find out what's in" in r.text)
    assert defer.next == "deferred"  # no longer "So there's room on the price after all"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_turn_is_reached_from_the_start(name: str) -> None:
    playbook = load_playbook(name, playbook_dirs()).playbook
    for scenario in playbook.scenarios:
        seen = {t for path in _paths(scenario) for t in path}
        assert seen == {t.id for t in scenario.turns}, scenario.id


def test_a_reply_that_does_not_fit_the_next_line_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "playbooks" / "b2b-saas.yaml").read_text()
    broken = text.replace(
        "intent: defer\n            next: deferred",
        "intent: defer\n            next: discount_spiral",
    )
    assert broken != text
    (tmp_path / "b.yaml").write_text(broken)
    with pytest.raises(
        PlaybookError, match="intent 'defer', but turn 'discount_spiral' follows discount"
    ):
        load_file(tmp_path / "b.yaml", [])
