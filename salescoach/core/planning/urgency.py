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
|             |      | 0.5, follow-up 0.4, approach 0.3, preparation 0.2, prospecting 0.1    |
| temperature | 3.0  | qualified 1, warm 0.5, cold 0                                         |
| age         | 2.0  | days since the task was made / 30, capped at 1                        |

Every term is a plain function of dates and a few lead columns, so the store can compute the
same number in SQL to sort thousands of tasks without loading them (see `store.task_queries`);
a test holds the two to agreement. `score` returns the terms so `tasks --explain` can show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
TEMPERATURE_VALUES: dict[str, float] = {"qualified": 1.0, "warm": 0.5, "cold": 0.0}
SLA_BROKEN, SLA_TODAY, SLA_TOMORROW = 1.0, 0.75, 0.25


@dataclass(frozen=True)
class UrgencyInput:
    """What the score reads: the task's dates and priority, and its lead's state."""

    due: date
    created: date
    priority: str
    temperature: str
    step: str
    lead_open: bool
    contacted: bool  # the lead has had a first contact
    sla_due: date | None


@dataclass(frozen=True)
class Term:
    name: str
    value: float
    coefficient: float
    detail: str

    @property
    def contribution(self) -> float:
        return self.coefficient * self.value


@dataclass(frozen=True)
class Urgency:
    total: float
    terms: tuple[Term, ...]


def overdue_value(days_late: int) -> float:
    return min(max(days_late, 0), OVERDUE_CAP_DAYS) / float(OVERDUE_CAP_DAYS)


def due_value(days_late: int) -> float:
    if days_late >= 0:
        return 1.0
    return max(0.0, 1.0 + days_late / float(DUE_SOON_DAYS))


def sla_value(item: UrgencyInput, today: date) -> float:
    if item.contacted or not item.lead_open or item.sla_due is None:
        return 0.0
    ahead = (item.sla_due - today).days
    if ahead < 0:
        return SLA_BROKEN
    return {0: SLA_TODAY, 1: SLA_TOMORROW}.get(ahead, 0.0)


def age_value(age_days: int) -> float:
    return min(max(age_days, 0), AGE_CAP_DAYS) / float(AGE_CAP_DAYS)


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


def score(item: UrgencyInput, today: date) -> Urgency:
    """The urgency of one task on `today`, with each term that makes it up."""
    days_late = (today - item.due).days
    age = (today - item.created).days
    sla = sla_value(item, today)
    values = {
        "overdue": (overdue_value(days_late), due_phrase(days_late)),
        "due": (due_value(days_late), due_phrase(days_late)),
        "sla": (sla, _sla_phrase(sla, item.sla_due)),
        "priority": (PRIORITY_VALUES.get(item.priority, 0.0), f"{item.priority} priority"),
        "stage": (STAGE_VALUES.get(item.step, 0.0), f"deal at {item.step.replace('_', '-')}"),
        "temperature": (TEMPERATURE_VALUES.get(item.temperature, 0.0), f"{item.temperature} lead"),
        "age": (age_value(age), f"task open {age} day{'s' if age != 1 else ''}"),
    }
    terms = tuple(
        Term(name, values[name][0], COEFFICIENTS[name], values[name][1]) for name in TERM_ORDER
    )
    total = 0.0
    for term in terms:  # summed in TERM_ORDER, the same order as the SQL expression
        total += term.contribution
    return Urgency(total=total, terms=terms)


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
