"""Answers to playbook questions: checking a value against its question, and conditions.

One place decides what a valid answer is, so an answers file, a typed prompt and a default taken
from the lead are held to the same rules. Dates are kept as ISO strings (`YYYY-MM-DD`): they
are stored as JSON and compared as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.amounts import grouped, parse_amount
from salescoach.core.kernel.dates import parse_date
from salescoach.core.kernel.leadfields import clean_text
from salescoach.core.kernel.safe_text import problem
from salescoach.errors import UsageError

if TYPE_CHECKING:
    from salescoach.core.playbook.parts import AnswerValue, Condition, Question

# Answers recorded under these fields are also the lead's own columns (its temperature drives
# the SLA and the plan): the walk offers the column as the default and writes the answer back.
LEAD_COLUMN_FIELDS = {"temperature": ("cold", "warm", "qualified"), "source": None}
YES = ("yes", "y", "true", "on", "1")
NO = ("no", "n", "false", "off", "0")


def is_answered(value: Any) -> bool:
    """An answer counts as given unless it is missing, empty text or an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return True


def holds(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """Whether `condition` is true for `answers` (question id -> value)."""
    if condition.all is not None:
        return all(holds(c, answers) for c in condition.all)
    if condition.any is not None:
        return any(holds(c, answers) for c in condition.any)
    value = answers.get(condition.question or "")
    if condition.answered is not None:
        return is_answered(value) == condition.answered
    if condition.equals is not None:
        return _same(value, condition.equals)
    if condition.not_equals is not None:
        return not _same(value, condition.not_equals)
    if condition.one_of is not None:
        return any(_same(value, expected) for expected in condition.one_of)
    return False  # the model guarantees one test; nothing to hold otherwise


def _same(value: Any, expected: AnswerValue) -> bool:
    """Equality as a playbook author means it: a multichoice answer "equals" a choice it holds."""
    if value is None:
        return False
    if isinstance(value, list) and not isinstance(expected, list):
        return any(_same(item, expected) for item in value)
    if isinstance(value, list) and isinstance(expected, list):
        return sorted(map(str, value)) == sorted(map(str, expected))
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    if isinstance(value, int | float) and isinstance(expected, int | float):
        return float(value) == float(expected)
    return bool(value == expected)


def coerce(question: Question, raw: Any, today: date) -> AnswerValue:
    """`raw` as a valid answer to `question`, or ValueError saying what was expected."""
    kind = question.type
    if kind == "yesno":
        return _yesno(raw)
    if kind == "number":
        return _number(raw)
    if kind == "date":
        day = _date(raw, today)
        if question.not_in_past and day < today.isoformat():
            raise ValueError(f"{day} is in the past: give today or a later date")
        return day
    if kind == "choice":
        return _choice(question, raw)
    if kind == "multichoice":
        items = raw if isinstance(raw, list) else [raw]
        return [_choice(question, item) for item in items]
    if raw is None or isinstance(raw, bool | list | dict):
        raise ValueError("expected text")
    text = str(raw).replace("\r\n", "\n")
    if unsafe := problem(text, multiline=True):
        raise ValueError(f"the answer {unsafe}")
    return text


def _yesno(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"expected yes or no, not {raw!r}")


def _number(raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, not {raw!r}")
    if isinstance(raw, int | float):
        return raw
    return parse_amount(str(raw))


def _date(raw: Any, today: date) -> str:
    if not isinstance(raw, str | date):
        raise ValueError(f"expected a date, not {raw!r}")
    if isinstance(raw, date):
        return raw.isoformat()
    try:
        return parse_date(raw, today).isoformat()
    except UsageError as error:
        raise ValueError(f"{error.message} ({error.hint})") from None


def _choice(question: Question, raw: Any) -> str:
    choices = question.choices or []
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        text = str(raw).strip()
        for choice in choices:
            if text.lower() in (choice.lower(), humanize(choice).lower()):
                return choice
    raise ValueError(f"{raw!r} is not one of: {', '.join(choices)}")


def fit_default(question: Question, value: Any, today: date) -> AnswerValue | None:
    """A stored answer as a default for `question`, or None when it no longer fits it."""
    if not is_answered(value):
        return None
    try:
        return coerce(question, value, today)
    except ValueError:
        return None


def lead_column_value(field: str, value: Any) -> str | None:
    """The value to write to the lead's column for an answer under `field`, if any."""
    if field not in LEAD_COLUMN_FIELDS or not isinstance(value, str) or not value.strip():
        return None
    allowed = LEAD_COLUMN_FIELDS[field]
    if allowed is not None:
        return value if value in allowed else None
    try:  # the column obeys the lead field rules; the answer itself is kept either way
        clean_text(field, value)
    except UsageError:
        return None
    return value


def humanize(choice: str) -> str:
    """A choice id as a person reads it: `restaurant_cafe` -> `restaurant cafe`."""
    return choice.replace("_", " ")


def show(value: Any, question: Question | None = None) -> str:
    """An answer as one short line of text; choice ids read as words."""
    choice = question is not None and question.type in ("choice", "multichoice")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(humanize(str(v)) if choice else str(v) for v in value) or "none"
    if isinstance(value, int | float):
        return grouped(value)
    return humanize(value) if choice and isinstance(value, str) else str(value)
