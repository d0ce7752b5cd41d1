#!/usr/bin/env bash
# Smoke-test the Windows installer in a fresh Wine prefix:
#   bash installer/smoke-wine.sh dist/nianbao-<version>-setup-x64.exe
# silent install -> app in smoke mode (offscreen: exports) -> the real window on a virtual screen (Xvfb), screenshot
# and pixel checks -> the start-up failure message box -> registry checks -> upgrade in place -> silent uninstall ->
# program gone, user data kept -> the installer's pages, clicked through in a zh_CN locale, screenshots.
# One PASS/FAIL line per step with its time; exit 1 on any failure. Screenshots: installer/work/smoke-shots/.
# KEEP_PREFIX=1 keeps the Wine prefix for inspection.
#
# Wine quirks these checks rely on (Wine 8):
# - a fresh prefix reports Windows 7: the first install must be refused; then the prefix is set to Windows 10 (18362);
# - host variables whose names start with QT_ never reach the program (WINEQT_X arrives as QT_X): the platform is
#   chosen with -platform on the command line; our own NIANBAO_* variables arrive unchanged;
# - the exe's stdout must not be redirected to a file ("Failed to start embedded python interpreter!"): pipe it;
# - WINEDLLOVERRIDES=winedbg.exe=d: a crash ends the process instead of hanging in the debugger;
# - `wine reg` run without DISPLAY breaks the next GUI run on that wineserver: DISPLAY is set for every command;
# - Chinese text in the installer pages needs a Chinese locale (LANG=zh_CN.UTF-8; in C every glyph is a box).
set -euo pipefail

[[ $# -eq 1 && -f "$1" ]] || { echo "usage: $0 SETUP.exe" >&2; exit 2; }
SETUP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || PY="$ROOT/.venv/bin/python"

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=,winedbg.exe=d" WINEARCH=win64
WINEPREFIX="$(mktemp -d -t nianbao-wine.XXXXXX)"
export WINEPREFIX
SHOTS="$ROOT/installer/work/smoke-shots"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"
VPY="$ROOT/.venv/bin/python" # PySide6's QImage for the pixel checks (installer/smoke_screen.py)
APP_NAME="年报助手"
SCREEN_SIZE="${SMOKE_SCREEN:-1366x768}"

# A Chinese locale (the installer pages, Chinese file names) and a virtual screen for the real windows.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
  localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 >/dev/null 2>&1 || echo "[smoke-wine] cannot make the zh_CN.UTF-8 locale" >&2
fi
ZH=(env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8) # for the installer pages only: `wine reg` output stays parseable
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo -n"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
    { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1; } ||
    { echo "[smoke-wine] FAIL apt-get install ${need[*]}" >&2; exit 1; }
fi
for d in $(seq 70 140); do [[ -e /tmp/.X$d-lock || -e /tmp/.X11-unix/X$d ]] || break; done
Xvfb ":$d" -screen 0 "${SCREEN_SIZE}x24" -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$d" # for every wine command: `wine reg` without DISPLAY would break the GUI runs after it
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
FAILS=0
T0=$EPOCHREALTIME
TS=$T0
elapsed() { awk "BEGIN{printf \"%.1f\", $EPOCHREALTIME - $1}"; }
result() { # result PASS|FAIL "what" ["detail"]
  printf '[smoke-wine] %s %-48s %6ss%s\n' "$1" "$2" "$(elapsed "$TS")" "${3:+  ($3)}"
  TS=$EPOCHREALTIME
  [[ "$1" == PASS ]] || FAILS=$((FAILS + 1))
}
check() { # check "what" command...   (PASS if the command succeeds)
  local what="$1"
  shift
  if "$@"; then result PASS "$what"; else result FAIL "$what"; fi
}
abort() { result FAIL "$1" "${2:-}"; finish; }
finish() {
  timeout 30 wineserver -k >/dev/null 2>&1 || true
  kill "$XVFB_PID" 2>/dev/null || true
  if [[ "${KEEP_PREFIX:-0}" == 1 ]]; then echo "[smoke-wine] prefix kept: $WINEPREFIX"; else rm -rf "$WINEPREFIX"; fi
  if ((FAILS)); then
    echo "[smoke-wine] FAILED: $FAILS step(s), $(elapsed "$T0")s"
    exit 1
  fi
  echo "[smoke-wine] ALL PASS in $(elapsed "$T0")s"
  exit 0
}
trap 'echo "[smoke-wine] FAIL unexpected error on line $LINENO" >&2; FAILS=$((FAILS + 1)); finish' ERR

winpath() { echo "Z:${1//\//\\}"; }
reg_value() { # reg_value KEY NAME|"" -> the value (REG_SZ/REG_DWORD) or nothing; "" means the default value
  local out
  if [[ -z "$2" ]]; then out="$(wine reg query "$1" /ve 2>/dev/null | tr -d '\r' | cat)" || return 0
  else out="$(wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | cat)" || return 0; fi
  sed -n 's/^ *[^ ].* \+REG_[A-Z_]\+ \+\(.*\)$/\1/p' <<<"$out" | head -1
}
key_exists() { wine reg query "$1" >/dev/null 2>&1; }
# Read a value through `reg export` (UTF-16 file) so Chinese text survives the console code page.
reg_export_has() { # reg_export_has KEY TEXT
  local f="$WINEPREFIX/export.reg"
  rm -f "$f"
  wine reg export "$1" "$(winpath "$f")" /y >/dev/null 2>&1 | cat
  [[ -f "$f" ]] && iconv -f UTF-16 -t UTF-8 "$f" | grep -qF -- "$2"
}

echo "[smoke-wine] $(basename "$SETUP") ($(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$SETUP")/1048576}") MB), prefix $WINEPREFIX"

