#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest cannot be built here (no flatpak-builder, no network
beyond the package registries), so check that it is well formed and
consistent with the project instead."""
import json
import re
import sys

path = sys.argv[1]
with open(path) as f:
    m = json.load(f)

errors = []
def need(cond, msg):
    if not cond:
        errors.append(msg)

need(m.get("id") == "io.github.lineup.Lineup", "id must be the app id")
need(m.get("command") == "lineup", "command must be lineup")
need(m.get("runtime") == "org.gnome.Platform", "runtime must be org.gnome.Platform")
need(m.get("sdk") == "org.gnome.Sdk", "sdk must be org.gnome.Sdk")
need(re.fullmatch(r"\d+", str(m.get("runtime-version", ""))), "runtime-version must be a number")
args = m.get("finish-args", [])
need("--share=network" in args, "network is needed for the central PostgreSQL sync")
need(not any(a.startswith("--device=all") for a in args),
     "no device access: Lineup never works on a live camera feed")
mods = m.get("modules", [])
need(isinstance(mods, list) and mods, "modules missing")
names = [mod.get("name") if isinstance(mod, dict) else mod for mod in mods]
for dep in ("opencv", "dlib", "openblas", "libpq", "libsodium"):
    need(any(n and dep in n for n in names), f"module for {dep} missing")
need(names[-1] == "lineup", "the app must be the last module")
for mod in mods:
    if not isinstance(mod, dict):
        continue
    need(mod.get("buildsystem") in ("meson", "cmake-ninja", "simple", "autotools", None),
         f"{mod.get('name')}: unknown buildsystem")
    for src in mod.get("sources", []):
        t = src.get("type")
        if t in ("archive", "file"):
            need(re.fullmatch(r"[0-9a-f]{64}", src.get("sha256", "")),
                 f"{mod['name']}: {src.get('url')} lacks a sha256")
            need(src.get("url", "").startswith("https://"), f"{mod['name']}: url must be https")
        elif t == "git":
            need("tag" in src or "commit" in src, f"{mod['name']}: git source must pin tag/commit")
        elif t == "dir":
            pass
        else:
            errors.append(f"{mod['name']}: unexpected source type {t}")

if errors:
    for e in errors:
        print("FAIL:", e)
    sys.exit(1)
print(f"ok: {path}: {len(mods)} modules")
