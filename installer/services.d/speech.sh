#!/usr/bin/env bash
# Start a PulseAudio sound server whose only output is a null sink ("kiosk_null"), so that
# Speech Dispatcher and espeak-ng really speak on a machine without a sound card (CI, a
# server) and tests can record what was played from "kiosk_null.monitor".
#
#   bash installer/services.d/speech.sh             # for this user ($XDG_RUNTIME_DIR)
#   KIOSK_AUDIO_DIR=/tmp/x bash installer/services.d/speech.sh   # a private one (tests)
#
# No systemd needed. Clients find it through XDG_RUNTIME_DIR (<dir>/pulse/native).
# Safe to run again: a server that already answers is left alone.
set -euo pipefail

dir="${KIOSK_AUDIO_DIR:-${XDG_RUNTIME_DIR:-/run/user/$(id -u)}}"
for tool in pulseaudio pactl speech-dispatcher; do
  command -v "$tool" >/dev/null || {
    echo "speech: $tool is missing (apt-get install pulseaudio pulseaudio-utils" \
      "speech-dispatcher speech-dispatcher-espeak-ng)" >&2
    exit 1
  }
done
[ -f /usr/lib/speech-dispatcher-modules/sd_espeak-ng ] \
  || [ -n "$(find /usr/lib -name sd_espeak-ng -print -quit 2>/dev/null)" ] \
  || { echo "speech: Speech Dispatcher has no espeak-ng module" \
         "(apt-get install speech-dispatcher-espeak-ng)" >&2; exit 1; }

mkdir -p "$dir"
chmod 700 "$dir"
export XDG_RUNTIME_DIR="$dir"
unset PULSE_SERVER

if pactl info >/dev/null 2>&1; then
  echo "speech: a sound server already answers in $dir"
  exit 0
fi
# A server that was killed leaves its pid file; where nothing reaps dead processes (a
# container without an init) the pid even stays in use as a zombie. Neither is running.
pidfile="$dir/pulse/pid"
if [ -f "$pidfile" ]; then
  state="$(awk '/^State:/ {print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || true)"
  if [ -z "$state" ] || [ "$state" = Z ]; then rm -f "$pidfile"; fi
fi
# As root PulseAudio warns that it is meant for a user session; it runs all the same.
pulseaudio --daemonize=yes -n --exit-idle-time=-1 --use-pid-file=yes \
  --log-target="file:$dir/pulse.log" \
  --load="module-native-protocol-unix auth-anonymous=1" \
  --load="module-null-sink sink_name=kiosk_null rate=22050 channels=1" \
  --load="module-always-sink" 2>/dev/null || true
for _ in $(seq 1 50); do
  pactl info >/dev/null 2>&1 && break
  sleep 0.2
done
pactl info >/dev/null 2>&1 || { echo "speech: PulseAudio did not start (see $dir/pulse.log)" >&2; exit 1; }
pactl set-default-sink kiosk_null
echo "speech: PulseAudio runs in $dir with the null sink kiosk_null (record kiosk_null.monitor)"