# 1. fresh prefix
timeout 300 wineboot --init >/dev/null 2>&1 || abort "fresh Wine prefix (wineboot --init)"
timeout 120 wineserver -w || true
USERDIR="$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)"
LOCALAPPDATA="$USERDIR/AppData/Local"
INSTDIR="$LOCALAPPDATA/Programs/$APP_NAME"
[[ -d "$LOCALAPPDATA" ]] || abort "fresh Wine prefix" "no AppData/Local under $USERDIR"
result PASS "fresh Wine prefix ($(wine --version))"
# A Wine prefix has no Chinese TrueType font of its own: the PDF export (which reads font files from
# C:\windows\Fonts, unregistered, so Qt's rendering is unchanged) gets Debian's AR PL fonts when installed.
WANT_PDF=0
for f in /usr/share/fonts/truetype/arphic/uming.ttc /usr/share/fonts/truetype/arphic/ukai.ttc; do
  [[ -f "$f" ]] && cp "$f" "$WINEPREFIX/drive_c/windows/Fonts/" && WANT_PDF=1
done
export WANT_PDF

# 2. Wine 8 reports Windows 7 by default: the installer must refuse it (exit 3) and write nothing.
rc=0
timeout 300 wine "$SETUP" /S 2>&1 | cat >/dev/null || rc=$?
if [[ $rc -eq 3 && ! -e "$INSTDIR" ]]; then result PASS "refuses Windows 7 (exit 3, nothing installed)"
else result FAIL "refuses Windows 7 (exit 3, nothing installed)" "exit $rc"; fi
# From here on the prefix reports Windows 10 (build 18362; the supported minimum is 10 1809, build 17763).
wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win10 /f >/dev/null 2>&1 | cat
timeout 120 wineserver -w || true

# 3. silent install
timeout 300 wine "$SETUP" /S 2>&1 | cat >/dev/null || abort "silent install (setup /S)" "exit status"
timeout 120 wineserver -w || true
[[ -f "$INSTDIR/nianbao.exe" ]] || abort "silent install (setup /S)" "no $INSTDIR/nianbao.exe"
result PASS "silent install into %LOCALAPPDATA%\\Programs\\$APP_NAME" "$(du -sm "$INSTDIR" | cut -f1) MB"

