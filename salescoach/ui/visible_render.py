"""The rich side of showing stored text safely: every console a `Terminal` makes renders
through `VisibleText`, which shows each unsafe character of the text as an escape
(salescoach.core.kernel.safe_text.visible) and drops any hyperlink, after the views have laid
it out. Rich's own styles and cursor controls are not text and pass as they are; no view of
salescoach makes links, so a link can only come from markup smuggled into stored text.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook
from rich.segment import Segment

from salescoach.core.kernel.safe_text import visible


class VisibleText(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Visible(r) for r in renderables]


class _Visible:
    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inner, options):
            text, style, control = segment
            if control:
                yield segment
                continue
            if style is not None and style.link:
                style = style.update_link(None)
            yield Segment(visible(text), style)
