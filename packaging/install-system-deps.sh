#!/usr/bin/env bash
# System libraries that Qt (PySide6) needs on a bare Debian/Ubuntu machine, offscreen or under Xvfb.
# Safe to run twice; on a machine without apt-get, or without root, it says what it would need and
# leaves the rest to you (desktop systems usually have these already).
#
#   bash packaging/install-system-deps.sh           # what the app needs
#   bash packaging/install-system-deps.sh --xvfb    # and a virtual X server with CJK fonts (CI runs the
#                                                   # bundle on it and takes screenshots)
set -euo pipefail
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "install-system-deps: no apt-get here; make sure Qt's runtime libraries (GL, EGL, xkbcommon, fontconfig) are installed" >&2
    exit 0
fi
pkgs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
      libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
      libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
if [ "${1:-}" = "--xvfb" ]; then
    pkgs+=(xvfb xauth fonts-noto-cjk)
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" != 0 ]; then
    echo "install-system-deps: run as root to install: ${missing[*]}" >&2
    exit 0
fi
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
