"""Start-up never fails silently: the start-up log, its rotation, the failure message, Wine detection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao import startup


def _log(data: Path) -> str:
    return (data / "logs" / startup.LOG_NAME).read_text("utf-8")


def test_not_wine_outside_windows() -> None:
    assert startup.wine_version() is None or sys.platform == "win32"


def test_log_goes_to_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))
    assert startup.log("hello") == tmp_path / "logs" / "startup.log"
    startup.log_start()
    lines = _log(tmp_path).splitlines()
    assert lines[0].endswith("hello") and f"[{os.getpid()}]" in lines[0]
    assert "start nianbao" in lines[1] and "python 3." in lines[1]


def test_log_is_rotated_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(startup, "LOG_MAX_BYTES", 200)
    for n in range(40):
        startup.log(f"line {n:02d} " + "x" * 40)
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == ["startup.1.log", "startup.2.log", "startup.3.log", "startup.log"]
    assert all(p.stat().st_size < 200 + 120 for p in (tmp_path / "logs").iterdir())
    assert "line 39" in _log(tmp_path)
    assert "line 00" not in "".join(p.read_text("utf-8") for p in (tmp_path / "logs").iterdir())


def test_failure_is_logged_and_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path))

    def broken() -> int:
        raise ImportError("DLL load failed while importing QtWidgets: 找不到指定的模块。")

    assert startup.run_guarded(broken) == startup.EXIT_START_FAILED
    err = capsys.readouterr().err
    assert startup.BOX_TITLE in err and "缺少系统组件（DLL）" in err
    assert str(tmp_path / "logs" / "startup.log") in err  # the message says where the log is
    log = _log(tmp_path)
    assert "start-up failed: ImportError: DLL load failed" in log and "Traceback" in log


def test_a_log_folder_that_cannot_be_made_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(blocker / "data"))  # below a file: mkdir fails
    path = startup.log("still logged")
    assert path is not None and path.parent.name == "nianbao-logs" and "still logged" in path.read_text("utf-8")


def _run_app(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args], env=full_env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.gui
def test_forced_start_up_exception_gives_the_message_and_the_log(tmp_path: Path) -> None:
    done = _run_app(tmp_path, NIANBAO_TEST_STARTUP_FAULT="exception")
    assert done.returncode == startup.EXIT_START_FAILED
    assert "年报助手启动时出错，窗口未能打开" in done.stderr and "RuntimeError" in done.stderr
    assert str(tmp_path / "logs" / "startup.log") in done.stderr
    log = _log(tmp_path)
    assert "start nianbao" in log and "start-up failed: RuntimeError" in log and "window shown" not in log


@pytest.mark.gui
def test_a_missing_qt_platform_plugin_gives_the_message_and_the_log(tmp_path: Path) -> None:
    done = _run_app(tmp_path, "-platform", "nosuchplatform")
    assert done.returncode != 0
    assert "图形界面组件（Qt 平台插件）无法加载" in done.stderr and '"nosuchplatform"' in done.stderr
    assert "qt fatal: This application failed to start" in _log(tmp_path)


@pytest.mark.gui
def test_a_normal_start_logs_versions_and_the_window_but_no_report_content(tmp_path: Path) -> None:
    probe = (
        "import sys; from nianbao import cli, startup; from nianbao.gui.app import start; "
        "app, win = start(file=sys.argv[1]); app.processEvents(); win.session.undo_stack.setClean(); "
        "print(win.windowTitle())"
    )
    report = tmp_path / "某镇机密报告.nianbao"
    from nianbao.core import storage
    from nianbao.core.report import new_report

    storage.save(new_report(2025), report)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-c", probe, str(report)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    log = _log(tmp_path / "data")
    assert "window shown: Qt offscreen, desktop settings True" in log
    assert "机密" not in log and str(tmp_path) not in log.replace(str(tmp_path / "data"), "")


WINE_PROBE = """
import json
from nianbao import startup
startup._wine[:] = ["wine-8.0 (test)"]
from PySide6.QtWidgets import QApplication
from nianbao.gui.app import create_application
app = create_application()
print(json.dumps({"aware": QApplication.desktopSettingsAware()}))
"""


@pytest.mark.gui
@pytest.mark.parametrize("wine", [True, False])
def test_desktop_settings_are_turned_off_only_under_wine(wine: bool) -> None:
    code = WINE_PROBE if wine else WINE_PROBE.replace('startup._wine[:] = ["wine-8.0 (test)"]', "")
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"aware": not wine}


def test_collector_is_paused_for_the_start_up_then_frozen_and_back_on() -> None:
    import gc

    assert gc.isenabled()
    try:
        with startup.collector_paused():
            assert not gc.isenabled()
            made = [[i] for i in range(2000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(made)
        gc.disable()  # a caller that had it off gets it back off
        with startup.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
