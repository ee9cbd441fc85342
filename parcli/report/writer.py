"""The writer interface and the one table of formats: what a format declares, and what its writer does.

A format is one entry of :data:`WRITERS` (its name, its suffixes, its module, what it writes, whether it
is text for standard output) and one module of ``parcli/report/`` holding a subclass of :class:`Writer`
with the method of each thing it writes. Commands never name a format: their
``--format`` choices, the suffixes their help and messages list and the writer ``-o`` chooses all
come from the table, so a new format is its module and its entry (CONTRIBUTING.md).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from ..errors import UsageError
from ..i18n import tr

# What a command writes (a format declares which of these it can write):
RESULTS = "results"    # every leaf of every unit (export, score --format)
RANKING = "ranking"    # one row per unit (rank -o)
UNIT = "unit"          # one unit's evidence (convert, plan --apply)
TEMPLATE = "template"  # a blank unit to fill (template -o)
REPORT = "report"      # the page for leaders (report -o)
PLAN = "plan"          # an improvement plan (plan --format)
SURVEY = "survey"      # survey indices with their intervals, one unit a row or object (survey -o)

# The method a writer has for each thing it writes.
METHODS = {RESULTS: "results", RANKING: "ranking", UNIT: "unit", TEMPLATE: "template", REPORT: "report",
           PLAN: "plan", SURVEY: "survey"}


class Writer:
    """Writes to a binary file handle in one format. A format writes what its entry in
    :data:`WRITERS` declares (its ``capabilities``), and has the method of each:
    :meth:`results`, :meth:`ranking`, :meth:`unit`, :meth:`template`, :meth:`report`, :meth:`plan`,
    :meth:`survey`.
    The base methods refuse (a usage error naming the formats that do write it)."""

    # Set from the format's entry when the writer is made (parcli.report.writer_of):
    format: str = ""  # the table's key, the --format choice ("csv")
    name: str = ""  # the format as people read it ("CSV")
    suffixes: tuple[str, ...] = ()
    capabilities: frozenset[str] = frozenset()
    lang = "vi"  # what people read (XLSX headers, forms, templates; CSV and JSON stay English)
    locale = "en"  # the numbers of formats that follow it (CSV with vi: what a vi-VN spreadsheet opens)
    ranking_shows_leaves = False  # its ranking also shows every unit's leaves (needs the full summaries)
    ranks_results = False  # its results also rank the units (a workbook's ranking sheet)
    framework_beside = False  # it names a framework file by its name alone (a form reads only a file beside it)

    @classmethod
    def lacking(cls, capabilities) -> list[str]:
        """The methods this class lacks for ``capabilities`` (a table entry that promises more than its
        writer does is refused when the writer is made)."""
        return [METHODS[what] for what in sorted(capabilities)
                if getattr(cls, METHODS[what]) is getattr(Writer, METHODS[what])]

    def _not_written(self, what: str):
        return not_written(what)

    def results(self, fh, summaries) -> None:
        """Every unit's leaves (export)."""
        raise self._not_written(RESULTS)

    def one(self, fh, summary) -> None:
        """One unit's result (score --format)."""
        self.results(fh, [summary])

    def ranking(self, fh, ranking, leaves=()) -> None:
        """A ranking, one row per unit (rank); ``leaves``: the units' full summaries, when
        :attr:`ranking_shows_leaves`."""
        raise self._not_written(RANKING)

    def unit(self, fh, unit, fw, ref: str, mark: str = "") -> None:
        """One checked unit (``ref``: its framework as the written file names it; ``mark``: where it came from,
        in the chosen language, e.g. "converted by parcli from hoso.xlsx", said where the format has room for
        it: a header comment, the form's provenance line and hidden sheet; never in a note)."""
        raise self._not_written(UNIT)

    def template(self, fh, fw, ref: str, year: int | None = None) -> None:
        """A blank unit of framework ``fw`` that validates as it is."""
        raise self._not_written(TEMPLATE)

    def report(self, fh, collected, previous=None, tick=None) -> None:
        """The page for leaders of scored units, as :func:`parcli.htmlreport.collect` reduced them
        (``previous``: an earlier ranking read by :func:`parcli.inputs.ranking.read_previous`; ``tick``: called
        as each unit's page is written)."""
        raise self._not_written(REPORT)

    def plan(self, fh, plan) -> None:
        """An improvement plan (:mod:`parcli.plan`), for scripts (plan --format)."""
        raise self._not_written(PLAN)

    def survey(self, fh, result) -> None:
        """A survey's indices with their intervals (:class:`parcli.survey.compute.Survey`)."""
        raise self._not_written(SURVEY)


class WriterEntry(NamedTuple):
    """A file format: its name, what chooses it, where its writer is and what it writes."""

    title: str  # the format as people read it: "CSV" (help and messages list these)
    suffixes: tuple[str, ...]  # the first is the one help and messages name
    module: str  # the module of its writer (imported only when the format is used: openpyxl is slow)
    cls: str  # the writer's class there, a subclass of parcli.report.writer.Writer
    writes: frozenset[str]  # its capabilities: RESULTS, RANKING, UNIT, TEMPLATE, REPORT, PLAN, SURVEY
    stream: bool = False  # text for standard output (score --format, plan --format, -o -)


