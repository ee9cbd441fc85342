"""The expected-error hierarchy.

Every error a user can cause is a :class:`ParcliError`. The CLI turns it into
one line per problem (``file:line:col: message``) on stderr and an exit code;
nothing below the CLI prints or exits.

- :class:`InputError` (exit 1): a file is unreadable, malformed or invalid.
  It carries a list of :class:`Problem` so that every problem of every file
  can be reported in one run.
- :class:`UsageError` (exit 2): the command line asks for something that
  cannot be done (an output path equal to an input, an unknown format).
"""

from __future__ import annotations

from dataclasses import dataclass

PROBLEMS_PER_FILE = 200  # the lines said of one file; then how many more


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at one place: ``file:line:col: message``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    ``severity`` is ``error`` or ``warning``; warnings never fail a run.
    """

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where = f"{where}:{self.line}:{self.col}"
        if self.severity == "warning":
            from .i18n import tr

            return f"{where}: " + tr("warning: {message}", message=self.message)
        prefix = ""
        return f"{where}: {prefix}{self.message}"


class ParcliError(Exception):
    """Base of every expected error. ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def lines(self) -> list[str]:
        if self.problems:
            return [str(p) for p in self.problems]
        return [self.message]


class InputError(ParcliError):
    """A file cannot be read, parsed or validated (exit 1)."""

    exit_code = 1


class UsageError(ParcliError):
    """The command line asks for something impossible (exit 2)."""

    exit_code = 2


def input_error(file: str, line: int, col: int, message: str) -> InputError:
    """An :class:`InputError` holding exactly one problem."""
    problem = Problem(file, line, col, message)
    return InputError(str(problem), [problem])


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the chosen language (never the system's English)."""
    import errno

    from .i18n import N_, tr

    reasons = {
        errno.ENOENT: N_("no such file or folder"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("permission denied"),
        errno.EISDIR: N_("it is a folder"),
        errno.ENOTDIR: N_("a part of the path is not a folder"),
        errno.ENAMETOOLONG: N_("the name is too long for the file system"),
        errno.ELOOP: N_("too many symbolic links (a loop)"),
        errno.ENOSPC: N_("the disk is full"),
        errno.EDQUOT: N_("the disk quota is used up"),
        errno.EROFS: N_("the file system is read-only"),
        errno.EIO: N_("an input/output error of the disk"),
        errno.EMFILE: N_("too many files are open"),
        errno.ENFILE: N_("too many files are open"),
        errno.EBUSY: N_("the file is in use by another program"),
        errno.ETXTBSY: N_("the file is in use by another program"),
        errno.EEXIST: N_("the file exists already"),
        errno.EXDEV: N_("the file cannot be moved across disks"),
        errno.EINVAL: N_("the name is not valid here"),
        errno.EFBIG: N_("the file is too large for the file system"),
    }
    found = reasons.get(exc.errno) if exc.errno is not None else None
    if found is not None:
        return tr(found)
    name = errno.errorcode.get(exc.errno, "?") if exc.errno is not None else "?"
    return tr("system error {code}", code=name)


def capped(problems: list[Problem], name: str) -> list[Problem]:
    """At most :data:`PROBLEMS_PER_FILE` of one file's problems, then a line saying how many more."""
    if len(problems) <= PROBLEMS_PER_FILE:
        return problems
    return [*problems[:PROBLEMS_PER_FILE], more_problems(name, len(problems) - PROBLEMS_PER_FILE)]


def more_problems(name: str, count: int) -> Problem:
    """The line that says how many problems of a file were left unsaid."""
    from .i18n import tr

    return Problem(name, 0, 0, tr("and {count:,} more problems in this file", count=count))
