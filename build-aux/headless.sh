#!/bin/sh
# headless.sh: runs a command on its own Xvfb display inside its own D-Bus session.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Xvfb picks a free display itself (-displayfd), so tests can run in parallel without the
# display-number race that `xvfb-run -a` has. -noreset: the server would otherwise reset each
# time its last client leaves (the accessibility bus looks up its address and goes), and a
# program connecting during the reset is refused.
set -u

tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/display" 2>"$tmp/xvfb.log" &
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

if [ "${HEADLESS_TAP_FD:-}" = 3 ]; then
  # The command writes its results to fd 3, and everything else on stdout goes to stderr:
  # services the session starts, such as the accessibility registry, announce themselves.
  dbus-run-session -- "$@" 3>&1 1>&2
else
  dbus-run-session -- "$@"
fi
status=$?
if [ "$status" -ne 0 ] && [ -s "$tmp/xvfb.log" ]; then
  echo "headless.sh: the command failed; Xvfb said:" >&2
  cat "$tmp/xvfb.log" >&2
fi
exit "$status"
