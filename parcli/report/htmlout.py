"""The HTML report's writer: the page :mod:`parcli.htmlreport` builds, as a file."""

from __future__ import annotations

from . import Writer


class HtmlWriter(Writer):
    name = "HTML"

    def report(self, fh, results, previous=None) -> None:
        from ..htmlreport import build

        fh.write(build(results, self.lang, self.locale, previous).encode("utf-8"))
