"""Static checks of the Windows installer sources: spec, NSIS script, pins, build scripts, icon, workflow."""

from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INST = ROOT / "installer"
NSI = INST / "nianbao.nsi"
SPEC = INST / "nianbao.spec"
REQS = INST / "requirements-windows.txt"
PY_EMBED_SHA256 = "4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
SCRIPTS = ("build-windows.sh", "smoke-wine.sh", "build-linux-check.sh")


def nsi_text() -> str:
    return NSI.read_text("utf-8-sig")


def nsi_code() -> list[str]:
    """Script lines without comments."""
    return [line.split(";")[0].strip() for line in nsi_text().splitlines() if line.split(";")[0].strip()]


# ------------------------------------------------------------------------------------------------- NSIS
def test_nsi_is_utf8_with_bom() -> None:
    assert NSI.read_bytes().startswith(b"\xef\xbb\xbf")  # makensis then reads the Chinese text as UTF-8


@pytest.mark.parametrize(
    "needle",
    [
        "Unicode true",
        "!define TARGET amd64-unicode",
        "Target ${TARGET}",
        "RequestExecutionLevel user",
        '!insertmacro MUI_LANGUAGE "SimpChinese"',
        'InstallDir "$LOCALAPPDATA\\Programs\\${APPNAME}"',
        'InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"',
        '!define APPNAME "年报助手"',
        '!define CLASSES "Software\\Classes"',
        '!define EXT ".nianbao"',
        'WriteRegStr HKCU "${CLASSES}\\${EXT}" "" "${PROGID}"',
        'WriteRegStr HKCU "${CLASSES}\\${PROGID}\\DefaultIcon"',
        '"$INSTDIR\\${EXE}" "%1"',
        "SHChangeNotify",
        'CreateShortcut "$SMPROGRAMS\\${APPNAME}.lnk"',
        'CreateShortcut "$DESKTOP\\${APPNAME}.lnk"',
        '"DisplayName" "${APPNAME}"',
        '"DisplayVersion" "${VERSION}"',
        '"Publisher"',
        '"DisplayIcon"',
        '"UninstallString"',
        '"QuietUninstallString" \'"$INSTDIR\\${UNINSTALLER}" /S\'',
        '"EstimatedSize" $0',
        '"NoModify" 1',
        '"NoRepair" 1',
    ],
)
def test_nsi_contains(needle: str) -> None:
    assert needle in nsi_text()


def test_nsi_is_per_user_only() -> None:
    code = "\n".join(nsi_code())
    assert "HKLM" not in code and "HKCR" not in code
    assert "$PROGRAMFILES" not in code
    assert "SetShellVarContext all" not in code


def test_uninstall_never_removes_user_data() -> None:
    removals = [line for line in nsi_code() if re.match(r"(RMDir|Delete)\b", line)]
    assert removals
    for line in removals:
        target = line.split(None, 1)[1]
        for forbidden in ("$APPDATA", "$LOCALAPPDATA", "$DOCUMENTS", "$PROFILE", "nianbao\\", "autosave", "*.nianbao"):
            assert forbidden not in target, line
        if line.startswith("RMDir /r"):
            assert target == '/r "$INSTDIR\\_internal"', line  # recursive removal only of our own library folder
        elif line.startswith("RMDir"):
            assert target == '"$INSTDIR"', line  # without /r: kept if the user put files there


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) not installed")
def test_nsi_compiles(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / "nianbao.exe").write_bytes(b"MZ")
    (app / "_internal" / "x.txt").write_text("x")
    out = tmp_path / "nianbao-1.2.3-setup-x64.exe"
    proc = subprocess.run(
        ["makensis", "-V2", "-INPUTCHARSET", "UTF8", "-WX", "-DVERSION=1.2.3", f"-DSRCDIR={app}", f"-DOUTFILE={out}",
         str(NSI)],
        capture_output=True, text=True, timeout=120, check=False, cwd=INST,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"


# ------------------------------------------------------------------------------------------------- spec
def spec_namespace() -> dict[str, Any]:
    """DROP, QT_EXCLUDES and keep_translation() from the spec, without PyInstaller."""
    tree = ast.parse(SPEC.read_text("utf-8"))
    wanted: list[ast.stmt] = [
        node
        for node in tree.body
        if (isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("DROP", "QT_EXCLUDES") for t in node.targets))
        or (isinstance(node, ast.FunctionDef) and node.name == "keep_translation")
    ]
    ns: dict[str, Any] = {"re": re}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), ns)
    return ns


