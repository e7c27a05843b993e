#!/bin/sh
# test.sh: installs what is missing, builds Back Coach and runs its whole test suite headless.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Widget tests start their own Xvfb display inside their own D-Bus session
# (build-aux/headless.sh), so this works on a machine with no display at all. The tests of
# the GTK-free core also run under valgrind, the benchmarks print their figures, and an
# installation into a staging folder is checked and run.
set -eu

cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}

build-aux/install-deps.sh

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dwerror=true
else
  meson configure "$builddir" -Dwerror=true
fi
meson compile -C "$builddir"

status=0
meson test -C "$builddir" --logbase unit --print-errorlogs || status=1
meson test -C "$builddir" --logbase valgrind --setup=valgrind --suite core --print-errorlogs || status=1
meson test -C "$builddir" --logbase benchmark --benchmark --verbose || status=1
# What `meson install` puts on a system is complete, valid, translated, and runs.
build-aux/check-install.sh "$builddir" || status=1

# One closing line for the whole run, counted from meson's own logs.
if ! python3 - "$builddir/meson-logs" <<'PY'
import json, pathlib, sys
passed = failed = skipped = 0
for base in ("unit", "valgrind", "benchmark"):
    logs = sorted(pathlib.Path(sys.argv[1]).glob(base + "*.json"))
    if not logs:
        failed += 1
    for log in logs:
        for line in log.read_text().splitlines():
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
then
  status=1
fi

exit $status
