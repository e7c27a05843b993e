#!/usr/bin/env python3
# test-translations.py: every string of the interface and the catalog reaches the translation
# template, and every shipped translation is complete and correct.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-translations.py SOURCE_ROOT BUILD_ROOT. Output is TAP.
#
# - Every file with translatable strings is listed in po/POTFILES.in.
# - The template po/backcoach.pot holds every string xgettext finds in those files now:
#   a string added without updating the template (`meson compile backcoach-pot`) fails.
# - Each language in po/LINGUAS translates every string of the template, none fuzzy, and
#   msgfmt --check accepts it (placeholders match, plural forms, header).
# - Run in German and in Spanish, with LANGUAGE alone as a user would set it, the program
#   prints the catalog in that language.

import os
import re
import subprocess
import sys
import tempfile

SOURCE, BUILD = sys.argv[1], sys.argv[2]
PO = os.path.join(SOURCE, 'po')

# Meson's glib preset, as po/meson.build asks for it.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments=Translators',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]
MARKERS = re.compile(r'\b(?:N?C?_|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(\s*(?:GETTEXT_PACKAGE\s*,\s*)?"'
                     r'|translatable="yes"')

results = []


def test(name):
    def wrap(function):
        results.append((name, function))
        return function
    return wrap


def run(*command, env=None):
    return subprocess.run(command, capture_output=True, text=True, env=env)


def potfiles():
    with open(os.path.join(PO, 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def entries(path):
    """(msgctxt, msgid) -> (msgstr list, fuzzy) of a PO file, read with msgcat's help so
    every string is on one line."""
    text = run('msgcat', '--no-wrap', '--sort-output', path).stdout
    result = {}
    for block in text.split('\n\n'):
        if re.search(r'^#~', block, re.M):
            continue
        fields = {}
        for key, value in re.findall(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', block, re.M):
            fields[key] = value
        if 'msgid' not in fields or fields['msgid'] == '':
            continue
        strings = [v for k, v in fields.items() if k.startswith('msgstr')]
        fuzzy = re.search(r'^#,.*\bfuzzy\b', block, re.M) is not None
        result[(fields.get('msgctxt'), fields['msgid'])] = (strings, fuzzy)
    return result


@test('every file with translatable strings is in POTFILES.in')
def check_potfiles():
    listed = set(potfiles())
    missing = []
    for folder in ('src',):
        for root, _dirs, files in os.walk(os.path.join(SOURCE, folder)):
            for name in files:
                if not name.endswith(('.c', '.ui')):
                    continue
                path = os.path.join(root, name)
                relative = os.path.relpath(path, SOURCE)
                with open(path, encoding='utf-8') as f:
                    if MARKERS.search(f.read()) and relative not in listed:
                        missing.append(relative)
    catalog = os.path.join(SOURCE, 'data', 'catalog', 'techniques')
    for name in sorted(os.listdir(catalog)):
        relative = os.path.join('data', 'catalog', 'techniques', name)
        if relative not in listed:
            missing.append(relative)
    for relative in ('com.example.BackCoach.desktop', 'data/com.example.BackCoach.metainfo.xml.in',
                     'data/com.example.BackCoach.gschema.xml'):
        if relative not in listed:
            missing.append(relative)
    return ['not in po/POTFILES.in: ' + m for m in missing]


FRESH = os.path.join(tempfile.mkdtemp(prefix='backcoach-pot-'), 'fresh.pot')


@test('the template holds every string of the interface and the catalog')
def check_template():
    env = dict(os.environ)
    # The technique files' ITS rules, as po/meson.build gives them.
    env['GETTEXTDATADIRS'] = os.pathsep.join([PO, os.path.join(SOURCE, 'data', 'catalog')])
    made = run('xgettext', *XGETTEXT_ARGS, '--package-name=backcoach', '-o', FRESH,
               '-D', SOURCE, *potfiles(), env=env)
    if made.returncode != 0:
        return ['xgettext failed: ' + made.stderr]
    fresh = entries(FRESH)
    template = entries(os.path.join(PO, 'backcoach.pot'))
    missing = sorted(set(fresh) - set(template), key=str)
    stale = sorted(set(template) - set(fresh), key=str)
    problems = ['missing from po/backcoach.pot: %r' % (key[1],) for key in missing]
    problems += ['no longer in the sources, still in po/backcoach.pot: %r' % (key[1],) for key in stale]
    if problems:
        problems.append('update it with: meson compile -C BUILDDIR backcoach-pot backcoach-update-po')
    return problems


def check_language(language):
    path = os.path.join(PO, language + '.po')
    problems = []
    checked = run('msgfmt', '--check', '--statistics', '-o', os.devnull, path)
    if checked.returncode != 0:
        problems.append('msgfmt --check: ' + checked.stderr.strip())
    translations = entries(path)
    for key in entries(FRESH):
        strings, fuzzy = translations.get(key, ([], False))
        if not strings or not all(strings):
            problems.append('untranslated: %r' % (key[1],))
        elif fuzzy:
            problems.append('fuzzy: %r' % (key[1],))
    return problems


with open(os.path.join(PO, 'LINGUAS'), encoding='utf-8') as f:
    LANGUAGES = [word for line in f if not line.startswith('#') for word in line.split()]

for _language in LANGUAGES:
    test('po/%s.po translates every string, none fuzzy, and passes msgfmt --check' % _language)(
        lambda language=_language: check_language(language))


def plan(language):
    env = dict(os.environ)
    for name in ('LANG', 'LC_ALL', 'LC_MESSAGES'):
        env.pop(name, None)
    if language:
        env['LANGUAGE'] = language
    else:
        env['LANG'] = 'C.UTF-8'
        env.pop('LANGUAGE', None)
    env['BACKCOACH_LOCALEDIR'] = os.path.join(BUILD, 'po')
    result = run(os.path.join(BUILD, 'src', 'backcoach'), '--plan', '--region', 'lower-back',
                 '--seed', '3', env=env)
    return result.stdout.splitlines() if result.returncode == 0 else ['failed: ' + result.stderr]


@test('LANGUAGE=de and LANGUAGE=es show the catalog in German and in Spanish')
def check_running():
    english = plan(None)
    problems = []
    for language, word in (('de', 'Minuten'), ('es', 'minutos')):
        lines = plan(language)
        if len(lines) != len(english):
            problems.append('%s: %d lines, %d in English: %s' % (language, len(lines), len(english), lines[:2]))
            continue
        if word not in lines[0]:
            problems.append('%s: the heading is not translated: %r' % (language, lines[0]))
        # Each step line names the technique and its spoken cue: all of it translated.
        for ours, theirs in zip(lines, english):
            step = re.match(r'\s*\d+\.\s+\S+\s+(.*) \((\S+), (.*)\)$', theirs)
            if step and (step.group(1).split('  ')[-1].strip() in ours or step.group(3) in ours):
                problems.append('%s: still English: %r' % (language, ours))
    return problems


def main():
    print('1..%d' % len(results))
    failed = 0
    for number, (name, function) in enumerate(results, 1):
        problems = function()
        print('%s %d %s' % ('not ok' if problems else 'ok', number, name))
        for problem in problems[:40]:
            print('# ' + problem)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
