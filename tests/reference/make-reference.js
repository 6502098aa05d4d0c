#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Computes reference 128-D face descriptors with face-api.js's own JavaScript
// forward pass (tfjs-core's pure-JS CPU backend, no tfjs-node), using the
// recognition weights from the @vladmandic/face-api model folder that
// models/fetch.sh extracts. src/shim/lineup-resnet-check.cpp compares the converted dlib
// network against the JSON written here.
//
// Usage (from tests/reference, after `npm ci` or `npm install`):
//   node make-reference.js MODEL_DIR FACES_DIR CHECK_RESNET [OUT.json]
//     MODEL_DIR     folder with face_recognition_model-weights_manifest.json
//                   and face_recognition_model.bin (fetch.sh's DESTDIR/face-api)
//     FACES_DIR     the shared faces folder (e.g. /work/shared/faces); read in
//                   place, nothing is copied into the repository
//     CHECK_RESNET  the built lineup-resnet-check program (_build/src/shim/)
//     OUT.json      default: resnet-reference.json next to this script
//
// Chips: `CHECK_RESNET --write-chips FACES_DIR TMPDIR` picks the first image
// (byte-order sort) of each of the first 4 identities (byte-order sort, so
// "AJ_Cook" comes before "Aaron_...") of FACES_DIR/lfw-devtrain, decodes it
// with libjpeg (dlib::load_image), crops 150x150 at (50,50) and writes raw RGB
// files into a temporary folder that is removed afterwards. The JPEGs are
// decoded on the C++ side because a pure-JS decoder (jpeg-js) gives slightly
// different pixels than libjpeg, which check-resnet uses; the chip's sha256
// goes into the JSON so that check-resnet can tell a decoder change apart
// from a network difference.

'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const os = require('os');
const { spawnSync } = require('child_process');

const CHIP = 150;

function die(msg) {
  process.stderr.write(`make-reference: ${msg}\n`);
  process.exit(1);
}

function sha256(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

function pkgVersion(name) {
  return require(`${name}/package.json`).version;
}

// Runs `check-resnet --write-chips` into a temp dir; returns [{source, crop, chip}].
function makeChips(checkResnet, facesDir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-chips-'));
  try {
    const r = spawnSync(checkResnet, ['--write-chips', facesDir, tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) die(`${checkResnet}: ${r.error.message}`);
    if (r.status !== 0) die(`${checkResnet} --write-chips failed (exit ${r.status})`);
    const lines = fs.readFileSync(path.join(tmp, 'chips.tsv'), 'utf8').split('\n').filter((l) => l);
    return lines.slice(1).map((line) => {
      const [file, source, x, y, width, height] = line.split('\t');
      const crop = { x: +x, y: +y, width: +width, height: +height };
      if (crop.width !== CHIP || crop.height !== CHIP) die(`${source}: chip is not ${CHIP}x${CHIP}`);
      const chip = fs.readFileSync(path.join(tmp, file));
      if (chip.length !== CHIP * CHIP * 3) die(`${file}: expected ${CHIP * CHIP * 3} bytes, got ${chip.length}`);
      return { source, crop, chip };
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// JSON with each descriptor on one line.
function format(doc) {
  return JSON.stringify(doc, null, 1)
    .replace(/\[\n\s*(-?[0-9][0-9.eE+-]*,\n\s*)*-?[0-9][0-9.eE+-]*\n\s*\]/g, (m) => m.replace(/\s+/g, ''))
    + '\n';
}

async function main() {
  const [modelDir, facesDir, checkResnet, outArg] = process.argv.slice(2);
  if (!modelDir || !facesDir || !checkResnet) {
    die('usage: node make-reference.js MODEL_DIR FACES_DIR CHECK_RESNET [OUT.json]');
  }
  const outFile = outArg || path.join(__dirname, 'resnet-reference.json');
  const manifestFile = path.join(modelDir, 'face_recognition_model-weights_manifest.json');
  const binFile = path.join(modelDir, 'face_recognition_model.bin');
  for (const f of [manifestFile, binFile]) {
    if (!fs.existsSync(f)) die(`${f}: not found (run models/fetch.sh first)`);
  }

  const faceapi = require('face-api.js');
  const tf = faceapi.tf;
  if (!(await tf.setBackend('cpu'))) die('cannot select the tfjs CPU backend');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') die(`tfjs backend is '${tf.getBackend()}', expected 'cpu'`);

  const net = faceapi.nets.faceRecognitionNet;
  await net.loadFromDisk(modelDir);

  const chips = [];
  for (const { source, crop, chip } of makeChips(checkResnet, facesDir)) {
    // [150,150,3] RGB, 0..255; FaceRecognitionNet does the mean/256 normalization.
    const input = tf.tensor3d(new Float32Array(chip), [CHIP, CHIP, 3], 'float32');
    const desc = await net.computeFaceDescriptor(input);
    input.dispose();
    if (!(desc instanceof Float32Array) || desc.length !== 128) die(`${source}: unexpected descriptor`);
    chips.push({
      source,
      crop,
      chip_rgb_sha256: sha256(chip),
      descriptor: Array.from(desc),
    });
    process.stderr.write(`make-reference: ${source}\n`);
  }

  const doc = {
    generator: 'tests/reference/make-reference.js',
    note: 'face-api.js FaceRecognitionNet forward pass (JS, tfjs CPU backend) on 150x150 RGB chips; ' +
      'source paths are relative to the faces folder; chip = JPEG decoded with libjpeg (check-resnet --write-chips), ' +
      'cropped at crop.x,crop.y; chip_rgb_sha256 = sha256 of the chip as raw row-major RGB bytes',
    face_api_js: pkgVersion('face-api.js'),
    tfjs_core: tf.version_core,
    backend: tf.getBackend(),
    weights: {
      package: '@vladmandic/face-api@1.7.15',
      manifest_sha256: sha256(fs.readFileSync(manifestFile)),
      bin_sha256: sha256(fs.readFileSync(binFile)),
    },
    chips,
  };
  fs.writeFileSync(outFile, format(doc));
  process.stderr.write(`make-reference: wrote ${outFile}\n`);
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
