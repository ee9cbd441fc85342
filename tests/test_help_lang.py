"""The command line's help follows --lang / PARCLI_LANG, Vietnamese by default (issue 25 item 3): every
command's help, options and arguments, and the parser's own words."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from parcli.cli import COMMANDS, app, load_command
from parcli.helptext import help_texts, say


def words(text: str) -> str:
    """The text without its spaces and line breaks (the help wraps lines, also after a hyphen)."""
    return "".join(text.split())


def show_help(*args, env=None) -> str:
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2
        runner = CliRunner()
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100", "PARCLI_LANG": "", **(env or {})})
    assert result.exit_code == 0, result.output
    return words(result.stdout)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_help_in_vietnamese_by_default(name):
    shown = show_help(name)
    texts = help_texts(load_command(name))
    assert texts
    for english in texts:
        vietnamese = words(say(english, "vi"))
        assert vietnamese != words(english), english
        assert vietnamese in shown, (english, shown)
        assert words(english) not in shown, english
    assert shown.startswith(words("Cách dùng: parcli " + name)) and "Tùychọn:" in shown
    assert "Showthismessage" not in shown and words("Hiện trợ giúp này rồi thoát.") in shown
    assert "[default:" not in shown and "[required]" not in shown


@pytest.mark.parametrize("name", ["rank", "plan", "score"])
def test_help_follows_lang_and_parcli_lang(name):
    english = help_texts(load_command(name))
    for shown in (show_help(name, "--lang", "en"), show_help(name, env={"PARCLI_LANG": "en"})):
        assert shown.startswith("Usage:parcli" + name)
        assert all(words(t) in shown for t in english)
    assert words(say(english[0], "vi")) in show_help(name, "--lang", "vi", env={"PARCLI_LANG": "en"})
    # the help of one run does not stay in the shared command objects: English again after Vietnamese
    assert all(words(t) in show_help(name, "--lang", "en") for t in english)


def test_root_help_and_command_list_in_vietnamese():
    shown = show_help()
    assert shown.startswith(words("Cách dùng: parcli")) and "Lệnh:" in shown
    for text in help_texts(typer.main.get_command(app)):
        assert words(say(text, "vi")) in shown
    assert words("Chấm điểm một đơn vị") in shown and "Scoreoneunit" not in shown
    assert "Scoreoneunit" in show_help(env={"PARCLI_LANG": "en"})
