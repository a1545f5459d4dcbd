#!/usr/bin/env bash
# The X11 fallback of the kiosk session, for machines where cage (Wayland) does not start:
# a bare X server with only the kiosk on it (the window covers the screen by itself), screen
# blanking and power saving off. Run by literacy-kiosk-x11.service as the kiosk user.
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
if [ "${1:-}" = "--inside" ]; then
  xset s off -dpms s noblank 2>/dev/null || true
  export QT_QPA_PLATFORM=xcb
  exec "$here/literacy-kiosk"
fi
vt="${XDG_VTNR:-7}"
exec xinit "$here/kiosk-x11-session.sh" --inside -- :0 "vt$vt" -nolisten tcp -keeptty \
  -s 0 -dpms
