"""``parcli validate``: check many framework and unit files, collecting every problem."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem
from .i18n import language, say, tr, trn
from .inputs.yaml import Document, load_file
from .report import STATUS_WORDS
from .scoring import score_file
from .store import Store, is_form


def kind_of(data) -> str | None:
    """``framework`` or ``unit`` from a document's ``schema:``, else None."""
    if isinstance(data, dict) and isinstance(data.get("schema"), str):
        schema = data["schema"]
        if schema.startswith("parcli/framework/"):
            return "framework"
        if schema.startswith("parcli/unit/"):
            return "unit"
    return None


def validate_files(paths: list[Path], strict: bool = False) -> tuple[list[Problem], list[str], list[bool]]:
    """Return (problem lines, one summary line per file, failed flag per file)."""
    from .report import structure_words, warning_text

    store = Store()
    problems: list[Problem] = []
    summaries: list[str] = []
    failed: list[bool] = []
    for path in paths:
        name = str(path)
        found: list[Problem] = []
        summary = ""
        doc: Document | None = None
        kind: str | None
        try:
            if is_form(path):  # a filled form is a unit
                kind = "unit"
            else:
                doc = load_file(path, name)
                kind = kind_of(doc.data)
            if kind == "framework" and doc is not None:
                fw = store.framework_doc(Path(path), doc)
                # the structure is not a quoted value (a message cuts those at 120 characters)
                summary = (tr("framework {id} v{version}:", id=fw.id, version=fw.version) + " "
                           + structure_words(fw, language()) + "; "
                           + tr("total {total} ({status})", total=fw.header.total,
                                status=say(STATUS_WORDS[fw.status])))
            elif kind == "unit":
                result, unit_problems = score_file(store, path, strict=strict, doc=doc)
                found += unit_problems
                if result is not None:
                    missing, fw = result.missing, result.framework
                    if missing:
                        found.append(Problem(name, 0, 0, warning_text(result.warnings[0], language()), "warning"))
                    summary = tr("unit {unit} {year} against {framework}: {filled} of {leaves} scored items with "
                                 "evidence",
                                 unit=result.unit, year=result.year, framework=fw.id,
                                 filled=len(fw.leaves) - len(missing), leaves=len(fw.leaves))
            elif doc is not None:
                found.append(doc.problem(("schema",) if isinstance(doc.data, dict) else (),
                                         tr("cannot tell the kind of file: 'schema:' must be parcli/framework/v1 "
                                            "or parcli/unit/v1")))
        except InputError as exc:
            found += exc.problems or [Problem(name, 0, 0, exc.message)]
        errors = [p for p in found if p.severity == "error"]
        problems += found
        failed.append(bool(errors))
        if errors:
            summaries.append(f"{name}: " + trn("{count} problem", "{count} problems", len(errors), count=len(errors)))
        else:
            summaries.append(f"{name}: " + tr("ok,") + " " + summary)  # the summary whole (a quoted value is cut)
    unique: list[Problem] = []
    seen = set()
    for p in problems:
        text = str(p)
        if text not in seen:
            seen.add(text)
            unique.append(p)
    return unique, summaries, failed