def test_spec_is_one_folder_windowed_with_icon_and_version() -> None:
    text = SPEC.read_text("utf-8")
    assert "COLLECT(" in text and "exclude_binaries=True" in text
    assert "console=False" in text
    assert 'ROOT / "installer" / "nianbao.ico"' in text
    assert "VSVersionInfo" in text
    assert "upx=False" in text


@pytest.mark.parametrize(
    "module", ["QtQml", "QtQuick", "QtQuick3D", "QtWebEngineCore", "QtWebEngineWidgets", "QtDesigner", "QtMultimedia",
               "Qt3DCore", "QtCharts", "QtPdf", "QtNetwork", "QtOpenGL"],
)  # fmt: skip
def test_spec_excludes_unused_qt(module: str) -> None:
    assert f"PySide6.{module}" in spec_namespace()["QT_EXCLUDES"]


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt6Qml.dll", True),
        ("PySide6/Qt6Quick.dll", True),
        ("PySide6/Qt6WebEngineCore.dll", True),
        ("PySide6/opengl32sw.dll", True),
        ("PySide6/Qt6Pdf.dll", True),
        ("PySide6/plugins/imageformats/qpdf.dll", True),
        ("PySide6/Qt6Core.dll", False),
        ("PySide6/Qt6Gui.dll", False),
        ("PySide6/Qt6Widgets.dll", False),
        ("PySide6/Qt6PrintSupport.dll", False),
        ("PySide6/Qt6Svg.dll", False),
        ("PySide6/plugins/platforms/qwindows.dll", False),
        ("PySide6/plugins/platforms/qoffscreen.dll", False),
        ("PySide6/plugins/imageformats/qico.dll", False),
        ("nianbao/definition/gov2021.toml", False),
        ("docx/templates/default-footer.xml", False),
    ],
)
def test_spec_drop_list(dest: str, dropped: bool) -> None:
    ns = spec_namespace()
    assert bool(ns["DROP"].search(dest)) is dropped
    assert bool(ns["DROP"].search(dest.replace("/", "\\"))) is dropped


def test_spec_keeps_the_stdlib_modules_runtime_libraries_import() -> None:
    tree = ast.parse(SPEC.read_text("utf-8"))
    excludes = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PY_EXCLUDES"
    )
    assert "unittest" not in excludes  # fpdf/sign.py: from unittest.mock import patch (PDF export)


def test_spec_keeps_only_qtbase_zh_cn_translation() -> None:
    keep = spec_namespace()["keep_translation"]
    assert keep("PySide6\\translations\\qtbase_zh_CN.qm")
    assert not keep("PySide6\\translations\\qtbase_de.qm")
    assert not keep("PySide6/translations/qt_zh_CN.qm")
    assert not keep("PySide6/translations/qtdeclarative_zh_CN.qm")
    assert keep("nianbao/assets/icon.png")


def test_spec_collects_package_data_by_walking_the_source() -> None:
    text = SPEC.read_text("utf-8")
    assert 'PKG.rglob("*")' in text and "hiddenimports.append" in text and "datas.append" in text
    assert (ROOT / "src/nianbao/definition/gov2021.toml").is_file()
    assert (ROOT / "src/nianbao/assets/icon.png").is_file()


# ------------------------------------------------------------------------------------------------- pins
def pins() -> dict[str, str]:
    text = REQS.read_text("utf-8").replace("\\\n", " ")
    found: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([A-Za-z0-9_.+-]+)\s+--hash=sha256:([0-9a-f]{64})", line)
        assert m, f"not an exact pin with one sha256: {line!r}"
        found[m.group(1).lower().replace("_", "-")] = m.group(2)
    return found


