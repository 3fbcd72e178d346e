"""Hub migration 3: the answers and each criteria row's unmet exit criteria, kept from the
feed; a hub upgraded from version 2 is filled from what its feed already holds."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import psycopg
import pytest

from salescoach.core.sync.changes import RowChange
from salescoach.hub import admin, schema
from tests.support.hub import MANAGER, Team, create_manager, hlc, lead
from tests.support.postgres import HubDatabase


def _answer(owner: str, lead_gid: str, value_json: str, *, gid: str | None = None) -> RowChange:
    row = {"field": "deal_value", "value_json": value_json, "step": "closing", "question": "q"}
    return RowChange("answers", gid or str(uuid.uuid4()), lead_gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def _criteria(owner: str, lead_gid: str, detail: str, at: str, step: str) -> RowChange:
    row = {"at": at, "kind": "criteria", "step": step, "result": "skipped",
           "detail_json": detail}  # fmt: skip
    return RowChange("interactions", str(uuid.uuid4()), lead_gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def _team(db: HubDatabase, monkeypatch: pytest.MonkeyPatch, *, version: int) -> Team:
    """A hub built by the migrations up to `version` only, with rep alice."""
    kept = tuple(step for step in schema.MIGRATIONS if step[0] <= version)
    monkeypatch.setattr(schema, "MIGRATIONS", kept)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", kept[-1][0])
    team = Team(db, {MANAGER: create_manager(db)})
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=False)
        team.passwords["alice"] = admin.add_rep(connection, "alice").password
    return team


def _desk(team: Team) -> tuple[list[tuple[object, ...]], list[object], list[object]]:
    with team.connect(MANAGER) as connection:
        values = connection.execute(
            "SELECT field, deal_value FROM salescoach.desk_answers ORDER BY deal_value"
        ).fetchall()
        unmet = connection.execute(
            "SELECT criteria_unmet FROM salescoach.desk_interactions WHERE kind = 'criteria'"
            " ORDER BY criteria_unmet"
        ).fetchall()
        stamps = connection.execute(
            "SELECT first_time FROM salescoach.desk_lead_steps ORDER BY first_time"
        ).fetchall()
    return values, [u[0] for u in unmet], [s[0] for s in stamps]


def _rows(owner: str) -> list[RowChange]:
    ada = lead(owner)
    two_unmet = {"criteria": [{"met": True}, {"met": False}, {"met": False, "applies": True},
                              {"met": False, "applies": False}]}  # fmt: skip
    return [
        ada,
        _answer(owner, ada.gid, "18000"),
        _answer(owner, ada.gid, '"not a number"'),
        _answer(owner, ada.gid, "{broken"),
        _criteria(owner, ada.gid, json.dumps(two_unmet), "2026-03-03T10:00:00", "approach"),
        _criteria(owner, ada.gid, "not json", "2026-02-30T10:00:00", "closing"),  # no such day
    ]


def test_answers_and_unmet_criteria_are_kept_and_bad_text_reads_as_nothing(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _team(hub_db, monkeypatch, version=schema.SCHEMA_VERSION)
    with team.session("alice") as alice:
        assert alice.push(_rows("alice")) == []  # nothing in them fails the push
    values, unmet, stamps = _desk(team)
    assert values == [("deal_value", 18000), ("deal_value", None), ("deal_value", None)]
    assert unmet == [2, None]
    assert stamps == [datetime(2026, 3, 3, 10, 0), None]  # 30 February is no day


def test_an_answer_changed_later_keeps_its_latest_value(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _team(hub_db, monkeypatch, version=schema.SCHEMA_VERSION)
    ada = lead("alice")
    first = _answer("alice", ada.gid, "1000")
    with team.session("alice") as alice:
        alice.push([ada, first])
        alice.push([_answer("alice", ada.gid, "2500", gid=first.gid)])
    assert _desk(team)[0] == [("deal_value", 2500)]


def test_a_version_2_hub_upgraded_fills_the_new_columns_from_its_feed(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = schema.MIGRATIONS
    team = _team(hub_db, monkeypatch, version=2)
    # Today's session checks rules a version 2 hub lacks, so the old rows go in as the manager.
    with team.session(MANAGER) as manager:
        assert manager.push(_rows("alice")) == []
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", everything[-1][0])
    with team.connect(MANAGER) as connection:
        result = admin.init_hub(connection, upgrade=True)
    assert (result.before, result.version) == (2, schema.SCHEMA_VERSION)
    values, unmet, stamps = _desk(team)
    assert values == [("deal_value", 18000), ("deal_value", None), ("deal_value", None)]
    assert unmet == [2, None]
    assert stamps == [datetime(2026, 3, 3, 10, 0), None]  # 30 February is no day


def test_a_rep_may_not_read_the_answers_desk(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _team(hub_db, monkeypatch, version=schema.SCHEMA_VERSION)
    with team.connect("alice") as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("SELECT count(*) FROM salescoach.desk_answers")


def _logged(owner: str, lead_gid: str, at: str, channel: str | None) -> RowChange:
    row = {"at": at, "kind": "note", "step": "approach", "channel": channel}
    return RowChange("interactions", str(uuid.uuid4()), lead_gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def test_lead_days_and_rows_per_day_add_up_across_pushes_and_an_upgrade(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = schema.MIGRATIONS
    team = _team(hub_db, monkeypatch, version=2)
    ada, bob = lead("alice"), lead("alice")
    with team.session(MANAGER) as manager:  # as above: the rules a version 2 hub lacks
        manager.push([ada, bob, _logged("alice", ada.gid, "2026-03-03T09:00:00", "call")])
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", everything[-1][0])
    with team.connect(MANAGER) as connection:
        admin.init_hub(connection, upgrade=True)  # the first call comes from the feed
    with team.session("alice") as alice:
        alice.push([_logged("alice", ada.gid, "2026-03-03T16:00:00", "call")])  # same lead-day
        alice.push([
            _logged("alice", bob.gid, "2026-03-03T10:00:00", "call"),
            _logged("alice", ada.gid, "2026-03-03T11:00:00", None),
            _logged("alice", ada.gid, "2026-03-04T09:00:00", "call"),
        ])  # fmt: skip
    with team.connect(MANAGER) as connection:
        counts = connection.execute(
            "SELECT day, channel, lead_days, interactions FROM salescoach.desk_day_counts"
            " ORDER BY day, channel"
        ).fetchall()
        steps = connection.execute(
            "SELECT lead_gid, first_at FROM salescoach.desk_lead_steps ORDER BY first_at"
        ).fetchall()
    assert counts == [("2026-03-03", "", 1, 1), ("2026-03-03", "call", 2, 3),
                      ("2026-03-04", "call", 1, 1)]  # fmt: skip
    assert steps == [(ada.gid, "2026-03-03T09:00:00"), (bob.gid, "2026-03-03T10:00:00")]
