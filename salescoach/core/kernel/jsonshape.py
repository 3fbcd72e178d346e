"""Building blocks for the typed JSON outputs (`--json`): the TypedDicts in each capability's
`shapes.py` are written with these, and their JSON Schemas are generated from them.

Every published output names itself with two keys, `schema` (its name, as `salescoach schema
NAME` knows it) and `version` (an integer, raised only by a breaking change). A listing prints
an array of such records. The `shapes.py` modules, and this one, are imported at run time only
by the schema generator (`salescoach.core.published`), which reads `Keywords`; the code that
builds and prints the outputs imports them for type checking only.
"""

from __future__ import annotations

from typing import Annotated, Any

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"


class Keywords:
    """Extra JSON Schema keywords for one field, e.g. `Annotated[int, Keywords(minimum=0)]`.

    pydantic calls `__get_pydantic_json_schema__` on annotation metadata while it writes a
    schema, so the constraint lives beside the field it constrains."""

    def __init__(self, **keywords: Any) -> None:
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema

    def __repr__(self) -> str:
        return f"Keywords({self.keywords!r})"


def one_of(values: tuple[str, ...]) -> Keywords:
    """A text field that takes one of a vocabulary's words."""
    return Keywords(enum=list(values))


Day = Annotated[str, Keywords(format="date", pattern=DATE_PATTERN)]
"""A date as ISO 8601 text, 2026-03-11."""

Moment = Annotated[str, Keywords(format="date-time", pattern=MOMENT_PATTERN)]
"""A moment as ISO 8601 text with its UTC offset, 2026-03-11T14:30:00+01:00."""

Count = Annotated[int, Keywords(minimum=0)]
Share = Annotated[float, Keywords(minimum=0)]
"""A ratio (0.25 is a quarter); some, such as a goal's progress, may exceed 1."""

AnswerValue = bool | int | float | str | list[str]
"""A value recorded by a playbook question (its type decides which)."""