def test_requirements_windows_pins_everything_exactly() -> None:
    p = pins()
    app = ("pyside6-essentials", "shiboken6", "openpyxl", "python-docx", "lxml", "platformdirs")
    build = ("pyinstaller", "pyinstaller-hooks-contrib", "pefile", "pywin32-ctypes", "altgraph", "pip")
    for name in app + build:
        assert name in p, name


def test_pyside6_is_the_qt_6_8_long_term_support_line() -> None:
    version = tuple(int(x) for x in pins()["pyside6-essentials"].split(".")[:2])
    assert version == (6, 8)  # Qt's LTS line; 6.10+ would also need Windows' ICU, which Wine 8 lacks
    assert pins()["shiboken6"] == pins()["pyside6-essentials"]


def test_minimum_windows_is_what_qt_6_8_supports() -> None:
    """Qt 6.8 supports Windows 10 1809 (build 17763) or later: the installer refuses anything older, and says so."""
    text = nsi_text()
    assert "!define MIN_BUILD 17763" in text and "${AtLeastBuild} ${MIN_BUILD}" in text
    assert "Windows 10（1809 版或更高）或 Windows 11" in text
    assert "1607" not in text and "14393" not in text
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "1809" in readme and "1607" not in readme


def test_wizard_uses_its_own_pictures() -> None:
    code = "\n".join(nsi_code())
    for define, name in (
        ("MUI_WELCOMEFINISHPAGE_BITMAP", "wizard-side.bmp"),
        ("MUI_HEADERIMAGE_BITMAP", "wizard-header.bmp"),
    ):
        assert f'!define {define} "{name}"' in code
        data = (INST / name).read_bytes()
        width, height, _planes, bits = struct.unpack_from("<iiHH", data, 18)
        assert data[:2] == b"BM" and bits == 24
        assert (width, abs(height)) == ({"wizard-side.bmp": (164, 314), "wizard-header.bmp": (150, 57)}[name])
    assert '!define MUI_ICON "nianbao.ico"' in code


@pytest.mark.gui
def test_wizard_pictures_are_generated_from_the_icon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed BMPs are what installer/make_wizard_images.py makes from resources/icon.svg now."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_wizard_images", INST / "make_wizard_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "SIDE", tmp_path / "side.bmp")
    monkeypatch.setattr(module, "HEADER", tmp_path / "header.bmp")
    monkeypatch.setattr(module, "ROOT", tmp_path.parent)
    assert module.main() == 0
    assert (tmp_path / "side.bmp").read_bytes() == (INST / "wizard-side.bmp").read_bytes()
    assert (tmp_path / "header.bmp").read_bytes() == (INST / "wizard-header.bmp").read_bytes()


def test_build_hides_only_api_set_notes_and_fails_on_other_missing_libraries() -> None:
    text = (INST / "build-windows.sh").read_text("utf-8")
    assert "api-ms-win-[a-z0-9-]*" in text and 'die "PyInstaller: missing libraries' in text
    assert "SOURCE_DATE_EPOCH" in text and "PYTHONHASHSEED=0" in text and 'touch -h -d "@$SOURCE_DATE_EPOCH"' in text


def test_pins_cover_the_runtime_dependencies() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    p = pins()
    for dep in deps:
        name = re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].lower().replace("_", "-")
        assert name in p, f"{name} (pyproject dependency) is not pinned in requirements-windows.txt"


# ----------------------------------------------------------------------------------------------- scripts
def test_build_script_checks_python_embed_sha256() -> None:
    text = (INST / "build-windows.sh").read_text("utf-8")
    assert PY_EMBED_SHA256 in text
    assert "sha256sum -c" in text
    assert "--only-binary=:all:" in text and "--platform win_amd64" in text and "--python-version 3.12" in text
    assert "--require-hashes" in text
    assert "nianbao.spec" in text and "nianbao.nsi" in text
    assert "setup-x64.exe" in text