# 4. registry: association, Apps & features entry
ASSOC="HKCU\\Software\\Classes\\.nianbao"
UNINST="HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\nianbao"
PROGID="$(reg_value "$ASSOC" "")"
check "file association $ASSOC = nianbao.Report" test "$PROGID" == "nianbao.Report"
OPEN_CMD="$(reg_value "HKCU\\Software\\Classes\\nianbao.Report\\shell\\open\\command" "")"
check "open command runs nianbao.exe \"%1\"" grep -qE 'nianbao\.exe" "%1"$' <<<"$OPEN_CMD"
check "association has an icon" key_exists "HKCU\\Software\\Classes\\nianbao.Report\\DefaultIcon"
check "uninstall entry: DisplayName $APP_NAME" reg_export_has "$UNINST" "\"DisplayName\"=\"$APP_NAME\""
QUIET="$(reg_value "$UNINST" QuietUninstallString)"
check "uninstall entry: QuietUninstallString ... /S" grep -q 'uninstall.exe" /S$' <<<"$QUIET"
check "uninstall entry: DisplayVersion, EstimatedSize" test -n "$(reg_value "$UNINST" DisplayVersion)" -a \
  -n "$(reg_value "$UNINST" EstimatedSize)"
check "shortcuts $APP_NAME.lnk (Start menu, desktop)" test -n \
  "$(find "$USERDIR" -path "*Start Menu/Programs/$APP_NAME.lnk" | head -1)" -a -f "$USERDIR/Desktop/$APP_NAME.lnk"

# 5. the installed app in smoke mode
run_smoke() { # run_smoke OUT.json -> PASS/FAIL line with the app's own timings
  local out="$1" rc=0 s0=$EPOCHREALTIME
  rm -f "$out"
  timeout 300 wine "$INSTDIR/nianbao.exe" --smoke "$(winpath "$out")" -platform offscreen 2>&1 | cat >/dev/null || rc=$?
  local took
  took="$(elapsed "$s0")"
  if [[ ! -f "$out" ]]; then result FAIL "$2" "no result file, exit $rc"; return; fi
  local summary
  if summary="$("$PY" - "$out" <<'PYEOF'
import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for e in d.get("errors", []):
    print("  error:", e.get("error"), file=sys.stderr)
ex = d.get("exports", {})
print(f"ok={d['ok']} window={d['window']} layout={d.get('layout')} icons={d.get('toolbar_icons')} qt={d['qt']} py={d['python']} qpa={d['qpa_platform']} "
      f"wine={d.get('wine')} desktop_settings_aware={d.get('desktop_settings_aware')} "
      f"findings={d['findings']['total'] if d.get('findings') else None} "
      f"docx={ex.get('docx', {}).get('bytes')} xlsx={ex.get('xlsx', {}).get('bytes')} pdf={ex.get('pdf', {}).get('bytes')} "
      f"app={d['timings']['total']}s")
# under Wine the app must have turned desktop settings off (Qt 6.5+ crash in QApplication() otherwise)
pdf_ok = os.environ.get("WANT_PDF") != "1" or bool(ex.get("pdf", {}).get("bytes"))  # fonts given: a PDF is due
sys.exit(0 if d["ok"] and d["frozen"] and d["qpa_platform"] == "offscreen" and d.get("wine")
         and d.get("desktop_settings_aware") is False and pdf_ok else 1)
PYEOF
  )" && [[ $rc -eq 0 ]]; then
    result PASS "$2" "${took}s wall; $summary"
  else
    result FAIL "$2" "exit $rc; $summary"
  fi
}
run_smoke "$WINEPREFIX/smoke1.json" "installed app --smoke -platform offscreen"
mkdir -p "$ROOT/installer/work" && cp -f "$WINEPREFIX/smoke1.json" "$ROOT/installer/work/smoke-wine.json" 2>/dev/null || true
# 5a. the frozen build's PDF export (kept by smoke mode beside its result file): its text layer reads back
if [[ "$WANT_PDF" == 1 ]]; then
  PDF_OUT="$WINEPREFIX/smoke1.pdf"
  cp -f "$PDF_OUT" "$ROOT/installer/work/smoke-wine.pdf" 2>/dev/null || true
  TITLE="$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["example"]["title"])' \
    "$WINEPREFIX/smoke1.json" 2>/dev/null)" || TITLE=""
  if ! command -v pdftotext >/dev/null; then result FAIL "PDF text layer (pdftotext)" "poppler-utils not installed"
  elif [[ ! -f "$PDF_OUT" || -z "$TITLE" ]]; then result FAIL "PDF text layer (pdftotext)" "no PDF or no title"
  else
    FLAT="$(pdftotext "$PDF_OUT" - 2>/dev/null | tr -d ' \t\r\n\f')"
    if grep -qF -- "$TITLE" <<<"$FLAT" && grep -qF -- "一、总体情况" <<<"$FLAT"; then
      result PASS "PDF text layer: title (issuer) and 一、总体情况" "$(stat -c %s "$PDF_OUT") bytes"
    else
      result FAIL "PDF text layer: title (issuer) and 一、总体情况" "$(head -c 200 <<<"$FLAT")"
    fi
  fi
