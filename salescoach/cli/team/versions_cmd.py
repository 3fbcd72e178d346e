"""`team report --by-playbook-version`: the playbook versions side by side."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.core.kernel.periods import Span
    from salescoach.ui.console import Terminal


def report_by_version(term: Terminal, span: Span, today: date, chosen: str, narrowed: bool) -> None:
    from salescoach.actions.desk_coaching import playbook_versions_report
    from salescoach.errors import UsageError
    from salescoach.ui.team.team_view import password_prompt

    if chosen == "html" or narrowed:
        raise UsageError(
            "--by-playbook-version compares the whole team's walks: it takes --period and "
            "--json or --format text|json|markdown, not --rep, --format html or -o"
        )
    data = playbook_versions_report(span, today, prompt=lambda role: password_prompt(term, role))
    if chosen == "json":
        term.json(data)
    elif chosen == "markdown":
        from salescoach.ui.team.versions_view import versions_markdown

        term.stdout.write(versions_markdown(data))
    else:
        from salescoach.ui.team.versions_view import render_versions

        render_versions(term.out, data)
