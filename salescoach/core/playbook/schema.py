"""The playbook JSON Schema (draft-07, what editors' YAML language servers read), made from the
same pydantic model the validator uses."""

from __future__ import annotations

import json
from typing import Any

from salescoach.core.playbook.model import Playbook

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def playbook_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    result: dict[str, Any] = {
        "$schema": DRAFT_07,
        **schema,
    }
    if definitions:
        result["definitions"] = definitions
    return result


def playbook_schema_text() -> str:
    return json.dumps(playbook_schema(), indent=2, sort_keys=True) + "\n"
