"""A blank unit file for a framework: every leaf, with its title, max, rule and value form."""

from __future__ import annotations

import datetime
import json

from ..i18n import N_, say
from . import display, label, provenance_line

_HEAD = [
    N_("Blank unit file for framework {id} v{version}: {title}."),
    N_("Fill in each leaf; leave it empty if there is no evidence (it scores 0 and is reported missing)."),
    N_("Any value may carry claimed (self-assessed points), note and documents."),
    N_("Not applicable: {{na: true, note: \"why\"}}. Check with: parcli validate <this file>"),
]
def _c(text: str) -> str:
    """A comment line of the template: whatever the framework's text holds (line breaks, tabs),
    it stays one comment line and cannot become a line of YAML."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    return indent + " ".join(text.split())


def template_text(fw, framework_ref: str, schema_uri: str, lang: str = "vi", year: int | None = None) -> str:
    places = fw.places
    fmt = lambda v: display(v, places)  # noqa: E731
    lines = [f"# yaml-language-server: $schema={schema_uri}"]
    for line in _HEAD:
        lines.append("# " + _c(say(line, lang).format(id=fw.id, version=fw.version, title=fw.title(lang))))
    lines.append("# " + _c(provenance_line(fw, lang)))  # says RECONSTRUCTED / TÁI DỰNG where it is
    year = year or datetime.date.today().year
    unit_word = label("form_unit", lang)
    lines += [
        "schema: parcli/unit/v1",
        f"unit: {json.dumps(unit_word, ensure_ascii=False)}",
        '# code: "…"',
        f"year: {year}",
        f"framework: {json.dumps(framework_ref, ensure_ascii=False)}",  # a path with '#' or ': ' stays one value
        "evidence:",
    ]
    for fnode in fw.fields:
        lines.append("")
        lines.append(_c(f"  # ══ {label('field', lang)} {fnode.id}. {fnode.label(lang)} ({fmt(fnode.max)})"))
        for cid in fnode.children:
            c = fw.nodes[cid]
            if not c.is_leaf:
                lines.append(_c(f"  # ── {label('criterion', lang)} {c.id}. {c.label(lang)} ({fmt(c.max)})"))
                leaves = [fw.nodes[s] for s in c.children]
            else:
                leaves = [c]
            for leaf in leaves:
                source = "" if leaf.source in (None, "assessment") else f" · {label(leaf.source, lang)}"
                lines.append(_c(f"  # {leaf.id} {leaf.label(lang)} · {label('max', lang).lower()} {fmt(leaf.max)}"
                                f"{source}"))
                unit = leaf.rule.unit(lang)
                unit = f" ({label('measure', lang).lower()}: {unit})" if unit else ""
                lines.append(_c(f"  #   {leaf.rule.describe(leaf.max, lang, fmt)}{unit}"))
                if leaf.documents:
                    lines.append(_c(f"  #   {label('documents', lang)}: {leaf.documents}"))
                lines.append(f"  {json.dumps(leaf.id, ensure_ascii=False)}:    " + _c(f"# {leaf.rule.form_hint(lang)}"))
    return "\n".join(lines) + "\n"
