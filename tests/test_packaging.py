"""A non-editable install (`pip install .`, the README's quick start) ships every package:
setuptools installs only those pyproject.toml lists, so one left out installs fine and then
fails on its first import."""

from __future__ import annotations

import tomllib

from tests.support.paths import ROOT


def test_every_package_is_listed_for_installation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"]) - set(config.get("package-dir", {}))
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "salescoach").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - found == set(), "these packages no longer exist"
