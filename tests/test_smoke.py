"""Smoke mode (`nianbao --smoke OUT.json`): the check a frozen build runs on itself; here from the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

pytestmark = pytest.mark.gui


def _env(offscreen_env: bool) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(var, None)
    if offscreen_env:
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _run(args: list[str], offscreen_env: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=_env(offscreen_env), capture_output=True, text=True, timeout=240, check=False
    )


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def test_run_smoke_writes_a_complete_summary(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "smoke.json"
    code = (
        "import sys; from nianbao.gui.smoke import run_smoke; "
        f"sys.exit(run_smoke({str(out)!r}, ['-platform', 'offscreen']))"
    )
    proc = _run(["-c", code])
    data = _load(out)
    assert data["errors"] == [], data["errors"]
    assert proc.returncode == 0, proc.stderr
    assert data["ok"] is True
    from nianbao import __version__

    assert data["app_version"] == __version__
    assert data["python"] == ".".join(map(str, sys.version_info[:3]))
    assert data["qt"].startswith("6.") and data["pyside"].startswith("6.")
    assert data["qpa_platform"] == "offscreen"
    assert data["platform"]["system"]
    assert data["frozen"] is False
    assert data["window"] == "ok"
    assert data["icon"] == 256
    assert data["layout"] == "default" and data["toolbar_icons"] == 6
    assert data["qt_translation"] is True
    assert {"gov2021", "gov2019"} <= {f.split(":")[0] for f in data["formats"]}
    assert data["example"]["cells"] > 0
    assert set(data["findings"]) == {"total", "errors", "warnings"}
    for kind in ("docx", "xlsx", "pdf"):
        assert data["exports"][kind]["status"] == "ok"
        assert data["exports"][kind]["bytes"] > 1000
    # the PDF is kept beside the result file, and its text layer reads back
    pdf = out.with_suffix(".pdf")
    assert data["exports"]["pdf"]["file"] == pdf.name and pdf.stat().st_size == data["exports"]["pdf"]["bytes"]
    if shutil.which("pdftotext"):
        text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
        assert data["example"]["title"] in text and "一、总体情况" in text
    for step in ("qapp", "window", "check", "export_docx", "export_xlsx", "total"):
        assert data["timings"][step] >= 0
    assert not list(out.parent.glob(".smoke.json.*"))  # atomic write left no temp file


def test_cli_smoke_flag(tmp_path: Path) -> None:
    out = tmp_path / "smoke.json"
    proc = _run(["-m", "nianbao", "--smoke", str(out), "-platform", "offscreen"])
    assert proc.returncode == 0, proc.stderr
    assert _load(out)["ok"] is True


def test_cli_passes_platform_argument_to_qt(tmp_path: Path) -> None:
    """As under Wine or a windowed exe: only the command line selects the offscreen platform."""
    out = tmp_path / "smoke.json"
    proc = _run(["-m", "nianbao", "--smoke", str(out), "-platform", "offscreen"], offscreen_env=False)
    assert proc.returncode == 0, proc.stderr
    assert _load(out)["qpa_platform"] == "offscreen"


def _failed_smoke(out: Path, setup: str, run_args: str = "") -> dict[str, Any]:
    """run_smoke in a fresh interpreter after `setup` (Python lines that break a step); it must exit 1 and still
    write its result file, which is returned."""
    code = (
        f"import sys\n{setup}"
        "from nianbao.gui.smoke import run_smoke\n"
        f"sys.exit(run_smoke({str(out)!r}, ['-platform', 'offscreen']{run_args}))\n"
    )
    proc = _run(["-c", code])
    assert proc.returncode == 1
    data = _load(out)
    assert data["ok"] is False
    return data


def test_failures_are_reported_in_the_file(tmp_path: Path) -> None:
    """A broken step is an entry in `errors` and exit code 1, not a crash without a result file."""
    setup = (
        "import nianbao.resources as r\n"
        "def broken(name='x'):\n"
        "    raise OSError('example missing')\n"
        "r.load_example = broken\n"
    )
    data = _failed_smoke(tmp_path / "smoke.json", setup)
    assert [e["step"] for e in data["errors"]] == ["load_example"]
    assert "example missing" in data["errors"][0]["error"]


def test_watchdog_writes_a_result_when_the_run_hangs(tmp_path: Path) -> None:
    # a hang injected into a private step: no real input makes loading the formats hang
    setup = "import time\nimport nianbao.gui.smoke as s\ns._load_formats = lambda: time.sleep(60)\n"
    data = _failed_smoke(tmp_path / "smoke.json", setup, ", timeout=2")
    assert data["errors"][-1]["step"] == "watchdog"
