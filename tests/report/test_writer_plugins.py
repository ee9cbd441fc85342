"""Writers are plug-ins: a format is one entry of parcli.report.WRITERS and one Writer subclass.

A new format registered in the table (here a toy tab-separated writer defined in this file, registered the way
a shipped format is) is offered by every command whose capability it has: in ``--format`` choices, in the
suffixes ``-o`` takes and the help and messages list, in the short help of ``parcli --help``; the commands
whose capability it lacks still refuse it, naming their own formats. No copy of the package is needed.
"""

from __future__ import annotations

import sys

import pytest

from parcli import report
from parcli.cli import short_help
from parcli.report import PLAN, RANKING, RESULTS, UNIT, WRITERS, Writer, WriterEntry, choices, format_for, titles
from parcli.report.writer import METHODS
from tests.conftest import EXAMPLES

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))
COMMAND_MODULES = ["parcli.commands.score", "parcli.commands.plan", "parcli.commands.export",
                   "parcli.commands.rank", "parcli.commands.convert"]


class TsvWriter(Writer):
    """Tab-separated lines: a unit's leaves, a ranking, a plan's steps."""

    def results(self, fh, summaries) -> None:
        for s in summaries:
            for leaf in s.leaves:
                fh.write(f"{s.unit}\t{leaf.id}\t{leaf.points}\n".encode())

    def ranking(self, fh, ranking, leaves=()) -> None:
        for row in ranking.rows:
            fh.write(f"{row.rank}\t{row.summary.unit}\n".encode())

    def plan(self, fh, plan) -> None:
        for change in plan.changes:
            fh.write(f"step\t{change.leaf.id}\t{change.gain}\n".encode())


@pytest.fixture
def tsv(monkeypatch):
    """The toy format registered; the command modules built again, as a new process builds them."""
    monkeypatch.setitem(WRITERS, "tsv", WriterEntry("TSV", (".tsv",), __name__, "TsvWriter",
                                                    frozenset({RESULTS, RANKING, PLAN}), stream=True))
    for name in COMMAND_MODULES:
        monkeypatch.delitem(sys.modules, name, raising=False)
    yield
    for name in COMMAND_MODULES:  # built with the toy format: dropped, so later tests import them again
        sys.modules.pop(name, None)


def test_each_shipped_writer_has_the_method_of_each_capability_and_no_other():
    for fmt, entry in WRITERS.items():
        writer = report.writer_of(fmt)
        assert isinstance(writer, Writer) and writer.name == entry.title and writer.format == fmt
        for what, method in METHODS.items():
            overridden = getattr(type(writer), method) is not getattr(Writer, method)
            assert overridden == (what in entry.writes), (fmt, what)


def test_an_entry_that_promises_more_than_its_writer_does_is_refused(monkeypatch):
    monkeypatch.setitem(WRITERS, "tsv", WriterEntry("TSV", (".tsv",), __name__, "TsvWriter", frozenset({UNIT})))
    with pytest.raises(TypeError, match="no unit"):
        report.writer_of("tsv")


def test_a_registered_format_is_in_the_table_s_answers(tsv):
    assert format_for(BAC_NINH.with_suffix(".TSV")) == "tsv"
    assert choices(RESULTS)[1] == "table|csv|json|tsv" and choices(PLAN)[1] == "table|csv|json|tsv"
    assert titles(RESULTS) == "CSV, JSON, XLSX or TSV"
    assert report.suffix_list(RANKING) == ".csv, .xlsx or .tsv"


def test_a_registered_format_is_offered_by_every_command_with_its_capability(cli, tsv, tmp_path):
    score = cli("score", BAC_NINH, "-f", "tsv")
    assert score.exit_code == 0, score.all
    assert score.stdout.splitlines()[0].split("\t")[:2] == ["Tỉnh Bắc Ninh", "1.1.1"]
    assert "table|csv|json|tsv" in cli("score", "--help").stdout

    plan = cli("plan", BAC_NINH, "--target-class", "A", "-f", "tsv")
    assert plan.exit_code == 0, plan.all
    assert plan.stdout and all(line.startswith("step\t") for line in plan.stdout.splitlines())

    out = tmp_path / "all.tsv"
    export = cli("export", BAC_NINH, DEPARTMENTS[0], "-o", out)
    assert export.exit_code == 0, export.all
    units = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    assert units[0] == "Tỉnh Bắc Ninh" and len(set(units)) == 2
    help_text = " ".join(cli("export", "--help").stdout.split())
    assert "to a CSV, JSON, XLSX or TSV file" in help_text and ".csv, .json, .xlsx or .tsv" in help_text
    assert short_help("export") == "Score units and write every leaf of every unit to a CSV, JSON, XLSX or TSV file."

    ranked = tmp_path / "rank.tsv"
    rank = cli("rank", *DEPARTMENTS[:3], "-o", ranked)
    assert rank.exit_code == 0, rank.all
    assert [line.split("\t")[0] for line in ranked.read_text(encoding="utf-8").splitlines()][:1] == ["1"]

    wrong = cli("export", BAC_NINH, "-o", tmp_path / "x.pdf")
    assert wrong.exit_code == 2 and ".csv, .json, .xlsx or .tsv" in wrong.stderr


def test_a_command_without_its_capability_still_refuses_it(cli, tsv, tmp_path):
    run = cli("convert", BAC_NINH, "-o", tmp_path / "unit.tsv")
    assert run.exit_code == 2 and "a unit is written as .xlsx or .yaml; this name ends in '.tsv'" in run.stderr
    run = cli("report", BAC_NINH, "-o", tmp_path / "page.tsv")
    assert run.exit_code == 2 and "a report is written as .html; this name ends in '.tsv'" in run.stderr
