"""`team plan`'s SLA lists are read in the plan's order from hub migration 11's index: the
oldest few, without sorting every breach of the team."""

from __future__ import annotations

from datetime import date

from salescoach.hub import desk_plan_queries
from tests.support.desk import lead_row
from tests.support.hub import MANAGER, make_team
from tests.support.postgres import HubDatabase

TODAY = date(2026, 3, 11)


def test_the_oldest_sla_leads_come_from_the_index_in_order(hub_db: HubDatabase) -> None:
    team = make_team(hub_db)
    # Names that sort one way by code point and another in a language's collation.
    leads = [
        lead_row("alice", name, sla_due=due)
        for name, due in (("b", "2026-03-01"), ("B", "2026-03-01"), ("a", "2026-03-12"),
                          ("Z", "2026-03-11"), ("é", "2026-02-20"), (None, "2026-03-01"))
    ]  # fmt: skip
    with team.session("alice") as alice:
        assert alice.push(leads) == []
    with team.connect(MANAGER) as connection:
        shown = desk_plan_queries.plan_rows(connection, TODAY, shown=2)
        everything = desk_plan_queries.plan_rows(connection, TODAY)
        # However small the table, a plan that reads the index needs no sort.
        connection.execute("SET enable_seqscan = off")
        connection.execute("SET enable_bitmapscan = off")
        params = {"today": TODAY.isoformat(), "soon": "2026-03-12", "listed": 2}
        plan = "\n".join(
            row[0] for row in connection.execute(f"EXPLAIN {desk_plan_queries._SLA_OLDEST}", params)
        )
    assert "desk_lead_facts_sla_order" in plan and "Sort" not in plan, plan
    assert [(r["name"], r["day"]) for r in shown["sla"]] == [
        ("é", "2026-02-20"), (None, "2026-03-01"), ("Z", "2026-03-11"), ("a", "2026-03-12"),
    ]  # fmt: skip

    def order(row: dict[str, str]) -> tuple[str, str, str]:
        return (row["day"] or "", row["name"] or "", row["gid"])

    oldest = sorted(everything["sla"], key=order)
    breached = [r for r in oldest if r["day"] < TODAY.isoformat()]
    soon = [r for r in oldest if r["day"] >= TODAY.isoformat()]
    assert shown["sla"] == breached[:2] + soon[:2]
    assert shown["sla_counts"] == everything["sla_counts"] == {"alice": (4, 2)}
