#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SPDX licence lines on every source file.

  tools/spdx.py          add the line where it is missing (safe to re-run)
  tools/spdx.py --check  list files without it, exit 1 if any

The licence is meson.build's license:, except in the metainfo, whose text is
under its own <metadata_license>. The line goes first, after a #! line or an
<?xml?> declaration, in the file's own comment syntax. COPYING must hold the
licence's text and the metainfo's <project_license> must name it.
"""
import os
import re
import subprocess
import sys

TOP = os.environ.get('LINEUP_SOURCE_DIR') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG = 'SPDX-License-Identifier:'


def comment_style(rel):
    """(prefix, suffix) of a one-line comment in rel, or None: not a source file."""
    name = os.path.basename(rel)
    if name.endswith(('.c', '.h', '.cpp', '.hpp', '.h.in', '.css')):
        return '/* ', ' */'
    if name.endswith('.js'):
        return '// ', ''
    if name in ('meson.build', 'meson_options.txt', 'POTFILES.in', '.clang-format') \
       or name.endswith(('.sh', '.py', '.desktop.in')) or rel == '.ci/run':
        return '# ', ''
    if name.endswith(('.ui', '.xml', '.xml.in')):
        return '<!-- ', ' -->'
    return None


def tracked():
    try:
        out = subprocess.run(['git', '-C', TOP, 'ls-files'], check=True,
                             capture_output=True, text=True).stdout
        return sorted(out.split())
    except (OSError, subprocess.CalledProcessError):
        found = []
        for d, dirs, names in os.walk(TOP):
            # Outside a clone: skip hidden folders, build trees and the models.
            dirs[:] = [x for x in dirs if not x.startswith(('.', '_build'))
                       and os.path.relpath(os.path.join(d, x), TOP) != 'models/data']
            found += [os.path.relpath(os.path.join(d, n), TOP) for n in names]
        return sorted(found)


def project_licence():
    with open(os.path.join(TOP, 'meson.build'), encoding='utf-8') as f:
        m = re.search(r"license\s*:\s*'([^']+)'", f.read())
    if not m:
        sys.exit('spdx: meson.build names no license')
    return m.group(1)


def licence_for(rel, text, project):
    m = re.search(r'<metadata_license>([^<]+)</metadata_license>', text)
    return m.group(1).strip() if m and '.metainfo.' in rel else project


def has_line(text, licence):
    head = text.split('\n', 6)[:6]
    return any(f'{TAG} {licence}' in line for line in head)


def insert(text, rel, licence):
    prefix, suffix = comment_style(rel)
    line = f'{prefix}{TAG} {licence}{suffix}\n'
    lines = text.splitlines(True)
    at = 1 if lines and (lines[0].startswith('#!') or lines[0].startswith('<?xml')) else 0
    return ''.join(lines[:at] + [line] + lines[at:])


def main(argv):
    check = '--check' in argv
    project = project_licence()
    problems = []
    for rel in tracked():
        if comment_style(rel) is None or not os.path.isfile(os.path.join(TOP, rel)):
            continue
        path = os.path.join(TOP, rel)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        licence = licence_for(rel, text, project)
        if has_line(text, licence):
            continue
        if check:
            problems.append(f'{rel}: no "{TAG} {licence}" line at the top (run tools/spdx.py)')
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(insert(text, rel, licence))
    if check:
        copying = os.path.join(TOP, 'COPYING')
        if not os.path.isfile(copying):
            problems.append('COPYING is missing')
        elif project.startswith('GPL-3.0'):
            with open(copying, encoding='utf-8') as f:
                head = f.read(400)
            if 'GNU GENERAL PUBLIC LICENSE' not in head or 'Version 3' not in head:
                problems.append(f'COPYING is not the text of {project}')
        for rel in tracked():
            if '.metainfo.' in rel:
                with open(os.path.join(TOP, rel), encoding='utf-8') as f:
                    m = re.search(r'<project_license>([^<]+)</project_license>', f.read())
                if not m or m.group(1).strip() != project:
                    problems.append(f'{rel}: <project_license> is not {project} (meson.build)')
        for p in problems:
            print(p)
        print(f'{len(problems)} problem(s); licence {project}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
