"""Declining what is not an objection: dates, courtesies and names are no evidence, one topical
word does not outweigh a line, and a declined ranking keeps its order below the threshold."""

from __future__ import annotations

from functools import cache

import pytest

from salescoach.core.objections.evidence import Evidence
from salescoach.core.objections.features import Featurizer
from salescoach.core.objections.matcher import CONFIDENT, Matcher
from salescoach.core.playbook.loader import load_playbook
from salescoach.errors import NotFoundError
from salescoach.paths import playbook_dirs

SHIPPED = ("b2b-saas", "field-sales", "services")


@cache
def shipped(name: str) -> Matcher:
    try:
        return Matcher.build(load_playbook(name, playbook_dirs()).playbook)
    except NotFoundError:
        pytest.skip(f"the shipped playbook {name} is not on the search path")


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize(
    "text",
    [
        "Of course, happy to chat.",  # a courtesy ("happy" once read as status quo)
        "Tuesday at 10 is fine.",  # a time and a courtesy
        "It has been raining all week over here.",  # "raining" once mended to "training"
        "I'll ask Dominik to join the next call, he runs our payroll.",  # a name, a time
        "Sounds good, see you on Monday.",
        "Great, speak next week.",
    ],
)
def test_everyday_lines_get_no_confident_match(name: str, text: str) -> None:
    result = shipped(name).rank(text)
    assert not result.confident, result.matches[:2]
    assert result.best is None


@pytest.mark.parametrize("name", SHIPPED)
def test_time_words_do_not_pull_a_budget_line_to_timing(name: str) -> None:
    text = "There is nothing left in the budget until the new financial year starts in April"
    result = shipped(name).rank(text)
    assert result.best is not None and result.best.id == "price", result.matches[:2]


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("not right now", "timing"),
        ("call me next quarter", "timing"),
        ("too expensive", "price"),
        ("budget", "price"),  # a keyword typed alone is still the family it names
        ("I need to ask my boss", "authority"),
        ("send me a brochure", "send_info"),
        ("we're going with Pipedrive", "competitor"),  # the name helps, "going with" decides
    ],
)
def test_real_objections_stay_confident(name: str, text: str, family: str) -> None:
    result = shipped(name).rank(text)
    assert result.best is not None and result.best.id == family, result.matches[:2]


@pytest.mark.parametrize("name", SHIPPED)
def test_an_unknown_capitalised_word_alone_is_no_competitor(name: str) -> None:
    result = shipped(name).rank("Did Karolina from Brightwell call you back yet?")
    assert result.best is None or result.best.id != "competitor"
    assert result.battlecards == []


@pytest.mark.parametrize("name", SHIPPED)
def test_a_declined_ranking_keeps_its_order_below_the_threshold(name: str) -> None:
    # "Notion" reads as some product's name, which ranks competitor first but is no evidence
    result = shipped(name).rank("We use Notion for our notes.")
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[0] < CONFIDENT and not result.confident
    assert result.matches[0].id == "competitor"  # still the closest family, shown first


def test_a_slip_is_mended_only_to_a_word_with_the_same_first_letter() -> None:
    featurizer = Featurizer.build({}, ["training budget expensive"])
    assert featurizer.correct("raining") == "raining"  # a word, not a slip of "training"
    assert featurizer.correct("bugdet") == "budget"
    assert featurizer.correct("expensve") == "expensive"


def test_modifiers_names_and_lone_negations_are_worth_nothing() -> None:
    evidence = Evidence(["tuesday", "~period", "fin", "~pleased"], [["~cost", "pric"]])
    assert evidence.is_modifier("tuesday") and evidence.is_modifier("10")
    assert evidence.is_modifier("tuesday_fin")  # a pair with a modifier in it
    assert not evidence.is_modifier("pric")
    single = {"tuesday": ["~period"], "fin": ["~pleased"], "pric": ["~cost"]}
    dates = {"tuesday": 0.2, "~period": 0.3, "fin": 0.2, "~pleased": 0.3}
    assert evidence.units(0, dates, ["tuesday", "fin"], single) == 0
    assert evidence.units(0, {"~name": 0.9, "seat": 0.1}, ["seat"], {}) == 0
    price = {"pric": 0.3, "~cost": 0.3, "tuesday": 0.1}
    assert evidence.units(0, price, ["pric", "tuesday"], single) == 1  # one concern cue
    others = {"seat": 0.3, "user": 0.3}
    assert evidence.units(0, others, ["seat", "user"], {}) == 1  # two other cues
    assert evidence.units(0, {"seat": 0.9, "user": 0.05}, ["seat", "user"], {}) == 0.5


def test_the_objection_fast_path_needs_no_thesaurus_after_compiling() -> None:
    import json
    import subprocess
    import sys

    matcher = shipped("b2b-saas")
    data = json.dumps(matcher.to_data())
    code = (
        "import json, sys\n"
        "from salescoach.core.objections.matcher import Matcher\n"
        "m = Matcher.from_data(json.loads(sys.stdin.read()))\n"
        "r = m.rank('Tuesday at 10 is fine.')\n"
        "assert not r.confident\n"
        "print(sorted(k for k in sys.modules if k.startswith('salescoach')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, text=True, check=True
    )
    assert "salescoach.core.objections.lexicon" not in done.stdout
