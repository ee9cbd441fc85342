"""Command-line usage errors (from typer's parser) in the chosen language.

The parser speaks English; its few messages are matched here and said again through
the message catalogue (:mod:`parcli.i18n`), with the usage line and the help hint.
"""

from __future__ import annotations

import re
import sys

from .i18n import set_language, tr

_PATTERNS = [
    (re.compile(r"Missing argument '(?P<name>[^']+)'\.?"), lambda m: tr("Missing argument '{name}'.", **m.groupdict())),
    (re.compile(r"Missing option (?P<option>.+?)\.?"), lambda m: tr("Missing option {option}.", **m.groupdict())),
    (re.compile(r"No such option: (?P<option>\S+) Did you mean (?P<near>\S+)\?"),
     lambda m: tr("No such option: {option}. Did you mean {near}?", **m.groupdict())),
    (re.compile(r"No such option: (?P<option>\S+)"), lambda m: tr("No such option: {option}", **m.groupdict())),
    (re.compile(r"No such command '(?P<name>[^']+)'\.?"), lambda m: tr("No such command '{name}'.", **m.groupdict())),
    (re.compile(r"Option '(?P<option>[^']+)' requires an argument\.?"),
     lambda m: tr("Option '{option}' requires an argument.", **m.groupdict())),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
     lambda m: tr("Got unexpected extra argument(s): {args}", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): '?(?P<value>.*?)'? is not one of (?P<choices>.*?)\.?"),
     lambda m: tr("Invalid value for {param}: '{value}' is not one of {choices}.", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): '?(?P<value>.*?)'? is not a valid "
                r"(?:integer range|integer|int range|int)\.?"),
     lambda m: tr("Invalid value for {param}: '{value}' is not a whole number.", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): (?P<value>.*?) is not in the range (?P<range>.*?)\.?"),
     lambda m: tr("Invalid value for {param}: {value} is not in the range {range}.", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): '?(?P<value>.*?)'? is not a valid (?:float|decimal)\.?"),
     lambda m: tr("Invalid value for {param}: '{value}' is not a number.", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): '?(?P<value>.*?)'? is not a valid boolean\.?"),
     lambda m: tr("Invalid value for {param}: '{value}' is not true or false.", **m.groupdict())),
    (re.compile(r"Invalid value for (?P<param>.+?): .*"),
     lambda m: tr("Invalid value for {param}; see the command's help (-h) for what it takes.", **m.groupdict())),
    (re.compile(r"Option '(?P<option>[^']+)' does not take a value\.?"),
     lambda m: tr("Option '{option}' does not take a value.", **m.groupdict())),
    (re.compile(r"Option '(?P<option>[^']+)' requires (?P<count>\d+) arguments\.?"),
     lambda m: tr("Option '{option}' requires {count} arguments.", **m.groupdict())),
    (re.compile(r"Missing command\.?"), lambda m: tr("Missing command.")),
    (re.compile(r"Missing parameter: (?P<name>\S+)"), lambda m: tr("Missing argument '{name}'.", **m.groupdict())),
]
_QUOTED = re.compile(r"'([^']{1,60})'")


def chosen_language(argv: list[str]) -> str:
    """``--lang X`` (or ``--lang=X``) on the command line, else ``PARCLI_LANG``, else vi."""
    import os

    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("PARCLI_LANG", "vi")


_ENV_VAR = re.compile(r" \(env var: '(?P<name>[^']{1,60})'\)")
_ENV_MARK = "\x00"  # where click's "(env var: 'X')" was, said again in the chosen language


def message(text: str) -> str:
    """The parser's message in the current language."""
    env = _ENV_VAR.search(text)
    if env is not None:
        text = text.replace(env.group(0), _ENV_MARK)
    for pattern, say in _PATTERNS:
        m = pattern.fullmatch(text.strip())
        if m:
            said = say(m)
            if env is not None:
                said = said.replace(_ENV_MARK, " " + tr("(or the environment variable {name})",
                                                        name=env.group("name")))
            return said
    quoted = _QUOTED.search(text)  # never the parser's English: at most the word it stumbled on
    if quoted:
        return tr("the command line is not valid at '{word}'; see the command's help (-h)", word=quoted.group(1))
    return tr("the command line is not valid; see the command's help (-h)")


def report(exc, argv: list[str]) -> None:
    """Print a usage error: the usage line, the help hint and the message, on stderr."""
    set_language(chosen_language(argv))
    ctx = getattr(exc, "ctx", None)
    out = sys.stderr
    if ctx is not None:
        usage = ctx.get_usage()
        if usage.startswith("Usage:"):
            usage = tr("Usage:") + usage[len("Usage:"):]
        print(usage, file=out)
        print(tr("Try '{command} -h' for help.", command=ctx.command_path), file=out)
        print(file=out)
    from .report.snippet import visible

    print(visible(tr("Error: {message}", message=message(exc.format_message()))), file=out)