# The one table of the formats parcli writes, in the order help and messages list them.
WRITERS: dict[str, WriterEntry] = {
    "csv": WriterEntry("CSV", (".csv",), ".csvout", "CsvWriter", frozenset({RESULTS, RANKING, PLAN, SURVEY}),
                       stream=True),
    "json": WriterEntry("JSON", (".json",), ".jsonout", "JsonWriter", frozenset({RESULTS, PLAN, SURVEY}),
                        stream=True),
    "xlsx": WriterEntry("XLSX", (".xlsx",), ".xlsx", "XlsxWriter", frozenset({RESULTS, RANKING, UNIT, TEMPLATE,
                                                                                 SURVEY})),
    "yaml": WriterEntry("YAML", (".yaml", ".yml"), ".unitfile", "YamlWriter", frozenset({UNIT, TEMPLATE}),
                        stream=True),
    "html": WriterEntry("HTML", (".html", ".htm"), ".htmlout", "HtmlWriter", frozenset({REPORT}), stream=True),
}


def register_writer(fmt: str, entry: WriterEntry) -> None:
    """Add (or replace) the format ``fmt``: from now on its suffixes choose it, and the commands that write what
    it writes list it in their help, their messages and their ``--format`` choices."""
    WRITERS[fmt] = entry


def format_for(path: Path) -> str | None:
    """The format that ``path``'s suffix chooses (case aside), if any."""
    suffix = path.suffix.lower()
    return next((fmt for fmt, entry in WRITERS.items() if suffix in entry.suffixes), None)


def formats(what: str, stream: bool | None = None) -> list[str]:
    """The formats that write ``what`` (only those for standard output with ``stream``), in the table's order."""
    return [fmt for fmt, entry in WRITERS.items() if what in entry.writes and stream in (None, entry.stream)]


def choices(what: str, first: tuple[str, ...] = ("table",)) -> tuple[list[str], str, str]:
    """A ``--format`` option's choices for ``what`` (``first``: parcli's own views, before the formats for standard
    output), its metavar ("table|csv|json") and its help ("table (default), csv or json.")."""
    names = [*first, *formats(what, stream=True)]
    words = [f"{names[0]} (default)", *names[1:]]
    return names, "|".join(names), (", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]) + "."


def titles(what: str, words: str = " or ") -> str:
    """The formats that write ``what`` as people name them: "CSV, JSON or XLSX" (``words``: the word for "or")."""
    names = [WRITERS[fmt].title for fmt in formats(what)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + words + names[-1]


def suffixes(what: str) -> list[str]:
    """Every suffix that ``-o`` takes for ``what``, in the table's order."""
    return [s for fmt in formats(what) for s in WRITERS[fmt].suffixes]


def suffix_list(what: str, words: str | None = None, besides: tuple[str, ...] = ()) -> str:
    """The suffixes ``-o`` takes for ``what`` (the formats ``besides`` left out), as people read a list:
    ".csv, .json or .xlsx". ``words``: the word for "or" (the command line's help is English; messages
    pass ``tr(" or ")``)."""
    names = [WRITERS[fmt].suffixes[0] for fmt in formats(what) if fmt not in besides]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (words or " or ") + names[-1]


def writer_of(fmt: str, lang: str = "vi", locale: str = "en") -> Writer:
    """The writer of format ``fmt`` (its module is imported only now). ``lang`` is for what people read (XLSX
    headers, forms, templates; CSV and JSON stay English); ``locale`` for the numbers of formats that follow it
    (CSV with ``vi``: what a vi-VN spreadsheet opens). A writer that lacks a method its entry promises is refused."""
    entry = WRITERS[fmt]
    cls = getattr(import_module(entry.module, __package__), entry.cls)
    lacking = cls.lacking(entry.writes)
    if lacking:
        raise TypeError(f"{entry.module}.{entry.cls}: the format {fmt!r} writes {sorted(entry.writes)} but its "
                        f"writer has no {', '.join(lacking)}")
    writer = cls()
    writer.format, writer.name, writer.suffixes, writer.capabilities = fmt, entry.title, entry.suffixes, entry.writes
    writer.lang = lang
    writer.locale = locale
    return writer


def writer_for(output: Path, what: str, lang: str = "vi", locale: str = "en") -> Writer:
    """The writer that ``output``'s suffix chooses for ``what``; any other suffix is a usage error
    (exit 2) naming the suffixes allowed. A stream without a suffix (``-`` for standard output,
    ``/dev/stdout``, a FIFO) takes the first text format of ``what``."""
    fmt = format_for(output) if str(output) != "-" else None
    if fmt is None and _is_stream(output):
        fmt = next(iter(formats(what, stream=True)), None)
    if fmt is None or what not in WRITERS[fmt].writes:
        raise UsageError(f"{output}: " + tr("{what} is written as {suffixes}; this name ends in {suffix!r}",
                                            what=_what(what), suffixes=suffix_list(what, tr(" or ")),
                                            suffix=output.suffix or tr("(no suffix)")))
    return writer_of(fmt, lang, locale)


def not_written(what: str) -> UsageError:
    """The usage error of a writer asked for what its format does not write."""
    return UsageError(tr("{what} is written as {suffixes}", what=_what(what), suffixes=suffix_list(what, tr(" or "))))


def _is_stream(output: Path) -> bool:
    import os
    import stat

    if str(output) == "-":
        return True
    if output.suffix:
        return False
    try:
        mode = os.stat(output).st_mode  # through symlinks: /dev/stdout is a device or a pipe
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _what(what: str) -> str:
    return {RESULTS: tr("an export"), RANKING: tr("a ranking"), UNIT: tr("a unit"), TEMPLATE: tr("a template"),
            REPORT: tr("a report"), PLAN: tr("a plan"),
            SURVEY: tr("a survey's result")}[what]
