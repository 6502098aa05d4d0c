#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Format Lineup's C, C++ and header files with .clang-format.

  tools/format.py [FILE...]          rewrite the files in place
  tools/format.py --check [FILE...]  list misformatted files, exit 1 if any

Without FILE, every .c/.h/.cpp/.hpp under src/ that git knows. After
clang-format, gettext calls are written the GNOME way, _("…") rather than
_ ("…"), and lines continuing such a call move back by the removed space;
clang-format 14 can only put a space before every parenthesis.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GETTEXT = re.compile(r'(?<![A-Za-z0-9_])(N?C?_|NC_) \(')


def clang_format():
    for name in ('clang-format', 'clang-format-14', 'clang-format-15', 'clang-format-16'):
        path = shutil.which(name)
        if path:
            return path
    sys.exit('format: clang-format not found (apt-get install clang-format)')


def depth_changes(line):
    """(opening, closing) parenthesis positions outside strings and chars."""
    events = []
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c in '"\'':
            quote = c
        elif c == '/' and line[i:i + 2] == '//':
            break
        elif c == '(':
            events.append((i, 1))
        elif c == ')':
            events.append((i, -1))
        i += 1
    return events


def fix_gettext(text):
    lines = text.split('\n')
    for n, line in enumerate(lines):
        m = GETTEXT.search(line)
        while m:
            start = m.start()
            line = line[:m.end() - 2] + '(' + line[m.end():]
            # Follow the call's parentheses over the next lines; a line that
            # starts inside it, right of the macro, moves left by one.
            depth = 0
            for pos, d in depth_changes(line[start:]):
                depth += d
                if depth == 0:
                    break
            else:
                k = n + 1
                while depth > 0 and k < len(lines):
                    nxt = lines[k]
                    indent = len(nxt) - len(nxt.lstrip(' '))
                    if indent > start and nxt[indent - 1:indent] == ' ':
                        lines[k] = nxt[1:]
                    for pos, d in depth_changes(lines[k]):
                        depth += d
                        if depth == 0:
                            break
                    k += 1
            m = GETTEXT.search(line, start + 1)
        lines[n] = line
    return '\n'.join(lines)


def sources():
    """Every C/C++ file under src/: git's list, or the tree outside a clone."""
    try:
        listed = subprocess.run(['git', '-C', TOP, 'ls-files', '--', 'src'], check=True,
                                capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [os.path.relpath(os.path.join(d, f), TOP)
                  for d, _, names in os.walk(os.path.join(TOP, 'src')) for f in names]
    return sorted(os.path.join(TOP, f) for f in listed
                  if f.endswith(('.c', '.h', '.cpp', '.hpp')))


def formatted(path, tool):
    out = subprocess.run([tool, '--style=file', path], check=True,
                         capture_output=True, text=True).stdout
    return fix_gettext(out)


def main(argv):
    check = '--check' in argv
    files = [a for a in argv if a != '--check']
    if not files:
        files = sources()
    tool = clang_format()
    bad = 0
    for path in files:
        with open(path, encoding='utf-8') as f:
            before = f.read()
        after = formatted(path, tool)
        if after == before:
            continue
        if check:
            bad += 1
            rel = os.path.relpath(path, TOP)
            sys.stdout.writelines(difflib.unified_diff(
                before.splitlines(True), after.splitlines(True), rel, rel + ' (formatted)', n=1))
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(after)
    if check and bad:
        print(f'format: {bad} file(s) need tools/format.py', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
