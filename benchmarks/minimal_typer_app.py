"""The baseline for benchmarks: a Typer app with one command that prints a line."""

import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a line."""
    typer.echo("hello")


if __name__ == "__main__":
    app()
