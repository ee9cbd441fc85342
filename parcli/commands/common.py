"""What every command shares: the options they have in common (as ``Annotated`` aliases), the
error handler :func:`guarded` that turns parcli's errors into a message and an exit code, the
consoles, the progress bar, file arguments, and writing a new file beside its inputs.

Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error. A command module
(``parcli/commands/<name>.py``) holds one typer app with one command: it parses the arguments,
calls the core, picks a writer, prints; nothing below it prints or exits.
"""

# No "from __future__ import annotations" in a command module: typer would then evaluate every
# annotation string of every command on every run.
import functools
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from ..errors import InputError, ParcliError, UsageError
from ..helptext import TranslatedHelp
from ..i18n import N_, set_language, tr, trn

if TYPE_CHECKING:
    from rich.progress import Progress


def typer_app() -> typer.Typer:
    """The typer app of one command module: the same settings as the root's (parcli/cli.py)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, pretty_exceptions_show_locals=False,
                       rich_markup_mode=None)


class State:
    """What the root options set for the command that runs (``--debug``)."""

    debug = False

class PlainArgument(typer.core.TyperArgument):
    """An argument shown in help as its metavar only: no ``{units}`` or ``<list[str]>``."""

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        return [name if self.required or name.startswith("[") else f"[{name}]"]

    def display_type(self, ctx) -> None:
        return None

class Command(TranslatedHelp, typer.core.TyperCommand):
    """A command whose help names arguments plainly (newer typer versions add type labels), in the
    language chosen by ``--lang`` or ``PARCLI_LANG`` (Vietnamese by default)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is typer.core.TyperArgument:
                param.__class__ = PlainArgument

class Lang(str, Enum):
    vi = "vi"
    en = "en"

class Locale(str, Enum):
    en = "en"
    vi = "vi"

LangOpt = Annotated[Lang, typer.Option("--lang", metavar="vi|en", envvar="PARCLI_LANG",
                                       help="Language: vi (default; or set PARCLI_LANG) or en.")]

LocaleOpt = Annotated[
    Locale, typer.Option("--locale", metavar="en|vi", help="Number format: en prints 86.67 (default), vi prints 86,67.")
]

CsvLocaleOpt = Annotated[
    Locale, typer.Option("--locale", metavar="en|vi", help="Number format: en prints 86.67 and writes CSV for scripts "
                         "(default: ',' between fields, '.' decimals); vi prints 86,67 and writes CSV as a Vietnamese "
                         "Excel or LibreOffice opens it (';' between fields, ',' decimals).")
]

StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat leaves without evidence as errors.")]

ConciseOpt = Annotated[
    bool, typer.Option("--concise", help="One line per problem, even on a terminal (no source line and caret).")
]

def err(line: str) -> None:
    """One line on stderr; file names in it cannot write into the terminal (control characters shown)."""
    typer.echo(printable(line), err=True)

def printable(text: str) -> str:
    """``text`` as a line a terminal shows (control characters made visible)."""
    if text.isprintable():
        return text
    from ..report.snippet import visible

    return visible(text)

def warn(text: str) -> None:
    """A warning line, whole (the file names in it are never cut)."""
    err(tr("warning:") + " " + text)

