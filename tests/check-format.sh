#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails, with the diff, when a file in src/ is not as tools/format.py (that
# is, clang-format with .clang-format) writes it. Fix with tools/format.py.
set -euo pipefail
top=${LINEUP_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
exec python3 "$top/tools/format.py" --check
