#!/bin/sh
# install-deps.sh: installs the Debian 12 packages Back Coach needs to build, run and test.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Only missing packages are installed, so a second run does nothing and needs no network.
set -eu

packages="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libgdk-pixbuf-2.0-dev librsvg2-common libsqlite3-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-espeak
  python3-gi gir1.2-atspi-2.0 at-spi2-core
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 valgrind poppler-utils
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