def guarded(fn):
    """Turn expected errors into messages and exit codes; never show a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang")
        if lang is not None:
            set_language(lang.value)
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError):  # a closed pipe (| head): main() ends quietly
            raise
        except ParcliError as exc:
            for line in problem_lines(exc.problems or [exc.message], sys.stderr, kwargs.get("concise", False)):
                err(line)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("parcli: " + tr("interrupted"))
            raise typer.Exit(1) from None
        except Exception as exc:  # a bug: say so in one line, unless --debug
            if State.debug:
                raise
            err("parcli: " + tr("internal error: {error} (run with --debug for the traceback, and please report it)",
                                 error=f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
            raise typer.Exit(1) from None

    return wrapper

def problem_lines(problems, stream, concise: bool) -> list[str]:
    """Problems to print: one line each; on a terminal (unless --concise) with the line of the
    file and a caret under the column."""
    from ..report.snippet import render

    unique = list(dict.fromkeys(problems))
    return render(unique, rich=not concise and stream.isatty())

_KIND_WORDS = {"framework": N_("a framework file"), "survey": N_("a survey definition"),
               "campaign": N_("a campaign's file")}


def file_args(names: list[str], workbooks_only: bool = False, units: bool = False) -> list[Path]:
    """File arguments as paths: a folder stands for its YAML files (``workbooks_only``: its .xlsx files), a
    pattern (``"hoso/*.yaml"``, which Windows shells pass on unexpanded) for the files it matches. ``units``:
    the command reads units, so a framework (or another parcli file) a folder or a pattern holds beside them is
    left out, and said."""
    # Variadic file arguments are declared as str: typer's coercion of list[Path]
    # costs about 0.1 ms per file, a second for every commune of the country.
    from ..inputs.files import expand

    repeated: list[Path] = []
    others: list[tuple[Path, str]] = []
    paths = expand(names, repeated, workbooks_only, others if units else None)
    for path, kind in others:
        what = _KIND_WORDS.get(kind)
        err(tr("{file}: {what} (schema parcli/{kind}/v1), not a unit: left out", file=path, kind=kind,
               what=tr(what) if what else kind))
    if others and not paths:  # an empty run would look like success
        raise InputError(", ".join(names) + ": " + tr("no unit file here, only the files left out above"))
    if repeated:
        shown = ", ".join(map(str, repeated[:5])) + (tr(" and {count} more", count=len(repeated) - 5)
                                                      if len(repeated) > 5 else "")
        warn(trn("{count} file given more than once (through overlapping folders or patterns) is read once:",
                 "{count} files given more than once (through overlapping folders or patterns) are read once:",
                 len(repeated), count=len(repeated)) + " " + shown)
    return paths

def warn_units(units, ranked) -> None:
    """Warnings of a run over many units (summaries or results): a unit without evidence; units of
    different years among those ``ranked``."""
    from ..rank import blank_warning, years_warning

    lines = [*map(blank_warning, units), years_warning((s.year, s.file) for s in ranked)]
    for line in lines:
        if line:
            warn(line)

def consoles():
    from ..report.table import console

    return console(sys.stdout), console(sys.stderr)

class progress:
    """A progress bar on stderr for long runs; nothing when stderr is not a terminal."""

    def __init__(self, total: int, what: str):
        self.total = total
        self.what = what
        self.bar: Progress | None = None

    def __enter__(self):
        if self.total >= 200 and sys.stderr.isatty():
            from rich.progress import Progress

            bar = self.bar = Progress(transient=True, console=consoles()[1])
            bar.start()
            task = bar.add_task(self.what, total=self.total)
            return lambda: bar.advance(task)
        return None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False

def framework_ref(ref: str, fw, output: Path, writer) -> str:
    """How a file written at ``output`` by ``writer`` names the framework: a shipped id as it is, a path
    relative to it (to the current folder for ``-``, standard output); a format that reads only a framework file
    beside it (a form: ``writer.framework_beside``) names it by its name alone, and when the file is not beside
    it yet, that is said."""
    import os

    from ..store import looks_like_path

    if not looks_like_path(ref):
        return ref
    target = Path(fw.source_path).resolve()
    base = (output.parent if str(output) != "-" else Path(".")).resolve()
    if writer.framework_beside:
        relative = target.name
        if target.parent != base:
            err(tr("warning: the form names its framework {name!r}: copy {source} beside the form (a form reads "
                    "only a shipped framework or a framework file beside it)", name=target.name,
                    source=str(target)[-100:]))
    else:
        relative = os.path.relpath(target, base)
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 in a name: no unit file or form can write it
        raise UsageError(f"{ref}: " + tr("the framework's file name is not UTF-8 text, so a unit file cannot name "
                                         "it; rename the file")) from None
    return relative

def write_new(output: Path, inputs: list[Path], force: bool, write) -> None:
    """``write(fh)`` to ``output`` atomically; never over an input, and over an existing file only with --force."""
    import stat

    from ..report.files import check_output, write_atomic

    check_output(output, inputs)  # a name the file system cannot hold is refused here
    if str(output) != "-" and output.exists() and stat.S_ISREG(output.stat().st_mode) and not force:
        raise InputError(f"{output}: " + tr("the file exists and may hold filled evidence; it was left as it is. "
                                            "Choose another name, or pass --force to replace it"))
    write_atomic(output, write, force)
    if str(output) != "-":
        err(tr("wrote {file}", file=output))


def quiet_stdout() -> None:
    """After a broken pipe or a closed stdout: no second error when Python flushes at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Interrupted(KeyboardInterrupt):
    """Ctrl+C, SIGTERM or SIGHUP. A subclass, not KeyboardInterrupt itself: Python 3.11 marks a bare
    KeyboardInterrupt raised inside exec() (a dataclass being made by a lazy import) as unhandled
    and then ends the process by SIGINT even after parcli said "interrupted" and chose exit 1."""


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP (a closed terminal, ``kill``, a service stopping) end parcli as Ctrl+C does:
    as KeyboardInterrupt, so a write in progress removes its temporary file and leaves the old file
    as it was, one line says "interrupted", and the exit code is 1."""
    import signal

    taken: list[int] = []

    def stop(signum, frame):
        for other in taken:  # parcli is stopping: another signal (kill twice) is not said again, nor ends it
            try:             # half way through removing its temporary file; ignored until the process ends
                signal.signal(other, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
        raise _Interrupted

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):  # nohup's SIG_IGN stays
                signal.signal(signum, stop)
                taken.append(signum)
        except (OSError, ValueError):  # not the main thread, or not allowed here
            pass
