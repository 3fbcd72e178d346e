"""The matcher's quality bar on the labelled evaluation set, for the shipped playbooks.

The set (tests/data/objection_eval.yaml, 283 buyer phrasings over the ten families, and
tests/data/not_objections.yaml, 40 things a rep might type that are no objection) was written
apart from the playbooks; no sentence may appear in both. `benchmarks/objection_eval.py` prints
the same figures with the confusion between families.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from salescoach.core.objections.matcher import Matcher
from salescoach.core.playbook.loader import load_playbook
from salescoach.core.playbook.model import OBJECTION_IDS, Playbook
from salescoach.core.text.normalise import words
from salescoach.errors import NotFoundError
from salescoach.paths import playbook_dirs
from tests.support.objection_evaluation import TOP1_BAR, TOP3_BAR, evaluate, format_report
from tests.support.paths import DATA

SHIPPED = ("b2b-saas", "field-sales", "services")
REJECTED_BAR = 0.75  # share of non-objections that must get "no confident match"


@cache
def labelled() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load((DATA / "objection_eval.yaml").read_text())
    return data


@cache
def negatives() -> list[str]:
    data: list[str] = yaml.safe_load((DATA / "not_objections.yaml").read_text())
    return data


@cache
def shipped(name: str) -> Playbook:
    try:
        return load_playbook(name, playbook_dirs()).playbook
    except NotFoundError:
        pytest.skip(f"the shipped playbook {name} is not on the search path")


def _normal(text: str) -> str:
    return " ".join(words(text))


def test_the_evaluation_set_covers_every_family() -> None:
    data = labelled()
    assert set(data) == set(OBJECTION_IDS)
    assert sum(len(v) for v in data.values()) >= 200
    assert all(len(v) >= 20 for v in data.values())
    assert len(negatives()) >= 40


@pytest.mark.parametrize("name", SHIPPED)
def test_no_evaluation_sentence_is_a_playbook_phrasing(name: str) -> None:
    phrasings = {_normal(p) for o in shipped(name).objections for p in o.phrasings}
    held_out = [t for v in labelled().values() for t in v] + negatives()
    assert sorted(t for t in held_out if _normal(t) in phrasings) == []


@pytest.mark.parametrize("name", SHIPPED)
def test_the_matcher_meets_the_bar(name: str) -> None:
    report = evaluate(Matcher.build(shipped(name)), labelled(), negatives())
    summary = format_report(name, report)
    print(summary)
    assert report.top1_rate >= TOP1_BAR, summary
    assert report.top3_rate >= TOP3_BAR, summary
    assert report.rejected_rate >= REJECTED_BAR, summary
