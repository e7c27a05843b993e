#!/bin/sh
# run.sh: installs what is missing, builds Back Coach and runs it from the build tree.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/run.sh [backcoach options]. The build folder is _build unless BUILDDIR says
# otherwise. `meson devenv` points GSettings at the schema compiled in the build folder, so
# nothing needs installing.
set -eu

cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}

build-aux/install-deps.sh

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
meson compile -C "$builddir"

exec meson devenv -C "$builddir" -w "$PWD" "$builddir/src/backcoach" "$@"
