#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Convert the fetched TF.js weights into dlib's network file and check the
# result against its pinned sha256 (the conversion is deterministic).
#
# Usage: models/convert.sh BUILDDIR MODELDIR [--no-system-landmarks]
#   --no-system-landmarks: the 68-point model is already in MODELDIR (Flatpak)
# Idempotent: nothing happens when the converted file is already correct.
set -euo pipefail

build=$1
dest=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$dest/dlib_face_recognition_resnet_model_v1.dat
want=$(awk '$2 == "dlib_face_recognition_resnet_model_v1.dat" {print $1}' "$here/SHA256SUMS")
[[ -n $want ]] || { echo "convert.sh: no pin for the converted model in SHA256SUMS" >&2; exit 1; }

# The 68-point landmark model comes from Debian's libdlib-data.
[[ ${3:-} == --no-system-landmarks ]] ||
  ln -sfn /usr/share/dlib/shape_predictor_68_face_landmarks.dat "$dest/shape_predictor_68_face_landmarks.dat"

if [[ -f $out && $(sha256sum "$out" | cut -d' ' -f1) == "$want" ]]; then
  exit 0
fi

conv=$build/src/shim/lineup-convert-resnet
[[ -x $conv ]] || { echo "convert.sh: $conv is not built (run ninja -C $build)" >&2; exit 1; }
echo "convert.sh: converting the face-recognition network" >&2
"$conv" "$dest/face-api/face_recognition_model-weights_manifest.json" \
        "$dest/face-api/face_recognition_model.bin" "$out.tmp"
got=$(sha256sum "$out.tmp" | cut -d' ' -f1)
if [[ $got != "$want" ]]; then
  rm -f "$out.tmp"
  echo "convert.sh: converted model has sha256 $got, expected $want" >&2
  exit 1
fi
mv "$out.tmp" "$out"
