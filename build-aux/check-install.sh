#!/bin/sh
# check-install.sh: installs Back Coach from a build folder into a staging folder, checks that
# everything a desktop needs is there and valid, and runs the installed program.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/check-install.sh BUILDDIR
set -eu

builddir=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM

meson install -C "$builddir" --no-rebuild --quiet --destdir "$stage"
prefix=$(meson introspect "$builddir" --buildoptions |
         python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$stage$prefix"

status=0
expect () {
  if [ -e "$root/$1" ]; then
    echo "ok: $1"
  else
    echo "missing: $1" >&2
    status=1
  fi
}

expect bin/backcoach
expect share/applications/com.example.BackCoach.desktop
expect share/metainfo/com.example.BackCoach.metainfo.xml
expect share/glib-2.0/schemas/com.example.BackCoach.gschema.xml
expect share/icons/hicolor/scalable/apps/com.example.BackCoach.svg
expect share/icons/hicolor/symbolic/apps/com.example.BackCoach-symbolic.svg
for language in $(grep -v '^#' po/LINGUAS); do
  expect "share/locale/$language/LC_MESSAGES/backcoach.mo"
done

desktop-file-validate "$root/share/applications/com.example.BackCoach.desktop"
appstreamcli validate --no-net "$root/share/metainfo/com.example.BackCoach.metainfo.xml"
# The installed desktop file and metainfo carry the translations.
for language in $(grep -v '^#' po/LINGUAS); do
  grep -q "^Name\[$language\]=" "$root/share/applications/com.example.BackCoach.desktop" ||
    { echo "the desktop file has no $language name" >&2; status=1; }
  grep -q "xml:lang=\"$language\"" "$root/share/metainfo/com.example.BackCoach.metainfo.xml" ||
    { echo "the metainfo has no $language text" >&2; status=1; }
done

# The installed program runs with its installed schema and translations.
glib-compile-schemas "$root/share/glib-2.0/schemas"
export GSETTINGS_SCHEMA_DIR="$root/share/glib-2.0/schemas"
export GSETTINGS_BACKEND=memory
export BACKCOACH_LOCALEDIR="$root/share/locale"
"$root/bin/backcoach" --plan --minutes 10 > "$stage/plan.txt"
LANGUAGE=de "$root/bin/backcoach" --plan --minutes 10 > "$stage/plan-de.txt"
grep -q "Minuten" "$stage/plan-de.txt" || { echo "the installed program does not speak German" >&2; status=1; }
# And opens its window: it must still be running after five seconds, without a warning.
G_DEBUG=fatal-warnings BACKCOACH_AUDIO_SINK="fakesink" \
  build-aux/headless.sh sh -c '"$0" & pid=$!; sleep 5; kill -0 $pid && kill $pid' "$root/bin/backcoach" ||
  { echo "the installed program did not keep running" >&2; status=1; }

[ "$status" -eq 0 ] && echo "check-install: the installed Back Coach is complete and runs"
exit "$status"
