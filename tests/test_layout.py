"""The package keeps the shape DESIGN §8 draws: no import cycle, no private name imported from
another module, and every module, function or file a docstring or comment names exists."""

from __future__ import annotations

import ast
import importlib
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "parcli"


def modules() -> dict[str, ast.Module]:
    """Every module of the package by its dotted name, parsed."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def imports(name: str, tree: ast.Module, known) -> list[tuple[str, str]]:
    """(module imported, name taken from it) for every relative import of a module, lazy ones too."""
    is_package = (PACKAGE / name.replace(".", "/").removeprefix("parcli/") / "__init__.py").is_file() \
        if name != "parcli" else True
    package = name.split(".") if is_package else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub, "") if sub in known else (target, alias.name))
    return found


def test_no_import_cycle():
    trees = modules()
    edges = {name: {target for target, _ in imports(name, tree, trees) if target in trees and target != name}
             for name, tree in trees.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    """The walk above sees a cycle when there is one (two modules importing each other)."""
    a = ast.parse("from .b import x\n")
    b = ast.parse("def f():\n    from .a import y\n")
    known = {"parcli.a": a, "parcli.b": b}
    assert imports("parcli.a", a, known) == [("parcli.b", "x")]
    assert imports("parcli.b", b, known) == [("parcli.a", "y")]


def test_no_private_name_is_imported_from_another_module():
    trees = modules()
    private = [f"{name} imports {taken} from {target}" for name, tree in trees.items()
               for target, taken in imports(name, tree, trees)
               if taken.startswith("_") and not taken.startswith("__") and target != name]
    assert not private, private


REFERENCE = re.compile(r":(?:mod|func|class|data|meth|attr):`~?(parcli\.[\w.]+)`")
# A path of the repository named in a text: a module, a script, a test, a fixture, a framework, a catalogue ...
FILE = re.compile(r"(?<![\w/.-])(?:\.ci/[\w.-]+|(?:parcli|scripts|tests|benchmarks|criteria|examples|docs)/"
                  r"[\w/.-]*\w\.(?:py|po|mo|j2|json|yaml|md|txt|csv))\b")
PLACEHOLDER = re.compile(r"<|(?:^|/)[A-Z]{2,}[./]")  # tests/rules/test_<kind>.py, parcli/schemas/KIND.schema.json


def test_every_module_and_name_a_docstring_cites_exists():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for ref in sorted(set(REFERENCE.findall(path.read_text(encoding="utf-8")))):
            parts = ref.split(".")
            for i in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:i]))
                except ImportError:
                    continue
                try:
                    for attr in parts[i:]:
                        obj = getattr(obj, attr)
                except AttributeError:
                    missing.append(f"{path.relative_to(ROOT)}: {ref}")
                break
            else:
                missing.append(f"{path.relative_to(ROOT)}: {ref}")
    assert not missing, missing


def test_every_file_a_docstring_or_comment_names_exists():
    missing = []
    texts = [*PACKAGE.rglob("*.py"), ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "tests").rglob("*.py"),
             *(ROOT / "benchmarks").glob("*.py"), *(ROOT / "scripts").glob("*.py"), ROOT / ".ci" / "run",
             ROOT / "parcli" / "locale" / "vi" / "LC_MESSAGES" / "parcli.po"]
    named = 0
    for path in texts:
        for name in sorted(set(FILE.findall(path.read_text(encoding="utf-8")))):
            named += 1
            if not PLACEHOLDER.search(name) and not (ROOT / name).exists():
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, missing
    assert named > 100  # the pattern finds the paths the texts name


def test_the_path_pattern_finds_every_kind_of_path():
    text = ("see parcli/report/writer.py, tests/rules/newkind/threshold.py, .ci/oldest-constraints.txt, "
            "criteria/province-2020.yaml and parcli/locale/vi/LC_MESSAGES/parcli.po; not hoso/*.yaml")
    assert FILE.findall(text) == ["parcli/report/writer.py", "tests/rules/newkind/threshold.py",
                                  ".ci/oldest-constraints.txt", "criteria/province-2020.yaml",
                                  "parcli/locale/vi/LC_MESSAGES/parcli.po"]
    assert PLACEHOLDER.search("parcli/schemas/KIND.schema.json") and PLACEHOLDER.search("tests/rules/test_<kind>.py")
    assert not PLACEHOLDER.search("parcli/report/writer.py")


def kind_comparisons(tree: ast.Module, kinds) -> list[int]:
    """Lines that compare with a rule kind's id (``x == "manual"``, ``kind in ("yes_no", …)``,
    ``rule.kind == …``) or build a key from it (``"kind_" + …``)."""
    def names_a_kind(node) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in kinds
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(names_a_kind(e) for e in node.elts)
        return False

    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(names_a_kind(side) for side in sides) or any(
                    isinstance(side, ast.Attribute) and side.attr == "kind" and isinstance(side.value, ast.Attribute)
                    and side.value.attr == "rule" for side in sides):
                lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("kind_"):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_rule_kind_is_named_outside_the_rules():
    from parcli.rules import KINDS

    found = [f"{name}:{line}" for name, tree in modules().items() if not name.startswith("parcli.rules")
             for line in kind_comparisons(tree, set(KINDS))]
    assert not found, "compare with a rule kind outside parcli/rules/ (ask the rule instead): " + ", ".join(found)


def test_the_kind_finder_finds_what_it_looks_for():
    tree = ast.parse('if node.rule.kind == x: pass\nif k in ("yes_no", "b"): pass\nlabel("kind_" + k)\n'
                     'if "manual" != k: pass\nif k == "other": pass\n')
    assert kind_comparisons(tree, {"yes_no", "manual"}) == [1, 2, 3, 4]
