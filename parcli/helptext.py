"""The command line's help in the chosen language (``--lang`` / ``PARCLI_LANG``, Vietnamese by default).

Help is written in English in the command modules (``help=...`` of each option and argument, the
command's docstring, the short help of :data:`parcli.cli.COMMANDS`); its Vietnamese is in the
catalogue with the context ``"help"``, a paragraph each (an ``Example:`` line keeps its command as it
is). :func:`translated` puts the chosen language's help in place while one help page is formatted,
with the parser's own words (Usage, Options, default, required ...), and puts the English back after.
Nothing here is imported unless help is shown.
"""

import contextlib
import sys

from .i18n import NC_, text

EXAMPLE = "Example:"
# the parser's own words in a help page (click and typer say them through gettext's ``_``)
PARSER_WORDS = {
    "Usage:": NC_("help", "Usage:"),
    "Options": NC_("help", "Options"),
    "Arguments": NC_("help", "Arguments"),
    "Commands": NC_("help", "Commands"),
    "default: {default}": NC_("help", "default: {default}"),
    "required": NC_("help", "required"),
    "env var: {var}": NC_("help", "env var: {var}"),
    "Show this message and exit.": NC_("help", "Show this message and exit."),
    "(dynamic)": NC_("help", "(dynamic)"),
}
_EXAMPLE = NC_("help", "Example:")


def language(args) -> str:
    from .usage import chosen_language

    lang = chosen_language(list(args or []))
    return lang if lang in ("vi", "en") else "vi"


def paragraphs(english: str) -> list[str]:
    """The pieces of a help text the catalogue holds: each paragraph, an ``Example:`` line apart."""
    out = []
    for paragraph in english.split("\n\n"):
        lines = paragraph.split("\n")
        words = [line for line in lines if not line.startswith(EXAMPLE)]
        if words:
            out.append("\n".join(words))
    return out


def say(english, lang: str):
    """``english`` (a help text, or None) in ``lang``: each paragraph through the catalogue."""
    if not english or lang != "vi":
        return english
    out = []
    for paragraph in english.split("\n\n"):
        lines = paragraph.split("\n")
        words = "\n".join(line for line in lines if not line.startswith(EXAMPLE))
        said = [text(words, lang, "help")] if words else []
        said += [text(_EXAMPLE, lang, "help") + line[len(EXAMPLE):] for line in lines if line.startswith(EXAMPLE)]
        out.append("\n".join(said))
    return "\n\n".join(out)


def _gettext_modules(command) -> list:
    """The modules of the parser whose ``_`` (gettext) says the words of a help page."""
    import typer.core

    names = {"typer.core"}
    for cls in type(command).__mro__:
        if cls.__module__ and cls.__module__.split(".")[0] in ("click", "typer"):
            names.add(cls.__module__)
    core = [sys.modules[n] for n in names if n in sys.modules]
    for module in list(core):
        formatting = getattr(module, "HelpFormatter", None)
        if formatting is not None and formatting.__module__ in sys.modules:
            core.append(sys.modules[formatting.__module__])
    core.append(typer.core)
    return [m for m in dict.fromkeys(core) if callable(getattr(m, "_", None))]


@contextlib.contextmanager
def translated(command, ctx, lang: str):
    """While the help page of ``command`` is formatted: its help, its parameters' and the parser's
    words in ``lang``; the English put back after (the command object is shared)."""
    if lang != "vi":
        yield
        return
    saved_help = command.help
    params = command.get_params(ctx)
    saved = [(p, getattr(p, "help", None)) for p in params]
    modules = _gettext_modules(command)
    gettexts = [(m, m._) for m in modules]

    def words(message: str) -> str:
        key = PARSER_WORDS.get(message)
        return text(key, lang, "help") if key else message

    try:
        command.help = say(command.help, lang)
        for param, help_text in saved:
            if help_text:
                param.help = say(help_text, lang)
        for module in modules:
            module._ = words
        yield
    finally:
        command.help = saved_help
        for param, help_text in saved:
            if help_text:
                param.help = help_text
        for module, gettext in gettexts:
            module._ = gettext


def write_usage(command, ctx, formatter) -> None:
    """The usage line, "Usage:" in the chosen language (the parser may say it without gettext)."""
    lang = language(ctx.meta.get("parcli.args"))
    prefix = text(PARSER_WORDS["Usage:"], lang, "help")  # English: the msgid itself
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), prefix=prefix + " ")


class TranslatedHelp:
    """A click command or group whose help page (and usage line) is in the language chosen on its
    command line (``--lang``) or by ``PARCLI_LANG``: the arguments are kept as they are parsed,
    since ``--help`` is shown while parsing."""

    def parse_args(self, ctx, args):
        ctx.meta["parcli.args"] = [*ctx.meta.get("parcli.args", []), *args]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def format_help(self, ctx, formatter) -> None:
        with translated(self, ctx, language(ctx.meta.get("parcli.args"))):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx, formatter) -> None:
        write_usage(self, ctx, formatter)


def help_texts(command, ctx=None) -> list[str]:
    """Every help text of ``command`` (its own and its parameters'), in English, for the catalogue's tests."""
    ctx = ctx or command.make_context(command.name or "parcli", [], resilient_parsing=True)
    found = [command.help] + [getattr(p, "help", None) for p in command.get_params(ctx)]
    return [t for t in found if t]




def write_commands(ctx, formatter, helps: list[tuple[str, str | None]]) -> None:
    """The "Commands" section of a help page: each command's short help (``helps``: name and English help) in
    the language chosen on the command line."""
    from typer.core import TyperCommand

    if not helps:
        return
    lang = language(ctx.meta.get("parcli.args"))
    limit = formatter.width - 6 - max(len(name) for name, _help in helps)
    rows = [(name, TyperCommand(name, help=say(help, lang)).get_short_help_str(limit)) for name, help in helps]
    with formatter.section(say("Commands", lang)):
        formatter.write_dl(rows)


def format_subcommands(group, ctx, formatter) -> None:
    """The list of a group's subcommands (``campaign``'s), their short help in the chosen language."""
    commands = [group.get_command(ctx, name) for name in group.list_commands(ctx)]
    write_commands(ctx, formatter, [(c.name, c.help) for c in commands if c is not None and not c.hidden])
