#!/usr/bin/env python3
"""Set up and run nianbao from a source checkout. Needs only Python 3.11+.

    python3 dev.py run [FILE]     install what is needed, then start the window
    python3 dev.py test [ARGS]    install what is needed, then run linters and the whole test suite
    python3 dev.py core-noqt      the definition/core tests in a second environment without PySide6
    python3 dev.py forms          compile the Qt Designer forms ui/*.ui into src/nianbao/gui/forms/ui_*.py
    python3 dev.py lock [--upgrade]  regenerate the locked versions (requirements-*.txt) after a dependency change

On Windows use `py dev.py run` / `py dev.py test`. Repeating a command is harmless and fast: the
virtual environment (.venv) is reinstalled only when pyproject.toml or a lock file changes. Every package is
installed at the version and with the sha256 hashes in requirements-dev.txt (requirements-noqt.txt for core-noqt),
so every machine tests with the same versions.
"""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WINDOWS = os.name == "nt"

# Debian packages Qt needs to run (offscreen or on a screen) and CJK fonts to draw Chinese text.
QT_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
}


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if WINDOWS else "bin/python")


def debian_packages() -> None:
    """Install the system libraries Qt needs, on Debian/Ubuntu, when they are missing."""
    if WINDOWS or sys.platform == "darwin" or not shutil.which("dpkg"):
        return
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    need = sorted({pkg for lib, pkg in QT_LIBS.items() if lib not in known})
    fonts = (
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
        if shutil.which("fc-list")
        else ""
    )
    if not fonts.strip():
        need.append("fonts-noto-cjk")
    if not shutil.which("fc-list"):
        need.append("fontconfig")
    if not need:
        return
    if os.geteuid() != 0:
        say("缺少系统组件，请先运行：sudo apt-get install -y " + " ".join(need))
        return
    say("installing Debian packages: " + " ".join(need))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *need], check=True, env=env)


LOCK = ROOT / "requirements-dev.txt"  # the project's dependencies with the test and dev extras
NOQT_LOCK = ROOT / "requirements-noqt.txt"  # what the Qt-free test run needs
NOQT_PACKAGES = ("platformdirs", "pytest", "hypothesis")


def ensure_venv(env: Path, lock: Path) -> Path:
    py = venv_python(env)
    stamp = env / ".nianbao-stamp"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + lock.read_bytes()).hexdigest()
    if py.exists() and stamp.exists() and stamp.read_text() == digest:
        return py
    if not py.exists():
        say(f"creating {env.name}")
        try:
            venv.EnvBuilder(with_pip=True, clear=env.exists()).create(env)
        except (subprocess.CalledProcessError, OSError) as exc:
            # Debian's python3 ships without ensurepip; python3-venv brings it
            venv_pkg = f"python3.{sys.version_info.minor}-venv"
            if WINDOWS or not shutil.which("apt-get") or os.geteuid() != 0:
                sys.exit(f"无法创建虚拟环境（{exc}）。请先安装：sudo apt-get install -y python3-venv {venv_pkg}")
            say(f"installing python3-venv ({exc})")
            apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt)
            subprocess.run(["apt-get", "install", "-y", "-qq", "python3-venv", venv_pkg], check=False, env=apt)
            venv.EnvBuilder(with_pip=True, clear=True).create(env)
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)  # nianbao itself, from this checkout
    stamp.write_text(digest)
    return py


def cmd_run(args: list[str]) -> int:
    debian_packages()
    py = ensure_venv(ROOT / ".venv", LOCK)
    return subprocess.call([str(py), "-m", "nianbao", *args])


def cmd_test(args: list[str]) -> int:
    debian_packages()
    py = ensure_venv(ROOT / ".venv", LOCK)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bindir = py.parent
    steps = [
        ("pytest", [str(py), "-m", "pytest", *args]),
        ("ruff", [str(bindir / "ruff"), "check", "src", "tests", "benchmarks", "tools", "installer", "dev.py"]),
        ("mypy", [str(py), "-m", "mypy"]),  # --strict over src, tests, benchmarks, tools, installer, dev.py
        # the Windows installer's smoke test uses ctypes.WinDLL and winreg, which exist for mypy only on win32
        ("mypy (win32)", [str(py), "-m", "mypy", "--platform", "win32", "installer/smoke_windows.py"]),
        ("import contracts", [str(bindir / "lint-imports")]),
    ]
    failed = []
    for name, cmd in steps:
        say(f"{name}: {' '.join(cmd[1:] if cmd[0] == str(py) else cmd)}")
        if subprocess.call(cmd, cwd=ROOT, env=env) != 0:
            failed.append(name)
    if failed:
        say("FAILED: " + ", ".join(failed))
        return 1
    say("all passed")
    return 0


UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "src" / "nianbao" / "gui" / "forms"


def form_module(ui_file: Path) -> Path:
    """ui/NAME.ui -> src/nianbao/gui/forms/ui_NAME.py"""
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def compile_form(ui_file: Path, uic: Path) -> str:
    """The Python module for a Designer form: pyside6-uic's output, its imports cut to the names the form uses.

    uic imports a fixed list of some 40 classes, the Qt namespace among them; the 基本信息 form is built at every
    start-up, where creating those PySide types costs several ms (docs/architecture.md, start-up rules).
    -a: no connectSlotsByName (our forms connect in code); the connections drawn in Designer are still generated."""
    done = subprocess.run([str(uic), "-a", str(ui_file)], capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        raise SystemExit(f"pyside6-uic failed on {ui_file.name}: {done.stderr.strip()}")
    source = done.stdout.replace("\r\n", "\n")
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    lines = source.splitlines(keepends=True)
    head = "".join(lines[: imports[0].lineno - 1])
    tail = "".join(lines[imports[-1].end_lineno or 0 :])
    kept = []
    for node in imports:
        names = sorted(alias.name for alias in node.names if alias.name in used)
        if names:
            kept.append(f"from {node.module} import {', '.join(names)}\n")
    return head + "".join(kept) + tail


def uic_tool(py: Path) -> Path:
    return py.parent / ("pyside6-uic.exe" if WINDOWS else "pyside6-uic")


def cmd_forms(args: list[str]) -> int:
    py = ensure_venv(ROOT / ".venv", LOCK)
    uic = uic_tool(py)
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target = form_module(ui_file)
        text = compile_form(ui_file, uic)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            say(f"wrote {target.relative_to(ROOT)}")
    return 0


def cmd_lock(args: list[str]) -> int:
    """Resolve pyproject.toml's dependencies (with the test and dev extras) for every platform with uv, and write
    the locks with every file's sha256 hash. Kept versions stay unless --upgrade (or --upgrade-package NAME)."""
    py = venv_python(ROOT / ".venv")
    if not py.exists():  # the lock may not exist yet: only uv is needed here
        venv.EnvBuilder(with_pip=True).create(ROOT / ".venv")
    uv = py.parent / ("uv.exe" if WINDOWS else "uv")
    if not uv.exists():
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "uv"], check=True)
    common = ["--universal", "--python-version", "3.11", "--generate-hashes", "--quiet"]
    compile_ = [str(uv), "pip", "compile", *common, "--custom-compile-command", "python3 dev.py lock"]
    extras = ["--extra", "test", "--extra", "dev"]
    subprocess.run([*compile_, "pyproject.toml", *extras, "-o", LOCK.name, *args], cwd=ROOT, check=True)
    noqt = "\n".join(NOQT_PACKAGES) + "\n"  # from standard input: the lock names no temporary file
    subprocess.run([*compile_, "-", "-c", LOCK.name, "-o", NOQT_LOCK.name], cwd=ROOT, check=True, input=noqt, text=True)
    say(f"wrote {LOCK.name} and {NOQT_LOCK.name}; the next dev.py test reinstalls .venv from them")
    return 0


def cmd_core_noqt(args: list[str]) -> int:
    py = ensure_venv(ROOT / ".venv-noqt", NOQT_LOCK)
    probe = subprocess.run([str(py), "-c", "import PySide6"], capture_output=True, check=False)
    if probe.returncode == 0:
        sys.exit("PySide6 must not be installed in .venv-noqt")
    # pytest-qt is absent here, so its ini key is unknown: drop --strict-config for this run only
    base = [str(py), "-m", "pytest", "-o", "addopts=--strict-markers", "-W", "ignore::pytest.PytestConfigWarning"]
    return subprocess.call([*base, "tests/definition", "tests/core", "tests/test_cli.py", *args], cwd=ROOT)


def main() -> int:
    commands = {"run": cmd_run, "test": cmd_test, "core-noqt": cmd_core_noqt, "forms": cmd_forms, "lock": cmd_lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
