"""Counts read as English: "1 lead", "45 interactions", no "(s)"."""

from __future__ import annotations

import pytest

from salescoach.ui.plural import plural
from tests.support.cli import run
from tests.support.leads import add, use_test_playbooks


def test_plural_picks_the_form_by_count() -> None:
    assert plural(1, "lead") == "1 lead"
    assert plural(0, "lead") == "0 leads"
    assert plural(45, "interaction") == "45 interactions"
    assert plural(2, "reply", "replies") == "2 replies"
    assert plural(1.0, "call") == "1 call"


def test_report_counts_one_lead_in_the_singular(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)
    add("Ada", "--company", "ACME")
    for note in ("first", "second"):
        assert run("log", "ACME", "--channel", "call", "--note", note).exit_code == 0
    shown = run("report")
    assert shown.exit_code == 0, shown.stderr
    assert "2 interactions logged with 1 lead\n" in shown.stdout
    assert "Funnel (1 active lead)" in shown.stdout
    assert "2 interactions logged with 1 lead." in run("report", "--markdown").stdout
