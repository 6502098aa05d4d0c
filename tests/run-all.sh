#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Run the whole test suite of a configured build: every meson test under a
# virtual display and a private D-Bus, then the core again in a build with GTK
# hidden from pkg-config (proof that -Dgui=false needs no GTK). Ends with one
# plain line: "N passed, N failed, N skipped".
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$top/_build}
nogui=${build}-nogui

summary() {  # testlog.json... -> counts
  python3 - "$@" <<'PY'
import json, sys
p = f = s = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        continue
    for line in lines:
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            p += 1
        elif r == "SKIP":
            s += 1
        else:
            f += 1
print(f"{p} passed, {f} failed, {s} skipped")
PY
}

status=0

echo "== meson test ($build) under Xvfb"
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- meson test -C "$build" --print-errorlogs --num-processes 2 || status=1

echo "== core without GTK ($nogui)"
# A pkg-config view of the system without gtk4 and libadwaita.
pcdir=$nogui/pkgconfig-without-gtk
rm -rf "$pcdir" && mkdir -p "$pcdir"
for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
  [[ -d $dir ]] || continue
  for pc in "$dir"/*.pc; do
    [[ -e $pc ]] || continue
    case ${pc##*/} in gtk4*|libadwaita*|gtk+-*) continue ;; esac
    [[ -e $pcdir/${pc##*/} ]] || ln -s "$pc" "$pcdir/"
  done
done
if [[ ! -f $nogui/build.ninja ]]; then
  PKG_CONFIG_LIBDIR=$pcdir meson setup "$nogui" "$top" -Dgui=false --buildtype=debugoptimized \
    >"$nogui.setup.log" 2>&1 || { cat "$nogui.setup.log"; status=1; }
fi
if [[ -f $nogui/build.ninja ]]; then
  PKG_CONFIG_LIBDIR=$pcdir ninja -C "$nogui" || status=1
  meson test -C "$nogui" --print-errorlogs --num-processes 2 || status=1
fi

summary "$build/meson-logs/testlog.json" "$nogui/meson-logs/testlog.json"
exit $status
