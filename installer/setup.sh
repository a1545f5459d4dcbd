#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine, then start the kiosk or run the tests.
#
#   bash installer/setup.sh demo    # the separate demo kiosk (its own folder and settings)
#   bash installer/setup.sh test    # the whole test suite (starts the services it needs)
#   bash installer/setup.sh app     # the kiosk with this machine's real data
#   bash installer/setup.sh autostart   # start the kiosk when this user logs in
#
# It installs the system libraries Qt, speech and printing need (with sudo when not root),
# keeps Speech Dispatcher's log small,
# makes a virtual environment in .venv and installs the Python packages into it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
what="${1:-demo}"
shift || true

say() { printf '\n== %s\n' "$*"; }
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

apt_install() {
  local wanted=() pkg
  for list in "$@"; do
    while read -r pkg; do
      pkg="${pkg%%#*}"; pkg="${pkg// /}"
      [ -z "$pkg" ] && continue
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || wanted+=("$pkg")
    done < "$list"
  done
  if [ "${#wanted[@]}" -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
      echo "Please install these packages with your system's package manager: ${wanted[*]}" >&2
      return 1
    fi
    say "Installing system packages: ${wanted[*]}"
    # Another installer (the system's automatic updates, a software centre) may hold apt's
    # lock: wait for it with a message instead of failing at once.
    local wait=(-o DPkg::Lock::Timeout=900)
    if ! $sudo_cmd apt-get -o DPkg::Lock::Timeout=0 -qq check >/dev/null 2>&1; then
      echo "Another program is installing software; waiting for it to finish (up to 15 minutes)..."
    fi
    $sudo_cmd apt-get "${wait[@]}" update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get "${wait[@]}" install -y -q \
      --no-install-recommends "${wanted[@]}"
  fi
}

quiet_speech_log() {
  # Speech Dispatcher logs at level 3 by default: about 2.4 MB on every start (each of
  # espeak-ng's voices, even at level 1), never trimmed. Level 0 writes nothing.
  local conf=/etc/speech-dispatcher/speechd.conf
  [ -f "$conf" ] || return 0
  grep -qE '^LogLevel[[:space:]]+0[[:space:]]*$' "$conf" && return 0
  say "Speech Dispatcher: writing no log ($conf)"
  if grep -qE '^[#[:space:]]*LogLevel[[:space:]]' "$conf"; then
    $sudo_cmd sed -i -E '0,/^[#[:space:]]*LogLevel[[:space:]].*/s//LogLevel  0/' "$conf"
  else
    echo 'LogLevel  0' | $sudo_cmd tee -a "$conf" >/dev/null
  fi
}

pick_python() {
  local py
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$py"; return 0
    fi
  done
  echo "Python 3.11 or newer is needed (apt-get install python3 python3-venv)." >&2
  return 1
}

make_venv() {
  # Installs exactly the versions in installer/lock/<set>.txt (with their hashes), then the
  # kiosk itself without touching them. bash installer/update-lock.sh renews the lock files.
  local extra="$1" py stamp want lock="installer/lock/$1.txt"
  py="$(pick_python)"
  if [ ! -x .venv/bin/python ]; then
    say "Making the virtual environment in .venv"
    "$py" -m venv .venv || { apt_install <(echo python3-venv); "$py" -m venv .venv; }
  fi
  stamp=".venv/.installed-$extra"
  want="$(cat pyproject.toml "$lock" | sha256sum | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing Python packages from $lock"
    .venv/bin/python -m pip install -q --require-hashes --only-binary :all: -r "$lock"
    .venv/bin/python -m pip install -q --no-deps -e .
    .venv/bin/python -m pip check
    echo "$want" > "$stamp"
  fi
  # Byte-compile the kiosk's own code, so each start does not (pip's packages already are).
  .venv/bin/python -m compileall -q kiosk ui >/dev/null || true
}

case "$what" in
  demo|app)
    apt_install installer/apt-packages.txt
    quiet_speech_log
    make_venv "app"
    args=()
    [ "$what" = demo ] && args+=(--demo)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
      echo "No screen found (DISPLAY and WAYLAND_DISPLAY are not set): run this from the desktop," >&2
      echo "or set QT_QPA_PLATFORM=offscreen to run the kiosk without a window." >&2
      exit 2
    fi
    if [ "$what" = demo ]; then
      say "Starting the demo kiosk (PINs: Lan 2468, Hùng 3579, coordinator Minh 1357); the real data is not touched"
    else
      say "Starting the kiosk"
    fi
    exec .venv/bin/literacy-kiosk "${args[@]}" "$@"
    ;;
  test)
    apt_install installer/apt-packages.txt installer/apt-test-packages.txt
    quiet_speech_log
    make_venv "test"
    for svc in installer/services.d/*.sh; do
      [ -e "$svc" ] || continue
      say "Starting test service: $(basename "$svc")"
      bash "$svc"
    done
    say "Running the tests"
    export QT_QPA_PLATFORM=offscreen
    set +e
    .venv/bin/python -m pytest "$@"
    code=$?
    set -e
    if [ "$code" -eq 5 ]; then
      echo "No tests were collected." >&2
    fi
    exit "$code"
    ;;
  dashboard)
    # The collector's dashboard with three sample points, on this machine only.
    apt_install installer/apt-packages.txt
    make_venv "collector"
    db="${TMPDIR:-/tmp}/literacy-kiosk-demo-collector.sqlite3"
    rm -f "$db" "$db-wal" "$db-shm"
    .venv/bin/kiosk-collector --database "sqlite:///$db" demo
    say "Open the dashboard at the address below (Ctrl+C stops it)"
    exec .venv/bin/kiosk-collector --database "sqlite:///$db" serve "$@"
    ;;
  autostart)
    apt_install installer/apt-packages.txt
    quiet_speech_log
    make_venv "app"
    target="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
    mkdir -p "$target"
    sed "s#@EXEC@#$here/.venv/bin/literacy-kiosk#" installer/literacy-kiosk.desktop \
      > "$target/literacy-kiosk.desktop"
    say "The kiosk will start when $(id -un) logs in ($target/literacy-kiosk.desktop)"
    ;;
  *)
    echo "usage: bash installer/setup.sh demo|dashboard|test|app|autostart [arguments]" >&2
    exit 2
    ;;
esac
