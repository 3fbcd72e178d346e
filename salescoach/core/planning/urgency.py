"""How urgent a follow-up task is: a weighted sum of small terms, in the spirit of taskwarrior.

    urgency = sum(coefficient x value)   where every value is between 0 and 1

| term        | coef | value                                                                 |
|-------------|------|-----------------------------------------------------------------------|
| overdue     | 10.0 | days past due / 14, capped at 1 (two weeks late is as bad as it gets) |
| due         | 6.0  | 1 when due today or earlier; falls linearly to 0 seven days ahead     |
| sla         | 8.0  | lead not contacted yet: first-contact SLA broken 1, due today 0.75,   |
|             |      | due tomorrow 0.25                                                     |
| priority    | 6.0  | high 1, normal 0.4, low 0                                             |
| stage       | 4.0  | how far the deal has come: closing 1, objections 0.7, presentation    |
|             |      | 0.5, follow-up 0.4, approach 0.3, preparation 0.2, prospecting 0.1;   |
|             |      | a closed deal by its status, whatever its step: won 0.4 (the          |
|             |      | follow-up after the win), lost 0.1 (a revisit is prospecting again)   |
| temperature | 3.0  | an open deal: qualified 1, warm 0.5, cold 0; a closed deal 0          |
| age         | 2.0  | days since the task was made / 30, capped at 1                        |

`term_values` is the formula and `total_of` its sum. The store registers `total_of` as a
deterministic SQLite function (see `store.sql_functions`), so SQL sorts thousands of tasks by
this very code without loading them. `score` returns the terms so `tasks --explain` can show
them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from salescoach.core.kernel.slotted import HashedSlotted

COEFFICIENTS: dict[str, float] = {
    "overdue": 10.0,
    "due": 6.0,
    "sla": 8.0,
    "priority": 6.0,
    "stage": 4.0,
    "temperature": 3.0,
    "age": 2.0,
}
TERM_ORDER: tuple[str, ...] = tuple(COEFFICIENTS)
OVERDUE_CAP_DAYS = 14
DUE_SOON_DAYS = 7
AGE_CAP_DAYS = 30
PRIORITY_VALUES: dict[str, float] = {"high": 1.0, "normal": 0.4, "low": 0.0}
STAGE_VALUES: dict[str, float] = {
    "prospecting": 0.1,
    "preparation": 0.2,
    "approach": 0.3,
    "presentation": 0.5,
    "objections": 0.7,
    "closing": 1.0,
    "follow_up": 0.4,
}
# A won deal left at closing is not a deal about to close: its tasks weigh as follow-up.
CLOSED_STAGE_VALUES: dict[str, float] = {"won": 0.4, "lost": 0.1, "archived": 0.0}
TEMPERATURE_VALUES: dict[str, float] = {"qualified": 1.0, "warm": 0.5, "cold": 0.0}
SLA_BROKEN, SLA_TODAY, SLA_TOMORROW = 1.0, 0.75, 0.25
_SLA_AHEAD: dict[int, float] = {0: SLA_TODAY, 1: SLA_TOMORROW}
_W_OVERDUE, _W_DUE, _W_SLA, _W_PRIORITY, _W_STAGE, _W_TEMPERATURE, _W_AGE = (
    COEFFICIENTS[name] for name in TERM_ORDER
)
_OVERDUE_CAP, _DUE_SOON, _AGE_CAP = (
    float(days) for days in (OVERDUE_CAP_DAYS, DUE_SOON_DAYS, AGE_CAP_DAYS)
)


class UrgencyInput(HashedSlotted):
    """What the score reads: the task's dates and priority, and its lead's state."""

    __slots__ = (  # noqa: RUF023
        "due",
        "created",
        "priority",
        "temperature",
        "step",
        "lead_status",
        "contacted",
        "sla_due",
    )

    def __init__(
        self,
        due: date,
        created: date,
        priority: str,
        temperature: str,
        step: str,
        lead_status: str,
        contacted: bool,
        sla_due: date | None,
    ) -> None:
        self.due = due
        self.created = created
        self.priority = priority
        self.temperature = temperature
        self.step = step
        self.lead_status = lead_status  # open, won, lost or archived
        self.contacted = contacted  # the lead has had a first contact
        self.sla_due = sla_due


class Term(HashedSlotted):
    __slots__ = ("name", "value", "coefficient", "detail")  # noqa: RUF023

    def __init__(
        self,
        name: str,
        value: float,
        coefficient: float,
        detail: str,
    ) -> None:
        self.name = name
        self.value = value
        self.coefficient = coefficient
        self.detail = detail

    @property
    def contribution(self) -> float:
        return self.coefficient * self.value


class Urgency(HashedSlotted):
    __slots__ = ("total", "terms")  # noqa: RUF023

    def __init__(
        self,
        total: float,
        terms: tuple[Term, ...],
    ) -> None:
        self.total = total
        self.terms = terms


def due_phrase(days_late: int) -> str:
    if days_late > 0:
        return f"{days_late} day{'s' if days_late != 1 else ''} overdue"
    if days_late == 0:
        return "due today"
    if days_late == -1:
        return "due tomorrow"
    return f"due in {-days_late} days"  # two or more: -1 is "tomorrow" above


def _sla_phrase(value: float, sla_due: date | None) -> str:
    if value == SLA_BROKEN:
        return f"first-contact SLA broken (was due {sla_due})"
    if value == SLA_TODAY:
        return "first-contact SLA due today"
    if value == SLA_TOMORROW:
        return "first-contact SLA due tomorrow"
    return "no SLA pressure"


def _stage_phrase(step: str, lead_status: str) -> str:
    if lead_status == "open":
        return f"deal at {step.replace('_', '-')}"
    return f"{lead_status} deal"


def term_values(
    days_late: int,
    age_days: int,
    priority: str,
    temperature: str,
    step: str,
    lead_status: str,
    contacted: bool,
    sla_ahead: int | None,
) -> tuple[float, float, float, float, float, float, float]:
    """The formula: every term's value, in TERM_ORDER, from day counts and the lead's state.

    `sla_ahead`: days from today to the first-contact SLA (negative: broken; None: no SLA).
    Written with conditional expressions rather than min/max and helper calls: SQL calls it
    once for every task it sorts, and this runs in a third of the time."""
    late = 0 if days_late < 0 else days_late
    age = 0 if age_days < 0 else age_days
    lead_open = lead_status == "open"
    if contacted or not lead_open or sla_ahead is None:
        sla = 0.0
    elif sla_ahead < 0:
        sla = SLA_BROKEN
    else:
        sla = _SLA_AHEAD.get(sla_ahead, 0.0)
    return (
        (late if late < OVERDUE_CAP_DAYS else OVERDUE_CAP_DAYS) / _OVERDUE_CAP,
        1.0 if days_late >= 0 else max(0.0, 1.0 + days_late / _DUE_SOON),
        sla,
        PRIORITY_VALUES.get(priority, 0.0),
        STAGE_VALUES.get(step, 0.0) if lead_open else CLOSED_STAGE_VALUES.get(lead_status, 0.0),
        # How warm a lead is says how likely an open deal is to close; a closed one has closed.
        TEMPERATURE_VALUES.get(temperature, 0.0) if lead_open else 0.0,
        (age if age < AGE_CAP_DAYS else AGE_CAP_DAYS) / _AGE_CAP,
    )


def _weighted(values: tuple[float, float, float, float, float, float, float]) -> float:
    overdue, due, sla, priority, stage, temperature, age = values
    # Added left to right in TERM_ORDER (not sum(), which compensates rounding from 3.12 on),
    # so a total is the same number on every Python.
    return (
        _W_OVERDUE * overdue
        + _W_DUE * due
        + _W_SLA * sla
        + _W_PRIORITY * priority
        + _W_STAGE * stage
        + _W_TEMPERATURE * temperature
        + _W_AGE * age
    )


def total_of(*inputs: Any) -> float:
    """The urgency total from `term_values`' arguments: what the store sorts by (SQL calls this
    function once per task) and what `score` shows."""
    return _weighted(term_values(*inputs))


# What lets the store rank thousands of open tasks by reading only a few (store.task_rank):
# the urgency is the day terms (the due date against today), the terms that do not depend on
# the day (`lasting`), and at most AGE_MOST for the task's age and SLA_MOST for an SLA due
# within SLA_PRESSURE_DAYS (none later).
AGE_MOST = _W_AGE * 1.0
SLA_MOST = _W_SLA * SLA_BROKEN
SLA_PRESSURE_DAYS = max(_SLA_AHEAD)


def day_terms(days_late: int) -> float:
    """The overdue and due terms: never smaller for a task more days late."""
    values = term_values(days_late, 0, "", "", "", "open", True, None)
    return _W_OVERDUE * values[0] + _W_DUE * values[1]


def lasting(priority: str, temperature: str, step: str, lead_status: str) -> float:
    """The priority, stage and temperature terms, which do not change with the day."""
    values = term_values(0, 0, priority, temperature, step, lead_status, True, None)
    return _W_PRIORITY * values[3] + _W_STAGE * values[4] + _W_TEMPERATURE * values[5]


def score(item: UrgencyInput, today: date) -> Urgency:
    """The urgency of one task on `today`, with each term that makes it up."""
    days_late, age = (today - item.due).days, (today - item.created).days
    sla_ahead = None if item.sla_due is None else (item.sla_due - today).days
    values = term_values(
        days_late,
        age,
        item.priority,
        item.temperature,
        item.step,
        item.lead_status,
        item.contacted,
        sla_ahead,
    )
    details = (
        due_phrase(days_late),
        due_phrase(days_late),
        _sla_phrase(values[2], item.sla_due),
        f"{item.priority} priority",
        _stage_phrase(item.step, item.lead_status),
        f"{item.temperature} lead" if item.lead_status == "open" else "deal closed",
        f"task open {age} day{'s' if age != 1 else ''}",
    )
    terms = tuple(
        Term(name, value, COEFFICIENTS[name], detail)
        for name, value, detail in zip(TERM_ORDER, values, details, strict=True)
    )
    return Urgency(total=_weighted(values), terms=terms)


def why(urgency: Urgency, *, most: int = 3) -> str:
    """One line saying why a task is where it is: its due state, then the strongest reasons."""
    by_name = {t.name: t for t in urgency.terms}
    phrases = [by_name["due"].detail]
    reasons = sorted((t for t in urgency.terms if _is_reason(t)), key=lambda t: -t.contribution)
    phrases += [t.detail for t in reasons[: most - 1]]
    return " · ".join(phrases)


def _is_reason(term: Term) -> bool:
    if term.name in ("overdue", "due") or term.contribution <= 0:
        return False
    return term.name != "priority" or term.value >= 1.0  # "normal priority" is not a reason
