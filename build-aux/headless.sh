#!/bin/sh
# headless.sh: runs a command on its own Xvfb display inside its own D-Bus session.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Xvfb picks a free display itself (-displayfd), so tests can run in parallel without the
# display-number race that `xvfb-run -a` has.
set -u

tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
cleanup () {
  kill "$xvfb_pid" 2>/dev/null
  wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

i=0
while [ ! -s "$tmp/display" ]; do
  i=$((i + 1))
  if [ "$i" -gt 200 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "headless.sh: Xvfb did not start:" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
  fi
  sleep 0.05
done

DISPLAY=":$(cat "$tmp/display")"
export DISPLAY
export GDK_BACKEND=x11
unset WAYLAND_DISPLAY
# Whatever a test records (history, partners) stays in its own folder.
mkdir -p "$tmp/data"
export XDG_DATA_HOME="$tmp/data"

dbus-run-session -- "$@"
