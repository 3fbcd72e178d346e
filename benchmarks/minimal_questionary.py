"""The baseline for the walk's benchmark: a script that asks two questions with questionary,
the first a checkbox (as the walk's first question in the benchmark is), then a text."""

import questionary

questionary.checkbox("Which personas attended?", choices=["finance", "it", "end user"]).ask()
questionary.text("What did they say?").ask()
