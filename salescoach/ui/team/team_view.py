"""What the team commands say, and the password prompt they hand to the hub."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salescoach.ui.console import Terminal


def password_prompt(term: Terminal, role: str) -> Callable[[], str] | None:
    """Asks for `role`'s password on the terminal, without echo; None when no one can be
    asked (the hub's error then says where libpq looks for one)."""
    if not term.interactive:
        return None

    def ask() -> str:
        import getpass

        return getpass.getpass(f"password of role {role} on the hub: ")

    return ask


def invite_lines(rep: str, password: str, url: str, pgpass_line: str) -> list[str]:
    """The one time a new rep's password is shown: what the manager passes on, privately."""
    return [
        f"rep {rep} can join the hub. Pass this on privately; the password is not shown again:",
        "",
        f"  salescoach team join '{url}' --as {rep}",
        f"  password: {password}",
        "",
        "Keep the password in your pgpass file (~/.pgpass, mode 0600), as the line:",
        f"  {pgpass_line}",
        "or type it when salescoach asks; never put it in the URL.",
    ]