fi

# 5a. a published PDF imported by the installed exe's CLI (pdfplumber -> pdfminer -> cryptography in the frozen
# build): catches a spec exclusion the import needs. Wine 8 lacks bcryptprimitives.dll (System32 since Windows 8),
# which cryptography's _rust.pyd imports, so the test prefix gets a forwarder for it (never shipped).
"$PY" "$ROOT/installer/wine_bcryptprimitives.py" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
import_pdf() { # the importer gives up after 1.5 s of parsing: on this shared machine a busy moment can cost a try
  local out="$WINEPREFIX/imported.nianbao" try msg rc
  for try in 1 2 3; do
    rm -f "$out"
    rc=0
    msg="$(timeout 300 wine "$INSTDIR/nianbao.exe" import "$(winpath "$ROOT/tests/data/published/pingtan-2023.pdf")" \
      -o "$(winpath "$out")" 2>&1 | tr -d '\r' | head -3)" || rc=$?
    if [[ -f "$out" ]] && "$PY" - "$out" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ok = d["meta"]["issuer"] == "平潭综合实验区" and d["meta"]["year"] == 2023 and d["format"] == "gov2021"
sys.exit(0 if ok and sum(1 for v in d["values"].values() if v) >= 20 else 1)
PYEOF
    then result PASS "published PDF import (pingtan-2023.pdf, CLI)" "try $try; ${msg%%$'\n'*}"; return; fi
    grep -q "用时过长" <<<"$msg" || break
  done
  result FAIL "published PDF import (pingtan-2023.pdf, CLI)" "exit $rc; $msg"
}
import_pdf

# 5b. the real window: the installed program as a person starts it (windows platform, no options), on the virtual
# screen; time from launch to a visible window; screenshot; pixel checks; the title; then closed with Ctrl+Q.
find_window() { # find_window NAME-REGEX SECONDS -> window id of a visible window whose title matches
  local deadline=$((SECONDS + $2)) wid
  while ((SECONDS < deadline)); do
    wid="$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1)" || true
    [[ -n "$wid" ]] && { echo "$wid"; return 0; }
    sleep 0.1
  done
  return 1
}
geometry() { # geometry WID -> "X Y W H"
  local X Y WIDTH HEIGHT SCREEN WINDOW
  eval "$(xdotool getwindowgeometry --shell "$1")"
  echo "$X $Y $WIDTH $HEIGHT"
}
shot() { # shot NAME -> screenshot of the whole virtual screen
  import -window root "$SHOTS/$1.png" 2>/dev/null
}
pixels() { # pixels KIND NAME WID -> PASS/FAIL detail from installer/smoke_screen.py
  # shellcheck disable=SC2046
  "$VPY" "$ROOT/installer/smoke_screen.py" "$1" "$SHOTS/$2.png" $(geometry "$3") 2>/dev/null
}
wait_exit() { # wait_exit PID SECONDS -> the process's exit status, or 124 if still running
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "$1" 2>/dev/null && return 124
  wait "$1"
}

