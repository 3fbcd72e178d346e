"""The report at 80 columns: the objections table keeps each family id whole (seen cut to
`authori…` and `budget_…` in an 80x24 terminal)."""

from __future__ import annotations

from rich.console import Console

from salescoach.ui.reporting import report_view


def _row(family: str) -> dict[str, object]:
    return {"family": family, "raised": 1, "resolved": 0, "partly": 1, "not_resolved": 0,
            "unrecorded": 0, "resolution_rate": 0.0}  # fmt: skip


def test_objection_families_are_not_cut_at_80_columns() -> None:
    rows = [_row(f) for f in ("authority", "budget_freeze", "status_quo", "implementation")]
    console = Console(record=True, width=80, color_system=None)
    console.print(report_view._objections(rows))  # type: ignore[arg-type]
    shown = console.export_text()
    for family in ("authority", "budget_freeze", "status_quo", "implementation"):
        assert family in shown
    assert max(len(line) for line in shown.splitlines()) <= 80
