"""Whatever text or YAML document an author writes, the loader answers with a PlaybookError
or a playbook, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescoach.core.playbook.loader import load_file
from salescoach.errors import PlaybookError

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["no", "yes", "9:30", "0o17", "1_000", "~", "prospecting", "text", "price"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "steps",
            "id",
            "goal",
            "guidance",
            "questions",
            "type",
            "when",
            "extends",
            "objections",
            "phrasings",
            "responses",
            "stages",
            "question",
            "equals",
            "cadences",
        ]
    ),
    st.text(min_size=1, max_size=10),
)
documents: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def _load(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "p.yaml"
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_file(file, [])
        except PlaybookError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _load(text.encode("utf-8", errors="replace"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    _load(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_yaml_documents(document: Any) -> None:
    _load(yaml.safe_dump(document, allow_unicode=True))
