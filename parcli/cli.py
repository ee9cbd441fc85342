"""The command line: the root of ``parcli`` and :func:`main`; each command lives in its own module.

:data:`COMMANDS` is the one table of the commands: the module in ``parcli/commands/`` and the
short help ``parcli --help`` lists. A command's module is imported only when that command runs
(or its help is asked for), so ``parcli --help`` imports none of them.
Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error.
"""

# No "from __future__ import annotations" here: typer would then evaluate the annotation strings.
import gc
import sys
from typing import Annotated

import typer
import typer.core

from . import __version__
from .helptext import TranslatedHelp
from .i18n import HELP_, set_language, tr

# name: (module in parcli/commands/, short help as `parcli --help` lists it: the first line of the
# command's own help; tests/commands/test_main.py keeps the two in step). "{results}" and the like: the
# formats of parcli.report.WRITERS that write it (short_help).
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("score", HELP_("Score one unit: points by field, criterion and sub-criterion; total, index and class.")),
    "validate": ("validate", HELP_("Check framework and unit files; report every problem of every file as "
                                "file:line:col: message.")),
    "export": ("export", HELP_("Score units and write every leaf of every unit to a {results} file.")),
    "rank": ("rank", HELP_("Score many units and rank them by index as displayed; ties share a rank (1, 2, 2, 4).")),
    "diff": ("diff", HELP_("Show what moved between two results: points, index, fields and leaves, biggest changes "
                        "first.")),
    "report": ("report", HELP_("Write one HTML page for leaders: index, class, charts, the leaves that lost most, "
                            "first steps.")),
    "plan": ("plan", HELP_("Which lost points to win back: every next step, or the fewest changes that reach a "
                        "target.")),
    "template": ("template", HELP_("Print a blank unit file for a framework: every leaf with its title, max, rule and "
                                "value form.")),
    "convert": ("convert", HELP_("Turn a unit file into a filled self-assessment form (.xlsx), or a filled form back "
                              "into a unit file.")),
    "explain": ("explain", HELP_("Explain one node of a framework: its path, max, source, rule in words and the "
                              "documents expected.")),
    "frameworks": ("frameworks", HELP_("List the shipped frameworks: id, title, level, basis, version, provenance, "
                                    "counts, total and survey points.")),
    "schema": ("schema", HELP_("Print the JSON Schema of unit, framework or survey files, for editors that complete "
                            "and check YAML.")),
    "campaign": ("campaign", HELP_("The yearly appraisal cycle: init, forms, receive, appraise, explain, status, "
                                "results, minutes, report, log, check.")),
    "survey": ("survey", HELP_("Survey indices from the respondents' answers, with n and 95 % intervals; their "
                            "points into units.")),
}


def short_help(name: str) -> str:
    """The short help of command ``name``, the formats it names ("{results}") taken from the table of writers."""
    short = COMMANDS[name][1]
    if "{" in short:
        from .report import METHODS, titles

        short = short.format_map({what: titles(what) for what in METHODS})
    return short


def load_command(name: str):
    """The click command of ``name``, its module imported now (None: no such command)."""
    if name not in COMMANDS:
        return None
    import importlib

    import typer.main

    module = importlib.import_module(f"parcli.commands.{COMMANDS[name][0]}")
    return typer.main.get_command(module.app)


class _Commands(dict):
    """The group's commands: every name of :data:`COMMANDS`, each loaded when first looked up."""

    def __init__(self) -> None:
        super().__init__((name, None) for name in COMMANDS)

    def __getitem__(self, name: str):
        command = super().__getitem__(name)
        if command is None:
            command = load_command(name)
            super().__setitem__(name, command)
        return command

    def get(self, name, default=None):
        return self[name] if name in self else default

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


class LazyGroup(TranslatedHelp, typer.core.TyperGroup):
    """The root group: commands from :data:`COMMANDS`, imported only when run; its help lists each
    command's short help from the table, importing none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _Commands()

    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx, name: str):
        return self.commands.get(name)

    def format_commands(self, ctx, formatter) -> None:
        from .helptext import write_commands

        # the table's short help: listing the commands imports none of them
        write_commands(ctx, formatter, [(name, short_help(name)) for name in COMMANDS])


app = typer.Typer(
    name="parcli",
    cls=LazyGroup,
    help="Score Vietnam's Public Administration Reform index (PAR INDEX) and the provincial "
    "indices modelled on it: validate framework and unit files, score units, export and rank them.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    """parcli: PAR INDEX scorecards from YAML files."""
    from .commands.common import State

    State.debug = debug


def main() -> None:
    """Console entry point: usage errors in the chosen language, never a traceback."""
    gc.freeze()  # what the imports made lives as long as the process: never traverse it again
    from .commands.common import quiet_stdout, stop_on_signals

    stop_on_signals()
    if sys.stdout is None or sys.stderr is None:  # started with a standard stream closed (>&-)
        if sys.stderr is not None:
            from .usage import chosen_language

            set_language(chosen_language(sys.argv[1:]))
            sys.stderr.write("parcli: " + tr("standard output is closed; run parcli with an output to write to") + "\n")
        sys.exit(2)
    try:
        code = app(standalone_mode=False, prog_name="parcli")
        sys.stdout.flush()
    except SystemExit:
        raise
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        quiet_stdout()
        sys.exit(1)
    except KeyboardInterrupt:
        from .commands.common import err

        err("parcli: " + tr("interrupted"))
        sys.exit(1)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # a usage error from the parser, or a bug outside any command
        format_message = getattr(exc, "format_message", None)  # the parser's errors, known by their shape
        exit_code = getattr(exc, "exit_code", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and callable(format_message):  # bare "parcli": the help
            sys.stdout.write(format_message() + "\n")
            sys.exit(0)
        if format_message is not None and isinstance(exit_code, int):
            from .usage import report

            report(exc, sys.argv[1:])
            sys.exit(exit_code)
        if "--debug" in sys.argv:
            raise
        from .commands.common import err

        err("parcli: " + tr("internal error: {error} (run with --debug for the traceback, and please report it)",
                            error=f"{type(exc).__name__}: {exc}"))
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
