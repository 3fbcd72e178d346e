"""`team report` on a small fixed team (tests/support/desk.py), every figure against values
worked out by hand; the bad inputs exit 2."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.support.cli import run
from tests.support.desk import fixed_team, join_as, lead_row, report_json
from tests.support.hub import MANAGER, Team
from tests.support.postgres import HubDatabase

PERIOD = "2026-03-01..2026-03-11"  # today is 2026-03-11


@pytest.fixture
def team(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    return fixed_team(hub_db, monkeypatch)


def _report(*args: str) -> dict[str, Any]:
    return report_json(PERIOD, *args)


def test_every_rep_side_by_side_with_the_team_total(team: Team) -> None:
    data = _report()
    by_rep = {r["rep"]: r for r in data["reps"]}
    assert list(by_rep) == ["alice", "bob", "carol"]
    assert by_rep["alice"]["figures"] == {
        "calls": 2, "meetings": 1, "emails": 0, "interactions": 4, "contacts": 1,
        "new_leads": 1, "open_leads": 2, "won": 1, "lost": 0, "no_decision": 0,
        "win_rate": 1.0, "sla_met": 1, "sla_late": 0, "sla_missed": 1,
        "sla_compliance": 0.5, "stale": 1, "pipeline_value": 0, "steps_met": 0,
        "steps_skipped": 0, "adherence": None,
    }  # fmt: skip
    assert by_rep["alice"]["pipeline"] == {"presentation": 1, "prospecting": 1}
    assert by_rep["bob"]["figures"] == {
        "calls": 2, "meetings": 0, "emails": 0, "interactions": 2, "contacts": 2,
        "new_leads": 2, "open_leads": 1, "won": 0, "lost": 1, "no_decision": 0,
        "win_rate": 0.0, "sla_met": 0, "sla_late": 1, "sla_missed": 0,
        "sla_compliance": 0.0, "stale": 0, "pipeline_value": 0, "steps_met": 0,
        "steps_skipped": 0, "adherence": None,
    }  # fmt: skip
    carol = by_rep["carol"]["figures"]
    assert carol["win_rate"] is None and carol["sla_compliance"] is None and carol["calls"] == 0
    total = data["total"]
    assert total["rep"] == "team"
    assert total["figures"]["calls"] == 4 and total["figures"]["interactions"] == 6
    assert total["figures"]["win_rate"] == 0.5
    assert total["figures"]["sla_compliance"] == 0.3333
    assert list(total["pipeline"]) == ["prospecting", "approach", "presentation"]
    labels = {f["key"]: f["label"] for f in data["figures"]}
    assert labels["calls"] == "calls (lead-days)"
    assert labels["interactions"] == "interactions (rows)"


def test_only_the_reps_asked_for_and_their_total(team: Team) -> None:
    data = _report("--rep", "bob", "--rep", "carol")
    assert [r["rep"] for r in data["reps"]] == ["bob", "carol"]
    assert data["total"]["figures"]["calls"] == 2


def test_text_and_markdown_label_every_figure(team: Team) -> None:
    text = run("team", "report", "--period", PERIOD)
    assert text.exit_code == 0, text.stderr
    assert "calls (lead-days)" in text.stdout and "alice" in text.stdout
    assert "What each figure counts" in text.stdout
    markdown = run("team", "report", "--period", PERIOD, "--format", "markdown")
    assert markdown.exit_code == 0, markdown.stderr
    assert "| Figure | alice | bob | carol | team |" in markdown.stdout
    assert "| calls (lead-days) | 2 | 2 | 0 | 4 |" in markdown.stdout
    assert "| SLA compliance (share) | 50% | 0% | – | 33% |" in markdown.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rep", "dave"), "no rep of this hub is called dave"),
        (("--period", "2026-04-01..2026-04-30"), "after today"),
        (("--period", "2026-03-10..2026-03-01"), "before it starts"),
        (("--format", "pdf"), "unknown format"),
    ],
)
def test_bad_input_exits_2(team: Team, args: tuple[str, ...], message: str) -> None:
    result = run("team", "report", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


def test_an_unknown_rep_is_told_the_current_reps_only(team: Team) -> None:
    # The manager holding an unassigned lead is an owner in the counts, not a rep to name.
    with team.session(MANAGER) as session:
        assert session.push([lead_row(MANAGER, "U1", created_at="2026-03-02T09:00:00")]) == []
    result = run("team", "report", "--period", PERIOD, "--rep", "dave")
    assert result.exit_code == 2 and result.stdout == ""
    assert "reps: alice, bob, carol" in result.stderr and MANAGER not in result.stderr


def test_a_rep_is_refused_by_the_hub_and_told_why(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    join_as(team, "alice", monkeypatch)
    result = run("team", "report", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "a manager's command" in result.stderr and "permission denied" in result.stderr


def test_html_is_one_self_contained_file_with_the_tables_and_four_charts(
    team: Team, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = run("team", "report", "--period", PERIOD, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    # The figures, then one table each: funnel, days, pipeline value, adherence, objections,
    # drills, loss reasons; charts: the funnel, open leads, activity, SLA.
    assert page.tags["svg"] == 4 and page.tags["table"] == 8
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert not [url for url in page.urls if not url.startswith("http://www.w3.org/2000/svg")]
    assert ["calls (lead-days)", "2", "2", "0", "4"] in page.rows
    for svg in re.findall(r"<svg.*?</svg>", out.read_text(), flags=re.S):
        ElementTree.fromstring(svg)  # each chart is well-formed SVG
    # A side margin on a narrow screen (body padding), none added on paper (A4's own margin).
    assert re.search(r"body \{[^}]*padding: 0 4mm", out.read_text())
    assert "@media print { body { padding: 0; } }" in out.read_text()
    refused = run("team", "report", "--format", "html", "-o", str(out))
    assert refused.exit_code == 2  # the file exists: --force replaces it
    assert run("team", "report", "--format", "html").exit_code == 2  # html needs -o


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.urls: list[str] = []
        self.rows: list[list[str]] = []
        self._cells: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.urls += [v for k, v in attrs if k in ("src", "href", "xmlns") and v]
        if tag == "tr":
            self._cells = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._cells is not None:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cells is not None and data.strip():
            self._cells.append(data.strip())
