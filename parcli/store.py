"""Files → checked frameworks and units.

A :class:`Store` resolves a unit's ``framework:`` reference (a shipped id, or a
path relative to the unit file), loads and checks each framework once per run,
and loads and checks unit files. Errors are :class:`~parcli.errors.InputError`
holding every problem found.
"""

from __future__ import annotations

from pathlib import Path

from . import cache
from .checks import check_framework, check_unit, unit_header
from .domain import Framework, Unit
from .errors import InputError, Problem, input_error
from .i18n import tr
from .inputs.files import decode, looks_like_path, parcli_kind, read_bytes, sha256_hex
from .inputs.yaml import Document, load_file, load_text


def criteria_dir() -> Path:
    """Where the shipped frameworks are: inside the installed package, or the checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "criteria"
    if installed.is_dir():
        return installed
    return here.parent / "criteria"


def shipped() -> dict[str, Path]:
    """Shipped framework ids (file stems) → paths, sorted by id."""
    folder = criteria_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


class Store:
    """Loads each framework once per run; loads units against them."""

    def __init__(self) -> None:
        self._frameworks: dict[Path, Framework] = {}
        self._failed: dict[Path, list[Problem]] = {}
        self._by_ref: dict[tuple[str, str], Framework] = {}

    # -- frameworks --------------------------------------------------------

    def framework_path(self, ref: str, base: Path | None = None) -> Path | None:
        """The file a reference names, or ``None`` when nothing matches."""
        if looks_like_path(ref):
            p = Path(ref)
            if not p.is_absolute() and base is not None:
                p = base / p
            return p
        return shipped().get(ref)

    def framework(self, ref: str, base: Path | None = None, display: str | None = None) -> Framework:
        """Load a framework by shipped id or path; raise InputError with its problems."""
        cache_key = (ref, str(base) if looks_like_path(ref) else "")
        cached = self._by_ref.get(cache_key)
        if cached is not None:
            return cached
        path = self.framework_path(ref, base)
        if path is None:
            known = ", ".join(shipped()) or "none"
            raise InputError(f"{ref}: " + tr("no shipped framework has this id (shipped: {known}); "
                                             "or give the path of a framework file", known=known))
        fw = self.framework_file(path, display)
        self._by_ref[cache_key] = fw
        return fw

    def framework_file(self, path: Path, display: str | None = None) -> Framework:
        key = path.resolve()
        if key in self._frameworks:
            return self._frameworks[key]
        if key in self._failed:
            raise InputError("invalid framework", self._failed[key])
        name = display or str(path)
        try:
            raw = read_bytes(path, name)
            if parcli_kind(raw) is None:  # refused before it is parsed: no line or key of it is quoted
                raise input_error(name, 0, 0, tr("not a parcli framework file (it has no line "
                                                 "'schema: parcli/framework/v1')"))
            sha256 = sha256_hex(raw)
            fw = cache.load(sha256, name, len(raw))
            if fw is not None:  # checked on an earlier run: the same bytes, the same code
                self._frameworks[key] = fw
                return fw
            doc = load_text(decode(raw, name), name)
        except InputError as exc:
            self._failed[key] = exc.problems
            raise
        doc.sha256 = sha256
        doc.size = len(raw)
        return self.framework_doc(path, doc)

    def framework_doc(self, path: Path, doc: Document) -> Framework:
        """Check an already loaded framework file and keep it."""
        key = path.resolve()
        fw, problems = check_framework(doc, doc.sha256)
        if fw is None:
            self._failed[key] = problems
            raise InputError("invalid framework", problems)
        self._frameworks[key] = fw
        cache.save(fw, doc.size)
        return fw

    # -- units -------------------------------------------------------------

    def unit(self, path: str | Path, doc: Document | None = None) -> tuple[Unit, Framework]:
        """Load and check a unit file (YAML, or a filled XLSX form) and the framework it names."""
        name = str(path)
        if doc is None:
            if is_form(path):
                return self._form_unit(Path(path), name)
            doc = load_file(path, name, digest=False)
        header, problems = unit_header(doc)
        if header is None:
            raise InputError("invalid unit file", problems)
        base = Path(path).parent
        ref = header.framework
        try:
            fw = self.framework(ref, base)
        except InputError as exc:
            line, col = doc.locate(("framework",))
            said, below = unusable(ref, exc)
            where = Problem(name, line, col, said)
            raise InputError("invalid framework reference", [where, *below]) from None
        unit, problems = check_unit(doc, header, fw)
        if unit is None:
            raise InputError("invalid unit file", problems)
        return unit, fw

    def _form_unit(self, path: Path, name: str) -> tuple[Unit, Framework]:
        """A filled form: its hidden sheet first, then the framework it names (the form's rows follow its
        rules), then its cells read with that framework, then the unit's checks."""
        from .inputs.form import open_form, read_cells

        opened = open_form(path, name)
        ref = opened.framework_ref
        fw: Framework | None = None
        error: InputError | None = None
        if isinstance(ref, str):
            try:
                if looks_like_path(ref):  # a file beside the form: read as a framework only if it is one
                    _parcli_framework(path.parent / ref, ref)
                fw = self.framework(ref, path.parent)
            except InputError as exc:
                error = exc
        doc = read_cells(opened, fw) if fw is not None else opened.doc
        if error is not None:
            said, below = unusable(doc.data.get("framework"), error)
            where = doc.problem(("framework",), said)
            raise InputError("invalid framework reference", [where, *below])
        header, problems = unit_header(doc)
        if header is None:
            raise InputError("invalid unit file", problems)
        if fw is None:  # the form names no usable framework: its header said why
            fw = self.framework(header.framework, path.parent)
        unit, problems = check_unit(doc, header, fw)
        if unit is None:
            raise InputError("invalid unit file", problems)
        return unit, fw


def unusable(ref, exc: InputError) -> tuple[str, list[Problem]]:
    """The message "framework 'x' cannot be used: …" of the framework ``ref`` that raised ``exc``, and the
    problems to say after it: a file that cannot be read at all (missing, unreadable, not a framework) said in
    that one line (it said "its file has the problems below", then one line), a file with problems in its lines
    listed below it."""
    if len(exc.problems) == 1 and not exc.problems[0].line:
        found = exc.problems[0]
        if found.file == str(ref):
            return tr("framework {ref!r} cannot be used: {why}", ref=ref, why=found.message), []
        return tr("framework {ref!r} cannot be used: {file}: {why}", ref=ref, file=found.file, why=found.message), []
    if not exc.problems:
        return tr("framework {ref!r} cannot be used: {why}", ref=ref, why=exc.message), []
    return tr("framework {ref!r} cannot be used: {why}", ref=ref, why=tr("its file has the problems below")), \
        list(exc.problems)


def _parcli_framework(path: Path, ref: str) -> None:
    """Refuse, without quoting a line of it, a file that is not a parcli framework (a form names it)."""
    raw = read_bytes(path, str(path))  # a missing file named where it was looked for, as a unit file's is
    if parcli_kind(raw) != "framework":
        raise InputError(tr("{ref!r} is not a parcli framework file; put the form's framework beside it", ref=ref))


def is_form(path: str | Path) -> bool:
    """Whether a unit path is a workbook (read as a form) rather than YAML."""
    from .inputs.form import FORM_SUFFIXES, REFUSED_SUFFIXES

    return str(path).lower().endswith(FORM_SUFFIXES + REFUSED_SUFFIXES)
