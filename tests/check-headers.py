#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every header in src/ includes what it uses: each one must compile alone.

For each C header of src/core, src/shim, src/cli and src/app (app only in a
build with the GUI), a translation unit holding nothing but
#include "header" is compiled (private headers, which only the
library's own files include, after config.h as those files do) with the very command meson uses for a file
of that directory (from compile_commands.json), with -fsyntax-only.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

TOP = os.environ.get('LINEUP_SOURCE_DIR') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get('LINEUP_BUILD_DIR') or os.path.join(TOP, '_build')
# The shim's .hpp files are C++ behind its C header, lineup-shim.h.
C_HEADERS_OF = {'src/core': '.h', 'src/shim': '.h', 'src/cli': '.h', 'src/app': '.h'}


def command_for(directory, entries):
    """Meson's compile command for some C file of directory, as a list."""
    for e in entries:
        path = os.path.normpath(os.path.join(e['directory'], e['file']))
        if os.path.dirname(path) == os.path.join(TOP, directory) and path.endswith('.c'):
            args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
            return e['directory'], args, e['file']
    return None


def main():
    with open(os.path.join(BUILD, 'compile_commands.json'), encoding='utf-8') as f:
        entries = json.load(f)
    failed = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for directory, ext in C_HEADERS_OF.items():
            # The shim compiles only C++; its C header goes with the core's flags.
            found = command_for('src/core' if directory == 'src/shim' else directory, entries)
            if found is None:
                print(f'{directory}: not built here, skipped')
                continue
            cwd, args, source = found
            # Drop the output, dependency and source arguments; keep flags.
            flags, skip = [], False
            for a in args[1:]:
                if skip:
                    skip = False
                    continue
                if a in ('-o', '-MF', '-MQ', '-MT', '-c'):
                    skip = a != '-c'
                    continue
                if a in ('-MD', '-MMD') or a == source:
                    continue
                flags.append(a)
            for name in sorted(os.listdir(os.path.join(TOP, directory))):
                if not name.endswith(ext):
                    continue
                unit = os.path.join(tmp, name + '.c')
                with open(unit, 'w', encoding='utf-8') as f:
                    if name.endswith('-private.h'):
                        f.write('#include "config.h"\n')
                    f.write(f'#include "{name}"\n')
                cmd = [args[0]] + flags + ['-I' + os.path.join(TOP, directory),
                                          '-fsyntax-only', '-fdiagnostics-color=never',
                                          unit]
                r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
                checked += 1
                if r.returncode != 0:
                    failed += 1
                    print(f'FAIL {directory}/{name} does not compile on its own:\n{r.stderr}')
    print(f'{checked} headers compiled alone, {failed} failed')
    return 1 if failed or checked == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
