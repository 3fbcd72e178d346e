"""Every JSON output salescoach publishes: its name, version, what it is and which commands
print it, with its JSON Schema generated from its type (never written by hand).

Each output's type is a TypedDict beside the code that builds it (`shapes.py` in each
capability); its `schema` and `version` keys are `Literal`s, and this catalogue reads the
name and version from them, so the type is the only place either is written. The playbook
format is published from its pydantic model.

Listing imports no pydantic. A schema is generated only when asked for (`salescoach schema
NAME`, `report --schema`, the tests): the commands that print JSON never import this module.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from typing import Any, Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.shapes import (
    HistoryEntryJSON,
    InteractionJSON,
    LeadJSON,
    LeadSummaryJSON,
    LogsStatusJSON,
    PathsJSON,
    RestoreJSON,
)
from salescoach.core.leads.shapes import LeadDetailJSON, LeadImportJSON
from salescoach.core.objections.shapes import ObjectionAnswerJSON, ObjectionStatsJSON
from salescoach.core.planning.shapes import PlanJSON, TaskJSON
from salescoach.core.playbook.shapes import PlaybookEntryJSON
from salescoach.core.reporting.shapes import GoalJSON, ReportJSON
from salescoach.core.review.scorecard_types import Scorecard
from salescoach.core.sync.shapes import SyncJSON, TeamStatusJSON
from salescoach.core.team.shapes import (
    TeamImportJSON,
    TeamPlanJSON,
    TeamReportJSON,
    TeamVersionsJSON,
)
from salescoach.core.training.shapes import TrainHistoryJSON, TrainRunJSON
from salescoach.core.walk.shapes import BriefJSON, WalkRecordJSON
from salescoach.errors import UsageError

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
PLAYBOOK = "playbook"
PLAYBOOK_VERSION = 1  # the playbook format; its files carry no version key


class SchemaEntry(TypedDict):
    name: str
    version: int
    summary: str
    printed_by: list[str]


class SchemasJSON(TypedDict):
    """The published JSON outputs: `schema --json`."""

    schema: Literal["schemas"]
    version: Literal[1]
    schemas: list[SchemaEntry]


@dataclass(frozen=True)
class Published:
    name: str
    version: int
    summary: str
    printed_by: tuple[str, ...]
    shape: Any  # the TypedDict; None for the playbook (its pydantic model)


def _tag(shape: Any, key: str) -> Any:
    """The value of the `Literal` a published TypedDict declares for `key`."""
    (value,) = typing.get_args(typing.get_type_hints(shape)[key])
    return value


def _entry(shape: Any, summary: str, *printed_by: str) -> Published:
    return Published(_tag(shape, "schema"), _tag(shape, "version"), summary, printed_by, shape)


CATALOGUE: tuple[Published, ...] = (
    _entry(PlanJSON, "today's plan: follow-ups, SLAs, calls, stale deals", "plan --format json"),
    _entry(
        TaskJSON,
        "a follow-up task",
        "tasks --json [array]",
        "tasks add|done|snooze|drop|reopen|edit --json",
    ),
    _entry(ReportJSON, "activity, funnel, SLA, objections, training, goals", "report --json"),
    _entry(GoalJSON, "a goal and its progress", "goal list --json [array]"),
    _entry(LeadJSON, "a lead with its answers", "lead add|edit|stage|archive --json"),
    _entry(LeadSummaryJSON, "a lead without its answers", "lead list --json [array]"),
    _entry(LeadDetailJSON, "a lead with criteria, open tasks, timeline", "lead show --json"),
    _entry(LeadImportJSON, "what a CSV import added, skipped, refused", "lead import --json"),
    _entry(InteractionJSON, "the interaction just logged", "log --json"),
    _entry(HistoryEntryJSON, "an interaction with its lead's label", "history --json [array]"),
    _entry(WalkRecordJSON, "what one guided walk recorded", "walk --json"),
    _entry(BriefJSON, "the pre-call brief, untruncated", "prep --json"),
    _entry(
        ObjectionAnswerJSON,
        "the families that fit the buyer's words",
        "objection --json [array for lines on stdin]",
    ),
    _entry(
        ObjectionStatsJSON, "objections logged: where, how they went", "objections stats --json"
    ),
    _entry(Scorecard, "a call's scorecard from its transcript", "review --json"),
    _entry(TrainRunJSON, "one drill run's scores", "train [objections|steps|scenario] --json"),
    _entry(TrainHistoryJSON, "scores over time, weakest families", "train history --json"),
    _entry(PlaybookEntryJSON, "a playbook on the search path", "playbook list --json [array]"),
    Published(
        PLAYBOOK,
        PLAYBOOK_VERSION,
        "the playbook format (YAML files)",
        ("playbook show --json",),
        None,
    ),
    _entry(PathsJSON, "where salescoach keeps things", "paths --json"),
    _entry(LogsStatusJSON, "whether interactions are logged", "logs status --json"),
    _entry(RestoreJSON, "rows restored into each table", "import --json"),
    _entry(SyncJSON, "what one sync with the team hub pushed and pulled", "sync --json"),
    _entry(
        TeamStatusJSON, "the team hub, the rep, the last sync, what waits", "team status --json"
    ),
    _entry(TeamReportJSON, "every rep side by side and the team's total", "team report --json"),
    _entry(TeamPlanJSON, "what needs the manager today", "team plan --json"),
    _entry(TeamImportJSON, "marketing's leads routed to reps", "team import --json"),
    _entry(
        TeamVersionsJSON,
        "win rate and days per step per playbook version",
        "team report --by-playbook-version --json",
    ),
    _entry(SchemasJSON, "this list", "schema --json"),
)


def find(name: str) -> Published:
    for entry in CATALOGUE:
        if entry.name == name:
            return entry
    raise UsageError(
        f"no published schema {name!r}", hint="schemas: " + ", ".join(e.name for e in CATALOGUE)
    )


def listing() -> SchemasJSON:
    return {
        "schema": "schemas",
        "version": 1,
        "schemas": [
            {
                "name": e.name,
                "version": e.version,
                "summary": e.summary,
                "printed_by": list(e.printed_by),
            }
            for e in CATALOGUE
        ],
    }


def json_schema(name: str, *, strict: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the output `name`.

    Published schemas leave objects open, so a schema keeps accepting the output of a later
    release of the same version (which may add fields). `strict` closes every object
    (`additionalProperties: false`): the contract tests use it to catch a printed key that the
    type does not declare."""
    entry = find(name)
    if entry.shape is None:
        from salescoach.core.playbook.schema import playbook_schema

        return playbook_schema()
    from pydantic import TypeAdapter

    schema: dict[str, Any] = TypeAdapter(entry.shape).json_schema(
        ref_template="#/definitions/{model}", schema_generator=_generator(strict)
    )
    definitions = schema.pop("$defs", None)
    result: dict[str, Any] = {
        "$schema": DRAFT_07,
        "$id": f"https://salescoach.invalid/schemas/{entry.name}-v{entry.version}.json",
        **schema,
        "title": f"salescoach {entry.name}, version {entry.version}",
    }
    if definitions:
        result["definitions"] = definitions
    return result


def json_schema_text(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, sort_keys=True) + "\n"


def _generator(strict: bool) -> Any:
    from pydantic.json_schema import GenerateJsonSchema

    class Generator(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            return False  # a field's title would only repeat its key

        def typed_dict_schema(self, schema: Any) -> Any:
            result = super().typed_dict_schema(schema)
            if strict:
                result["additionalProperties"] = False
            return result

    return Generator
