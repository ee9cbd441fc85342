"""The dependency ranges mean something: each lower bound is pinned in the oldest-versions
constraints file that .ci/run tests with, and each upper bound says why it is there."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / ".ci" / "oldest-constraints.txt"
_REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;]*)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> dict[str, str]:
    """Every direct dependency (the test extra included) → its version specifiers."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found = {}
    for line in [*project["dependencies"], *(r for extra in project.get("optional-dependencies", {}).values()
                                            for r in extra)]:
        m = _REQUIREMENT.match(line)
        assert m, line
        found[normal(m.group("name"))] = m.group("spec").replace(" ", "")
    return found


def lower_bound(spec: str) -> str | None:
    m = re.search(r">=([0-9][0-9A-Za-z.]*)", spec)
    return m.group(1) if m else None


def pins() -> dict[str, str]:
    out = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{CONSTRAINTS.name}: {line!r} is not NAME==VERSION"
            out[normal(name)] = version.strip()
    return out


def same_version(a: str, b: str) -> bool:
    """3.8 and 3.8.0 are the same release."""
    pa, pb = a.split("."), b.split(".")
    width = max(len(pa), len(pb))
    return pa + ["0"] * (width - len(pa)) == pb + ["0"] * (width - len(pb))


def test_every_dependency_has_a_lower_bound():
    missing = [name for name, spec in requirements().items() if lower_bound(spec) is None]
    assert not missing, f"no >= bound in pyproject.toml for {missing}"


def test_every_lower_bound_is_pinned_in_the_oldest_constraints():
    wanted = requirements()
    pinned = pins()
    assert set(pinned) == set(wanted), (
        f"{CONSTRAINTS.name} pins {sorted(pinned)}, pyproject.toml asks for {sorted(wanted)}")
    differ = [f"{name}: pyproject.toml >={lower_bound(spec)}, {CONSTRAINTS.name} =={pinned[name]}"
              for name, spec in wanted.items() if not same_version(lower_bound(spec), pinned[name])]
    assert not differ, "\n".join(differ)


def test_every_upper_bound_says_why():
    """An upper bound is there only for a known break or slow-down, named in a comment just above."""
    lines = PYPROJECT.read_text(encoding="utf-8").splitlines()
    unexplained = []
    for i, line in enumerate(lines):
        m = re.match(r'\s*"([^"]+)"', line)
        if m and "<" in m.group(1):
            above = lines[i - 1].strip() if i else ""
            if not above.startswith("#"):
                unexplained.append(m.group(1))
    assert not unexplained, f"upper bounds without a reason in a comment above them: {unexplained}"


def test_ci_runs_ruff_and_mypy_as_pyproject_configures_them():
    """.ci/run installs the lint extra and runs ruff and mypy (a finding fails CI); mypy checks untyped
    functions too, and skips missing stubs only for the modules named, never everywhere."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "install --quiet --disable-pip-version-check '.[lint]'" in ci
    assert "lint .venv/bin/ruff check --no-cache ." in ci and "lint .venv/bin/mypy" in ci
    tool = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]
    assert tool["ruff"]["line-length"] == 120 and tool["ruff"]["target-version"] == "py311"
    assert {"E", "F", "W", "I", "B", "UP"} <= set(tool["ruff"]["lint"]["select"])
    mypy = tool["mypy"]
    assert mypy["check_untyped_defs"] is True and mypy["warn_unused_ignores"] is True
    assert mypy["python_version"] == "3.11" and mypy["files"] == ["parcli"]
    assert "ignore_missing_imports" not in mypy
    assert all(override["module"] for override in mypy.get("overrides", []))
    assert (ROOT / "parcli" / "py.typed").is_file()  # PEP 561: users' type checkers read parcli's hints
