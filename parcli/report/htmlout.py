"""The HTML report's writer: the page :mod:`parcli.htmlreport` renders, streamed into the file."""

from __future__ import annotations

from . import Writer


class HtmlWriter(Writer):
    """The page for leaders (report)."""

    def report(self, fh, collected, previous=None, tick=None) -> None:
        from ..htmlreport import render

        render(collected, fh, self.lang, self.locale, previous, tick)
