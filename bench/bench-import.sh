#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import throughput: the engine alone on one thread, then the import with 1
# and 2 workers on the same images, with peak memory. Prints the figures.
#
# Usage: bench/bench-import.sh BUILDDIR FOLDER [N]
#   FOLDER: DIR/<person>/<image> (e.g. ../shared/faces/lfw-devtrain); N: only
#   the first N images (default: all).
set -euo pipefail
build=$1
folder=$2
limit=${3:-0}
tmp=$(mktemp -d /tmp/lineup-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export LINEUP_MODEL_DIR=${LINEUP_MODEL_DIR:-$(dirname "$0")/../models/data}

find "$folder" -mindepth 2 -maxdepth 2 -type f \( -iname '*.jpg' -o -iname '*.png' \) | sort > "$tmp/all"
if ((limit > 0)); then head -n "$limit" "$tmp/all" > "$tmp/list"; else cp "$tmp/all" "$tmp/list"; fi
n=$(wc -l < "$tmp/list")
{
  echo "booking_number,photo,person_id"
  awk -F/ '{ printf "BI-%06d,%s,%s\n", NR, $0, $(NF-1) }' "$tmp/list"
} > "$tmp/manifest.csv"

echo "# import benchmark: $n images from $folder, $(nproc) cores"
"$build/bench/bench-engine-rate" "$tmp/list"
export LINEUP_USER=bench LINEUP_PASSWORD=bench-password
for w in 1 2; do
  LINEUP_NEW_PASSWORD=$LINEUP_PASSWORD "$build/src/cli/lineup-cli" --data-dir "$tmp/data$w" \
    user init --name bench --also clerk > /dev/null
  /usr/bin/time -f "%M" -o "$tmp/rss" "$build/src/cli/lineup-cli" --data-dir "$tmp/data$w" \
    import "$tmp/manifest.csv" --workers "$w" --json --report "$tmp/report$w.csv" > "$tmp/out$w"
  python3 - "$tmp/out$w" "$w" "$(cat "$tmp/rss")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n = s["imported"] + s["duplicates"] + sum(s["rejected"].values()) + s["failed"]
print(f"import, {sys.argv[2]} worker(s): {n} photos in {s['seconds']:.1f} s: "
      f"{n / s['seconds']:.2f} photos/s, peak RSS {int(sys.argv[3]) / 1024:.0f} MiB "
      f"(imported {s['imported']}, rejected {s['rejected']})")
PY
done
