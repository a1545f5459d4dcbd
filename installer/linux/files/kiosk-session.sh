#!/usr/bin/env bash
# The kiosk user's whole session: the kiosk alone, full-screen, in cage (a Wayland compositor
# that shows one program and nothing else: no desktop, no task switcher, no terminal).
# literacy-kiosk-session.service runs it as the kiosk user and starts it again whenever it
# stops; after repeated failures the unit falls back to X11 (kiosk-x11-session.sh).
#
# Leaving: only through the volunteer PIN (the app's "Quit"); the session then ends for good
# (exit 0), until the next boot. Any other end (a crash, a killed app) restarts the kiosk.
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
status="${XDG_RUNTIME_DIR:-/tmp}/literacy-kiosk-exit.$$"
rm -f "$status"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-wayland;xcb}"
export QT_WAYLAND_DISABLE_WINDOWDECORATION=1
export XDG_SESSION_TYPE=wayland
# cage does not hand back the app's exit status, so the app's own is written down.
cage -- /bin/sh -c '"$1"; code=$?; echo "$code" > "$2"; exit "$code"' \
  sh "$here/literacy-kiosk" "$status"
cage_code=$?
code="$(cat "$status" 2>/dev/null)"
rm -f "$status"
exit "${code:-$cage_code}"
