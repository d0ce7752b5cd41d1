#!/usr/bin/env bash
# Smoke-test the Windows installer in a fresh Wine prefix:
#   bash installer/smoke-wine.sh dist/nianbao-<version>-setup-x64.exe
# silent install -> app in smoke mode -> registry checks -> upgrade in place -> silent uninstall ->
# program gone, user data kept. One PASS/FAIL line per step with its time; exit 1 on any failure.
# KEEP_PREFIX=1 keeps the Wine prefix for inspection.
set -euo pipefail

[[ $# -eq 1 && -f "$1" ]] || { echo "usage: $0 SETUP.exe" >&2; exit 2; }
SETUP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || PY="$ROOT/.venv/bin/python"

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
WINEPREFIX="$(mktemp -d -t nianbao-wine.XXXXXX)"
export WINEPREFIX
unset DISPLAY || true # the installer runs silently and the app uses -platform offscreen
APP_NAME="年报助手"
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

# 2. Wine 8 reports Windows 7 by default: the installer must refuse it (exit 3) and write nothing.
rc=0
timeout 300 wine "$SETUP" /S 2>&1 | cat >/dev/null || rc=$?
if [[ $rc -eq 3 && ! -e "$INSTDIR" ]]; then result PASS "refuses Windows 7 (exit 3, nothing installed)"
else result FAIL "refuses Windows 7 (exit 3, nothing installed)" "exit $rc"; fi
# From here on the prefix reports Windows 10 (the supported minimum is 10 1607).
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
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for e in d.get("errors", []):
    print("  error:", e.get("error"), file=sys.stderr)
ex = d.get("exports", {})
print(f"ok={d['ok']} window={d['window']} layout={d.get('layout')} icons={d.get('toolbar_icons')} qt={d['qt']} py={d['python']} qpa={d['qpa_platform']} "
      f"findings={d['findings']['total'] if d.get('findings') else None} "
      f"docx={ex.get('docx', {}).get('bytes')} xlsx={ex.get('xlsx', {}).get('bytes')} pdf={ex.get('pdf', {}).get('bytes')} "
      f"app={d['timings']['total']}s")
sys.exit(0 if d["ok"] and d["frozen"] and d["qpa_platform"] == "offscreen" else 1)
PYEOF
  )" && [[ $rc -eq 0 ]]; then
    result PASS "$2" "${took}s wall; $summary"
  else
    result FAIL "$2" "exit $rc; $summary"
  fi
}
run_smoke "$WINEPREFIX/smoke1.json" "installed app --smoke -platform offscreen"
mkdir -p "$ROOT/installer/work" && cp -f "$WINEPREFIX/smoke1.json" "$ROOT/installer/work/smoke-wine.json" 2>/dev/null || true

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

trap - ERR
finish