@pytest.mark.parametrize("script", SCRIPTS)
def test_shell_scripts_are_strict_and_parse(script: str) -> None:
    path = INST / script
    text = path.read_text("utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert 'cd "$(dirname "${BASH_SOURCE[0]}")/.."' in text  # runs from any cwd
    subprocess.run(["bash", "-n", str(path)], check=True, timeout=30)


@pytest.mark.parametrize("script", ["build-windows.sh", "smoke-wine.sh"])
def test_wine_scripts_are_quiet_and_headless(script: str) -> None:
    text = (INST / script).read_text("utf-8")
    assert "WINEDEBUG=-all" in text
    assert 'WINEDLLOVERRIDES="mscoree,mshtml=,winedbg.exe=d"' in text  # no Mono/Gecko prompt, no hang in winedbg
    assert "timeout" in text and "wineboot --init" in text


def test_smoke_wine_checks_what_matters() -> None:
    text = (INST / "smoke-wine.sh").read_text("utf-8")
    for needle in ("mktemp", "/S", "--smoke", "-platform offscreen", "Software\\\\Classes\\\\.nianbao",
                   "uninstall.exe", "user data kept", "Xvfb", "real window", "smoke_screen.py", "ctrl+q",
                   "NIANBAO_TEST_STARTUP_FAULT=exception", "-platform nosuchplatform", "年报助手无法启动",
                   "LANG=zh_CN.UTF-8", "installer welcome page", "desktop_settings_aware",
                   "winedbg.exe=d"):  # fmt: skip
        assert needle in text, needle


def test_cache_and_work_dirs_are_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert "installer/cache/" in ignored and "installer/work/" in ignored


def test_workflow_uses_the_same_spec_and_script() -> None:
    text = (ROOT / ".github/workflows/windows.yml").read_text("utf-8")
    for needle in ("windows-latest", "ubuntu-latest", "python-version: \"3.12\"", "py -3.12 dev.py test",
                   "installer/requirements-windows.txt", "installer/nianbao.spec", "nianbao.nsi", "makensis",
                   "installer/smoke_windows.py", "upload-artifact", "SOURCE_DATE_EPOCH"):  # fmt: skip
        assert needle in text, needle
    assert "-DTARGET" not in text  # the NSIS script's own default: amd64-unicode, as in the Wine build


def test_windows_smoke_covers_the_wine_smoke_checks() -> None:
    text = (INST / "smoke_windows.py").read_text("utf-8")
    ast.parse(text)
    for needle in ("--smoke", "-platform", "offscreen", "real window", "NIANBAO_TEST_STARTUP_FAULT", "nosuchplatform",
                   "年报助手无法启动", "installer welcome page", "upgrade in place", "user data kept",
                   "QuietUninstallString", "desktop_settings_aware"):  # fmt: skip
        assert needle in text, needle


# ----------------------------------------------------------------------------------------------- icon
def test_icon_files() -> None:
    ico = (INST / "nianbao.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", ico, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    png = (ROOT / "src/nianbao/assets/icon.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    assert (ROOT / "resources/icon.svg").read_text("utf-8").lstrip().startswith("<?xml")


def test_size_excludes_are_not_imported_by_imports_and_exports(tmp_path: Path) -> None:
    """The spec leaves out modules (installer size) that no user path imports: import a published PDF, HTML and
    Word file and export every format in one process, then none of SIZE_EXCLUDES may have been loaded."""
    tree = ast.parse(SPEC.read_text("utf-8"))
    excludes = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SIZE_EXCLUDES"
    )
    assert "pypdfium2" in excludes
    pub = ROOT / "tests" / "data" / "published"
    script = f"""
import sys
from nianbao.cli import main
for i, name in enumerate(["pingtan-2023.pdf", "pingtan-2023-cms.html", "pingtan-2023.docx"]):
    assert main(["import", {str(pub)!r} + "/" + name, "-o", {str(tmp_path)!r} + f"/{{i}}.nianbao"]) == 0, name
out = {str(tmp_path)!r}
assert main(["export", "--example", "--force", "--docx", out + "/a.docx", "--xlsx", out + "/a.xlsx",
             "--pdf", out + "/a.pdf", "--html", out + "/a.html"]) == 0
print(" ".join(sorted(sys.modules)))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "pdfplumber" in loaded and "lxml.html" in loaded and "fpdf" in loaded  # the paths really ran
    assert (tmp_path / "a.pdf").stat().st_size > 0
    assert sorted(m for m in loaded if m.split(".")[0] in excludes or m in excludes) == []
