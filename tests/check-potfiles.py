#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in must list exactly the files with translatable strings.

Fails when a file in src/, ui/ or data/ marks a string for translation
(_(), N_(), C_(), NC_(), ngettext, g_dngettext…; translatable="yes" in
GtkBuilder files; the translatable keys and elements of the desktop file,
the metainfo and the GSettings schema) but is not listed, when a listed
file does not exist, or when a listed file has nothing to translate.
"""
import os
import re
import subprocess
import sys

TOP = os.environ.get('LINEUP_SOURCE_DIR') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|dngettext|g_dngettext|'
                    r'g_dgettext|g_dpgettext2?|dgettext|gettext)\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARK = re.compile(r'translatable\s*=\s*"(yes|true|1)"', re.I)
DESKTOP_MARK = re.compile(r'^(Name|GenericName|Comment|Keywords|X-GNOME-FullName)=\S', re.M)
METAINFO_MARK = re.compile(r'<(name|summary|p|li|caption|developer_name)\b')
SCHEMA_MARK = re.compile(r'<(summary|description)\b')


def tracked():
    try:
        out = subprocess.run(['git', '-C', TOP, 'ls-files', '--', 'src', 'ui', 'data'],
                             check=True, capture_output=True, text=True).stdout
        return out.split()
    except (OSError, subprocess.CalledProcessError):
        found = []
        for sub in ('src', 'ui', 'data'):
            for d, _, names in os.walk(os.path.join(TOP, sub)):
                found += [os.path.relpath(os.path.join(d, n), TOP) for n in names]
        return found


def translatable(rel):
    path = os.path.join(TOP, rel)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, IsADirectoryError):
        return False
    if rel.endswith(('.c', '.h', '.cpp', '.hpp')):
        return bool(C_MARK.search(C_COMMENT.sub('', text)))
    if rel.endswith('.ui'):
        return bool(UI_MARK.search(text))
    if rel.endswith(('.desktop', '.desktop.in')):
        return bool(DESKTOP_MARK.search(text))
    if rel.endswith(('.metainfo.xml', '.metainfo.xml.in', '.appdata.xml', '.appdata.xml.in')):
        return bool(METAINFO_MARK.search(text))
    if rel.endswith(('.gschema.xml', '.gschema.xml.in')):
        return bool(SCHEMA_MARK.search(text))
    return False


def main():
    with open(os.path.join(TOP, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [l.strip() for l in f if l.strip() and not l.lstrip().startswith('#')]
    problems = []
    for rel in sorted(set(l for l in listed if listed.count(l) > 1)):
        problems.append(f'{rel}: listed twice in po/POTFILES.in')
    for rel in listed:
        if not os.path.isfile(os.path.join(TOP, rel)):
            problems.append(f'{rel}: listed in po/POTFILES.in but does not exist')
        elif not translatable(rel):
            problems.append(f'{rel}: listed in po/POTFILES.in but has no translatable strings')
    for rel in sorted(tracked()):
        if rel not in listed and os.path.isfile(os.path.join(TOP, rel)) and translatable(rel):
            problems.append(f'{rel}: has translatable strings but is missing from po/POTFILES.in')
    for p in problems:
        print(p)
    print(f'{len(listed)} files listed, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
