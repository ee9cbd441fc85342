"""A checked unit written back as a unit file (YAML), e.g. from a filled form (``parcli convert``)."""

from __future__ import annotations

import json
from decimal import Decimal

from . import Writer, provenance_line


def _text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML): any text, safely."""
    return json.dumps(value, ensure_ascii=False)


def _num(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def _value(node, ev) -> str:
    parts: list[str] = []
    if ev.na:
        parts.append("na: true")
    elif ev.form == "bool":
        parts.append(f"value: {'true' if ev.amount else 'false'}")
    elif ev.form == "option":
        parts.append(f"value: {_text(ev.amount)}")
    elif ev.form == "ratio":
        parts.append(f"done: {_num(ev.done)}, of: {_num(ev.of)}")
    elif ev.form in ("percent", "count", "value"):
        parts.append(f"{ev.form}: {_num(ev.amount)}")
    if ev.points is not None:
        parts.append(f"points: {_num(ev.points)}")
    if ev.claimed is not None:
        parts.append(f"claimed: {_num(ev.claimed)}")
    if ev.note is not None:
        parts.append(f"note: {_text(ev.note)}")
    if ev.documents:
        parts.append("documents: [" + ", ".join(_text(d) for d in ev.documents) + "]")
    if len(parts) == 1 and ev.form in ("bool", "option"):
        return parts[0][len("value: "):]  # the scalar form: true, false, an option key
    return "{" + ", ".join(parts) + "}"


def raw_value(ev):
    """An evidence value as a unit file holds it (a scalar or a mapping), for JSON outputs."""
    out: dict = {}
    if ev.na:
        out["na"] = True
    elif ev.form == "bool" or ev.form == "option":
        out["value"] = ev.amount
    elif ev.form == "ratio":
        out["done"], out["of"] = ev.done, ev.of
    elif ev.form in ("percent", "count", "value"):
        out[ev.form] = ev.amount
    if ev.points is not None:
        out["points"] = ev.points
    if ev.claimed is not None:
        out["claimed"] = ev.claimed
    if ev.note is not None:
        out["note"] = ev.note
    if ev.documents:
        out["documents"] = list(ev.documents)
    if len(out) == 1 and ev.form in ("bool", "option"):
        return out["value"]
    return out


def unit_yaml(unit, fw, framework_ref: str, mark: str = "", lang: str = "vi") -> str:
    """The unit file of ``unit`` (checked against ``fw``), naming its framework as ``framework_ref``; ``mark``
    (where it came from, in the chosen language) and the framework's provenance in its header comment."""
    lines = []
    if mark:
        from .snippet import visible

        lines.append(f"# {visible(mark)}")  # a name's line breaks and bytes, escaped
    lines.append("# " + provenance_line(fw, lang))
    lines += [
        "schema: parcli/unit/v1",
        f"unit: {_text(unit.name)}",
    ]
    if unit.code is not None:
        lines.append(f"code: {_text(unit.code)}")
    lines += [f"year: {unit.year}", f"framework: {_text(framework_ref)}", "evidence:"]
    written = False
    for f in fw.fields:
        ids = [f.id]
        for cid in f.children:
            ids.append(cid)
            ids.extend(fw.nodes[cid].children)
        for node_id in ids:
            node = fw.nodes[node_id]
            ev = unit.evidence.get(node_id)
            if ev is not None:
                lines.append(f"  {_text(node_id)}: {_value(node, ev)}")
                written = True
            elif node_id in unit.na:
                lines.append(f"  {_text(node_id)}: {{na: true}}")
                written = True
    if not written:
        lines[-1] = "evidence: {}"
    if unit.adjustments:  # bonus and penalty (DESIGN §12a), as the unit gave them
        lines.append("adjustments:")
        for kind, ev in unit.adjustments.items():
            lines.append(f"  {kind}: {_value(None, ev)}")
    return "\n".join(lines) + "\n"


class YamlWriter(Writer):
    """Unit files: a checked unit written back (``convert``, ``plan --apply``), or the blank template."""

    def unit(self, fh, unit, fw, ref: str, mark: str = "") -> None:
        fh.write(unit_yaml(unit, fw, ref, mark, self.lang).encode("utf-8"))

    def template(self, fh, fw, ref: str, year: int | None = None) -> None:
        from ..schema import shipped_schema
        from .template import template_text

        fh.write(template_text(fw, ref, shipped_schema("unit").as_uri(), self.lang, year).encode("utf-8"))