rm -rf "$LOCALAPPDATA/nianbao/logs"
w0=$EPOCHREALTIME
(wine "$INSTDIR/nianbao.exe" 2>&1 | cat >/dev/null) &
APP_PID=$!
if WID="$(find_window " - $APP_NAME\$" 90)"; then
  VISIBLE_S="$(elapsed "$w0")"
  sleep 3 # first paint of the page and the dock
  shot real-window
  TITLE="$(xdotool getwindowname "$WID")"
  if detail="$(pixels window real-window "$WID")"; then
    result PASS "real window visible, title '$TITLE'" "${VISIBLE_S}s from launch; $(geometry "$WID"); $detail"
  else
    result FAIL "real window drawn (tabs, text)" "$detail"
  fi
  check "real window title contains $APP_NAME" grep -q "$APP_NAME" <<<"$TITLE"
  check "start-up log: window shown (windows platform, desktop settings off)" \
    grep -q "window shown: Qt windows, desktop settings False" "$LOCALAPPDATA/nianbao/logs/startup.log"
  xdotool windowfocus "$WID" 2>/dev/null || true
  xdotool key --clearmodifiers ctrl+q
  rc=0
  wait_exit "$APP_PID" 60 || rc=$?
  check "real window closes with Ctrl+Q (exit 0)" test "$rc" -eq 0
else
  shot real-window-missing
  result FAIL "real window visible within 90 s" "see $SHOTS/real-window-missing.png"
  kill "$APP_PID" 2>/dev/null || true
fi
timeout 60 wineserver -w || true

