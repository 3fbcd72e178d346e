"""Values that need no coercion skip Typer's pydantic adapters; every value comes out the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
import typer

from salescoach.cli.app import _light_coercion

SEEN: dict[str, Any] = {}


def _command(light: bool) -> Any:
    app = typer.Typer(add_completion=False)

    @app.command()
    def probe(
        words: Annotated[list[str] | None, typer.Argument()] = None,
        name: Annotated[str | None, typer.Option("--name")] = None,
        top: Annotated[int, typer.Option("--top", min=1, max=100)] = 3,
        file: Annotated[Path | None, typer.Option("--file")] = None,
        flag: Annotated[bool, typer.Option("--flag")] = False,
    ) -> None:
        SEEN.clear()
        SEEN.update(words=words, name=name, top=top, file=file, flag=flag)

    command = typer.main.get_command(app)
    if light:
        _light_coercion(command)
    return command


def _parsed(light: bool, args: list[str]) -> dict[str, Any] | str:
    try:
        _command(light).main(args, standalone_mode=False)
    except typer.BadParameter as error:  # click's UsageError subclasses, as Typer raises them
        return error.format_message()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return dict(SEEN)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["too", "expensive"],
        ["--name", "Ada", "--flag"],
        ["--top", "5"],
        ["--top", "0"],
        ["--top", "100"],
        ["--top", "101"],
        ["--top", "05"],
        ["--top", "-5"],
        ["--top", "+5"],
        ["--top", " 5"],
        ["--top", "٥"],
        ["--top", "99999999999999999999"],
        ["--top", "many"],
        ["--file", "answers.yaml"],
        ["x", "--name", "", "--top", "100"],
    ],
)
def test_every_value_is_what_typer_alone_makes_of_it(args: list[str]) -> None:
    assert _parsed(True, args) == _parsed(False, args)


def test_plain_values_build_no_adapter(monkeypatch: pytest.MonkeyPatch) -> None:
    command = _command(True)
    built: list[str] = []
    for param in command.params:
        heavy = param.get_runtime_param.args[0]._heavy
        monkeypatch.setattr(
            param.get_runtime_param.args[0],
            "_heavy",
            lambda heavy=heavy, name=param.name: built.append(name) or heavy(),
        )
    command.main(["too", "expensive", "--name", "Ada"], standalone_mode=False)
    assert built == []
    assert SEEN["words"] == ["too", "expensive"] and SEEN["top"] == 3
    command.main(["--top", "7"], standalone_mode=False)
    assert built == [] and SEEN["top"] == 7  # a whole number within its bounds
    with pytest.raises(typer.BadParameter):
        command.main(["--top", "0"], standalone_mode=False)
    assert built == ["top"]  # out of bounds: Typer's own check says why
