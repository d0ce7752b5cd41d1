#!/usr/bin/env bash
# Quick check of installer/nianbao.spec on Linux: hidden imports and data files, in about a minute.
# Freezes the app with PyInstaller into installer/work/linux/, runs it in smoke mode and checks the result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$ROOT/installer/work/linux"
T0=$(date +%s)
step() { echo "[linux-check] $(printf '%4ss' $(( $(date +%s) - T0 ))) $*"; }

PYI_VERSION="$(sed -n 's/^pyinstaller==\([^ ;]*\).*/\1/p' installer/requirements-windows.txt)"
PYI_HOOKS_VERSION="$(sed -n 's/^pyinstaller-hooks-contrib==\([^ ;]*\).*/\1/p' installer/requirements-windows.txt)"
if ! "$PY" -m PyInstaller --version 2>/dev/null | grep -qx "$PYI_VERSION"; then
  step "pip install pyinstaller==$PYI_VERSION"
  "$PY" -m pip install -q "pyinstaller==$PYI_VERSION" "pyinstaller-hooks-contrib==$PYI_HOOKS_VERSION"
fi
step "pyinstaller $("$PY" -m PyInstaller --version)"
rm -rf "$WORK"
mkdir -p "$WORK"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
  installer/nianbao.spec > "$WORK/pyinstaller.log" 2>&1 || { tail -40 "$WORK/pyinstaller.log"; exit 1; }
step "built $(du -sh "$WORK/dist/nianbao" | cut -f1) in $WORK/dist/nianbao"

OUT="$WORK/smoke.json"
S0=$EPOCHREALTIME
set +e
QT_QPA_PLATFORM=offscreen timeout 300 "$WORK/dist/nianbao/nianbao" --smoke "$OUT" -platform offscreen
RC=$?
set -e
step "smoke exit $RC in $(awk "BEGIN{printf \"%.1f\", $EPOCHREALTIME - $S0}")s"
"$PY" - "$OUT" "$RC" <<'PYEOF'
import json, sys
out, rc = sys.argv[1], int(sys.argv[2])
try:
    data = json.load(open(out, encoding="utf-8"))
except OSError as exc:
    sys.exit(f"[linux-check] FAIL: no smoke result ({exc})")
for e in data["errors"]:
    print(f"[linux-check]   error: {e['error']}")
print(f"[linux-check]   window={data['window']} qt={data['qt']} findings={data['findings']} exports={data['exports']}")
ok = data["ok"] and rc == 0
print(f"[linux-check] {'PASS' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PYEOF