# 5c. start-up failures: a Chinese message box that says what happened and where the log is, and the log itself.
startup_failure() { # startup_failure NAME LOG-TEXT QT-BOX-TITLE|"" ENV... -- ARGS...
  local name="$1" want="$2" qt_box="$3" envs=() args=()
  shift 3
  while (($#)) && [[ "$1" != -- ]]; do envs+=("$1"); shift; done
  (($#)) && shift
  args=("$@")
  (env "${envs[@]}" wine "$INSTDIR/nianbao.exe" "${args[@]}" 2>&1 | cat >/dev/null) &
  local pid=$! wid rc=0 geo detail
  if [[ -n "$qt_box" ]]; then # Qt shows its own (English) box first for a missing platform plugin: close it
    if wid="$(find_window "$qt_box" 90)"; then
      sleep 1
      shot "$name-qt-box"
      xdotool windowfocus "$wid" 2>/dev/null || true
      xdotool key --clearmodifiers Return
    fi
  fi
  if wid="$(find_window "年报助手无法启动" 90)"; then
    sleep 1
    shot "$name"
    geo="$(geometry "$wid")"
    detail="$(pixels dialog "$name" "$wid")" || result FAIL "$name: message box drawn" "$detail"
    xdotool windowfocus "$wid" 2>/dev/null || true
    xdotool key --clearmodifiers Return
    wait_exit "$pid" 60 || rc=$?
    if grep -q "$want" "$LOCALAPPDATA/nianbao/logs/startup.log" 2>/dev/null && [[ $rc -ne 0 && $rc -ne 124 ]]; then
      result PASS "$name: Chinese message box, log, exit $rc" "$geo; $detail"
    else
      result FAIL "$name: Chinese message box, log, exit status" "exit $rc; log: $(tail -3 "$LOCALAPPDATA/nianbao/logs/startup.log" 2>/dev/null)"
    fi
  else
    shot "$name-missing"
    result FAIL "$name: Chinese message box within 90 s" "see $SHOTS/$name-missing.png"
  fi
  timeout 30 wineserver -k >/dev/null 2>&1 || true # nothing of a failed start may linger into the next step
  timeout 60 wineserver -w || true
}
startup_failure startup-failure-exception "start-up failed: RuntimeError" "" NIANBAO_TEST_STARTUP_FAULT=exception --
# a real Qt plugin failure: a platform that does not exist (Qt's fatal error goes through our message handler)
startup_failure startup-failure-qt-plugin "qt fatal: This application failed to start" "^nianbao$" -- -platform nosuchplatform

# 6. user data that must survive: an autosave and settings in %LOCALAPPDATA%\nianbao, a report in Documents
DATADIR="$LOCALAPPDATA/nianbao"
mkdir -p "$DATADIR/autosave" "$USERDIR/Documents"
echo '{"nianbao": 1}' >"$DATADIR/autosave/未保存的报告.nianbao"
echo '{}' >"$DATADIR/settings.json"
echo '{"nianbao": 1}' >"$USERDIR/Documents/某镇2025年报.nianbao"

# 7. upgrade in place: run the installer again over the existing installation
echo stale >"$INSTDIR/_internal/stale-from-old-version.txt"
timeout 300 wine "$SETUP" /S 2>&1 | cat >/dev/null || true
timeout 120 wineserver -w || true
check "upgrade in place (setup /S again): old files replaced" test -f "$INSTDIR/nianbao.exe" -a \
  ! -e "$INSTDIR/_internal/stale-from-old-version.txt"
run_smoke "$WINEPREFIX/smoke2.json" "app after upgrade --smoke"

# 8. silent uninstall (the uninstaller re-launches itself from %TEMP%: wait for the prefix to go idle)
timeout 300 wine "$INSTDIR/uninstall.exe" /S 2>&1 | cat >/dev/null || true
timeout 300 wineserver -w || true
check "silent uninstall: program folder gone" test ! -e "$INSTDIR"
check "uninstall: association and Apps entry removed" \
  bash -c "! wine reg query 'HKCU\\Software\\Classes\\nianbao.Report' >/dev/null 2>&1 && ! wine reg query '$UNINST' >/dev/null 2>&1 && ! wine reg query '$ASSOC' /ve 2>/dev/null | grep -q nianbao.Report"
check "uninstall: shortcuts removed" test -z "$(find "$USERDIR" -name "$APP_NAME.lnk" | head -1)"
check "uninstall: user data kept (autosave, settings, report)" test -f "$DATADIR/autosave/未保存的报告.nianbao" -a \
  -f "$DATADIR/settings.json" -a -f "$USERDIR/Documents/某镇2025年报.nianbao"

# 9. the installer as a person sees it, in a zh_CN locale: welcome (our side picture), folder, finish; 完成 starts
# the program. Pages are screenshotted and checked (side picture colours, text drawn).
("${ZH[@]}" wine "$SETUP" 2>&1 | cat >/dev/null) &
SETUP_PID=$!
if WID="$(find_window "安装程序" 90)"; then
  sleep 1.5
  shot installer-1-welcome
  if detail="$(pixels wizard installer-1-welcome "$WID")"; then result PASS "installer welcome page (zh_CN, own side picture)" "$detail"
  else result FAIL "installer welcome page (zh_CN, own side picture)" "$detail"; fi
  xdotool windowfocus "$WID" 2>/dev/null || true
  xdotool key --clearmodifiers Return
  sleep 1.5
  shot installer-2-folder
  if detail="$(pixels dialog installer-2-folder "$WID")"; then result PASS "installer folder page" "$detail"
  else result FAIL "installer folder page" "$detail"; fi
  xdotool key --clearmodifiers Return
  for _ in $(seq 300); do [[ -f "$INSTDIR/uninstall.exe" ]] && break; sleep 0.2; done
  sleep 3
  shot installer-3-finish
  if detail="$(pixels wizard installer-3-finish "$WID")"; then result PASS "installer finish page" "$detail"
  else result FAIL "installer finish page" "$detail"; fi
  xdotool key --clearmodifiers Return # 完成, with 运行年报助手 ticked
  if WID2="$(find_window " - $APP_NAME\$" 90)"; then # the program's title ends with " - 年报助手"
    sleep 2
    shot installer-4-app-started
    result PASS "完成 starts the program: its window shows" "$(xdotool getwindowname "$WID2")"
    xdotool windowfocus "$WID2" 2>/dev/null || true
    xdotool key --clearmodifiers ctrl+q
  else
    result FAIL "完成 starts the program: its window shows"
  fi
else
  shot installer-missing
  result FAIL "installer window within 90 s" "see $SHOTS/installer-missing.png"
fi
wait_exit "$SETUP_PID" 60 >/dev/null || true
timeout 60 wineserver -w || true
echo "[smoke-wine] screenshots: ${SHOTS#"$ROOT/"}/ ($(ls "$SHOTS" | tr '\n' ' '))"

trap - ERR
finish
