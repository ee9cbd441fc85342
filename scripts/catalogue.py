"""The message catalogue's workflow: extract, update, compile, import-py (a developer's tool; needs Babel).

``parcli/locale/vi/LC_MESSAGES/parcli.po`` is the source of truth of every Vietnamese text; the code
marks its English message ids with ``tr``, ``trp``, ``trn``, ``N_``, ``NC_``, ``NP_`` and ``Nn_``
(parcli/i18n.py). The steps, run from the repository's root:

    python scripts/catalogue.py extract          # the code's message ids -> parcli/locale/parcli.pot
    python scripts/catalogue.py update           # the .po from a fresh .pot: new ids empty, changed ids fuzzy,
                                                 # unused ids dropped (then translate, and unmark fuzzy)
    python scripts/catalogue.py compile          # the .po -> parcli.mo (the same .po gives the same bytes)
    python scripts/catalogue.py import-py FILE   # add the VI dict of a Python file to the .po, then compile

``import-py`` reads ``VI = {"English": "Tiếng Việt", "context\\x04English": ...}`` without running the file.
At run time parcli reads only the ``.mo``, with the standard library's gettext (no Babel).
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "parcli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "parcli.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "parcli.po"
MO = PO.with_suffix(".mo")
# The marking functions of parcli/i18n.py, as Babel reads them ("1c": the first argument is the context).
# HELP_ (the command line's help) is left out until --help is translated (issue 25).
KEYWORDS = {
    "tr": None, "N_": None,
    "trp": ((1, "c"), 2), "NC_": ((1, "c"), 2), "NP_": ((1, "c"), 2),
    "trn": (1, 2), "Nn_": (1, 2),
}
PROJECT = "parcli"
COPYRIGHT = "the parcli developers"


def help_ids() -> list[str]:
    """Every paragraph of the command line's help (the root's, each command's, its options' and
    arguments', the short help of the commands' table), in English: the catalogue holds each with the
    context ``help`` (parcli/helptext.py says them in Vietnamese at --help time)."""
    import typer.main

    from parcli.cli import COMMANDS, app, load_command, short_help
    from parcli.helptext import help_texts, paragraphs

    def of(command) -> list[str]:  # a command's texts, and those of its subcommands (campaign's)
        found = help_texts(command)
        if hasattr(command, "list_commands"):
            ctx = command.make_context(command.name or "parcli", [], resilient_parsing=True)
            for name in command.list_commands(ctx):
                found += of(command.get_command(ctx, name))
        return found

    texts = help_texts(typer.main.get_command(app))
    for name in COMMANDS:
        texts += [short_help(name), *of(load_command(name))]
    return sorted({p for t in texts for p in paragraphs(t)})


def extracted(package: Path = PACKAGE) -> Catalog:
    """Every message id the package's code marks, with the files that use it (no line numbers: a line
    that moves does not change the catalogue)."""
    template = Catalog(project=PROJECT, copyright_holder=COPYRIGHT, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            package, [("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        where = (f"{package.name}/{Path(filename).as_posix()}", lineno)  # written without the line
        template.add(message, locations=[where], auto_comments=comments, context=context)
    if package == PACKAGE:  # the command line's help, taken from the commands themselves (parcli/helptext.py)
        for paragraph in help_ids():
            template.add(paragraph, locations=[("parcli/helptext.py", 0)], context="help")
    return template


def extract(pot: Path = POT, package: Path = PACKAGE) -> Catalog:
    template = extracted(package)
    with open(pot, "wb") as fh:
        write_po(fh, template, width=120, include_lineno=False, sort_output=True)
    return template


def read(path: Path = PO) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale="vi", domain="parcli")


def write(catalog: Catalog, path: Path = PO) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=120, include_lineno=False, sort_output=True, ignore_obsolete=True)
    path.write_bytes(buf.getvalue())


def update(po: Path = PO, pot: Path = POT, package: Path = PACKAGE) -> Catalog:
    """The .po from the code's message ids: translations kept, new ids empty, a changed id fuzzy (Babel's
    nearest old id, to review), an id no code uses dropped."""
    from parcli import __version__

    catalog = read(po)
    created = catalog.creation_date  # the template's is now: it would change the .mo at every update
    catalog.update(extract(pot, package))
    catalog.creation_date = created
    catalog.project, catalog.version = PROJECT, __version__
    write(catalog, po)
    return catalog


class _Stable(Catalog):
    """A catalogue whose header does not name the Babel that compiled it (the same .po, the same .mo
    whatever Babel the machine has)."""

    def _stable_headers(self) -> list[tuple[str, str]]:
        headers = Catalog.mime_headers.fget
        assert headers is not None
        return [(name, value) for name, value in headers(self) if name != "Generated-By"]

    mime_headers = property(_stable_headers, Catalog.mime_headers.fset)


def compiled(catalog: Catalog) -> bytes:
    """The .mo of ``catalog``: fuzzy and empty entries left out (parcli says their English)."""
    catalog.__class__ = _Stable
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_mo(po: Path = PO) -> bytes:
    data = compiled(read(po))
    po.with_suffix(".mo").write_bytes(data)
    return data


def vi_dict(path: Path) -> dict[str, str]:
    """The ``VI`` dict of a Python file, read as a literal (the file is not run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "VI" and value is not None:
            try:
                found = ast.literal_eval(value)
            except ValueError:
                found = None
            if not isinstance(found, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in found.items()):
                raise SystemExit(f"{path}: VI is not a dict of strings")
            return found
    raise SystemExit(f"{path}: no VI = {{...}} in this file")


def import_py(path: Path, po: Path = PO) -> list[str]:
    """Add every entry of the VI dict of ``path`` to the .po (a key "context\\x04msgid" has a context),
    then compile. An entry the .po already translates otherwise is replaced, and said."""
    catalog = read(po)
    said = []
    for key, string in vi_dict(path).items():
        context, msgid = key.split("\x04", 1) if "\x04" in key else (None, key)
        old = catalog.get(msgid, context)
        if old is None:
            catalog.add(msgid, string, context=context)
            continue
        if old.string and old.string != string:
            said.append(f"{key!r}: {old.string!r} -> {string!r}")
        old.string = string
        old.flags.discard("fuzzy")
    write(catalog, po)
    compile_mo(po)
    return said


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("extract", "update", "compile", "import-py") or (
            (argv[0] == "import-py") != (len(argv) == 2)):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "extract":
        print(f"{POT.relative_to(ROOT)}: {len(extract())} message ids")
    elif argv[0] == "update":
        catalog = update()
        empty = sum(1 for m in catalog if m.id and not m.string)
        fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
        print(f"{PO.relative_to(ROOT)}: {len(catalog)} entries, {empty} to translate, {fuzzy} fuzzy to review")
    elif argv[0] == "compile":
        print(f"{MO.relative_to(ROOT)}: {len(compile_mo()):,} bytes")
    else:
        for line in import_py(Path(argv[1])):
            print(f"replaced {line}")
        print(f"{PO.relative_to(ROOT)} and {MO.relative_to(ROOT)}: imported {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
