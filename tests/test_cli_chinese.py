"""#10.7: `nianbao --help` is Chinese throughout; an unknown word with more arguments is a usage error (exit 2),
never a window; the window's program name (X11 window class) is nianbao."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from factories import run_cli
from nianbao.cli import COMMANDS

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's version", "error:")


@pytest.mark.parametrize("args", [["--help"], ["-h"], *[[c, "--help"] for c in COMMANDS]])
def test_help_has_no_english_words_of_argparse(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, *args)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：nianbao")
    assert not [w for w in ENGLISH if w in out], out
    assert "显示本帮助并退出" in out


def test_a_usage_error_is_chinese_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, "check", "--no-such-option")
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "错误：无法识别的参数：--no-such-option" in err and not [w for w in ENGLISH if w in err]


def _no_window(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str] | None]:
    """Record the argument lists the CLI would open the window with, instead of opening it."""
    opened: list[Sequence[str] | None] = []

    def gui_main(argv: Sequence[str] | None = None) -> int:
        opened.append(argv)
        return 0

    monkeypatch.setattr("nianbao.cli.gui_main", gui_main)
    return opened


@pytest.mark.parametrize(
    "args", [["audx", "a.pdf", "b.pdf"], ["报告", "--json"], ["nosuch.nianbao", "x", "-platform", "offscreen"]]
)
def test_an_unknown_word_followed_by_arguments_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    opened = _no_window(monkeypatch)
    code, _out, err = run_cli(capsys, *args)
    assert code == 2 and not opened
    assert f"“{args[0]}”既不是子命令，也不是已有的文件" in err


def test_an_existing_file_or_a_lone_word_still_opens_the_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.nianbao").write_text("{}", "utf-8")
    opened = _no_window(monkeypatch)
    assert run_cli(capsys, "a.nianbao", "-platform", "offscreen")[0] == 0
    assert run_cli(capsys, "missing.nianbao")[0] == 0  # the window says it cannot open it
    assert len(opened) == 2


def test_the_program_name_and_window_class_are_nianbao() -> None:
    probe = (
        "from nianbao.gui.app import create_application\n"
        "app = create_application()\n"
        "print(app.arguments()[0], app.applicationName(), app.desktopFileName(), app.applicationDisplayName())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["nianbao", "nianbao", "nianbao", "年报助手"]
