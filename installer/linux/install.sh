#!/usr/bin/env bash
# Install the literacy kiosk from this folder (unpacked from the USB stick). No network needed.
#
#   sudo ./install.sh             install or update; a launcher for every user
#   sudo ./install.sh --kiosk     also a locked kiosk: the 'kiosk' user logs in by itself into
#                                 a session that runs only the kiosk
#   sudo ./install.sh --rollback  go back to the version installed before this one
#   sudo ./install.sh --remove    undo --kiosk and remove the programs (the kiosk's data and
#                                 settings stay in the kiosk user's folders unless --purge)
#   sudo ./install.sh --status    what is installed
#
# A copy of this script stays with each version, in /opt/literacy-kiosk/current/installer/.
#
# Programs go to /opt/literacy-kiosk/<version> with a 'current' link. An update is put beside
# the running version, checked with its self-test and its migrations on a copy of the
# database, and only then made current; the version before stays for --rollback. Data and
# settings live in the kiosk user's ~/.local/share and ~/.config and are never overwritten.
#
# For tests and unusual machines: KIOSK_ROOT (a prefix for everything it writes: programs,
# units, settings files, homes; the units then point into it), KIOSK_USER (default kiosk),
# KIOSK_HOME_BASE (default $KIOSK_ROOT/home).
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${KIOSK_ROOT:-}"
root="${root%/}"
user="${KIOSK_USER:-kiosk}"
home_base="${KIOSK_HOME_BASE:-$root/home}"
opt="$root/opt/literacy-kiosk"
etc="$root/etc"
unit_dir="$etc/systemd/system"
unit="literacy-kiosk-session.service"
x11_unit="literacy-kiosk-x11.service"
state="$opt/installed-by-install.sh"
app_name="literacy-kiosk"

say() { printf '== %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

action=install
kiosk=0
purge=0
for arg in "$@"; do
  case "$arg" in
    --kiosk) kiosk=1 ;;
    --rollback) action=rollback ;;
    --remove) action=remove ;;
    --purge) purge=1 ;;
    --status) action=status ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) die "unknown option $arg (see ./install.sh --help)" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "run it as root: sudo ./install.sh $*"

have_systemd() { [ -d /run/systemd/system ] && [ -z "$root" ]; }
user_home() { getent passwd "$user" | cut -d: -f6; }
# The kiosk's own files, as the kiosk user would find them (platformdirs' usual folders).
data_dir() { echo "$(user_home)/.local/share/$app_name"; }
as_user() {
  # Runs a command as the kiosk user, with its home and no screen.
  runuser -u "$user" -- env -i HOME="$(user_home)" USER="$user" LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
    ${KIOSK_TTS_ENGINE:+KIOSK_TTS_ENGINE=$KIOSK_TTS_ENGINE} "$@"
}
record() { mkdir -p "$opt"; grep -qxF "$1" "$state" 2>/dev/null || echo "$1" >> "$state"; }
recorded() { grep -qxF "$1" "$state" 2>/dev/null; }
current_version() {
  [ -L "$opt/current" ] && basename "$(readlink "$opt/current")" || true
}

# -- system packages from the stick --------------------------------------------------------
install_debs() {
  [ -d "$src/debs" ] || { say "No offline packages in this archive; skipping"; return 0; }
  local wanted=() pkg
  while read -r pkg; do
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || wanted+=("$pkg")
  done < "$src/debs/wanted"
  if [ "${#wanted[@]}" -eq 0 ]; then
    say "System packages: all there already"
    return 0
  fi
  if [ -n "$root" ]; then
    say "Would install system packages: ${wanted[*]} (not into KIOSK_ROOT)"
    return 0
  fi
  local release
  release="$(cut -d' ' -f1 < "$src/debs/RELEASE")"
  # shellcheck disable=SC1091
  . /etc/os-release
  [ "${VERSION_CODENAME:-}" = "$release" ] \
    || echo "Warning: the packages on the stick are for $(cat "$src/debs/RELEASE"); this is ${PRETTY_NAME:-unknown}." >&2
  say "Installing system packages from the stick: ${wanted[*]}"
  # The stick's folder as the only apt source, with its own lists: apt picks what each
  # package needs, from the stick and from what is installed, and nothing goes online.
  local tmp
  tmp="$(mktemp -d)"
  echo "deb [trusted=yes] file:$src/debs ./" > "$tmp/sources.list"
  local apt=(apt-get -q -o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=-
    -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o APT::Sandbox::User=root
    -o Acquire::Languages=none)
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  local code=0
  "${apt[@]}" update >/dev/null || code=$?
  if [ "$code" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends \
      "${wanted[@]}" || code=$?
  fi
  rm -rf "$tmp"
  [ "$code" = 0 ] || die "the system packages did not install (see above); nothing of the kiosk \
was changed. Packages a desktop install has (Mesa, Xorg, CUPS) are not on the stick: connect \
once and run 'sudo apt-get install ${wanted[*]}'."
}

# -- the kiosk user and session ---------------------------------------------------------------
make_user() {
  if ! getent passwd "$user" >/dev/null; then
    say "Making the user '$user' (no password, no sudo)"
    mkdir -p "$home_base"
    useradd --create-home --home-dir "$home_base/$user" --shell /bin/bash \
      --comment "Literacy kiosk" "$user"
    record "user $user"
  fi
  passwd -d "$user" >/dev/null 2>&1 || true   # no password: it only ever logs in by itself
  passwd -l "$user" >/dev/null 2>&1 || true   # ... and nobody can log in as it with one
  for group in sudo wheel admin; do
    gpasswd -d "$user" "$group" >/dev/null 2>&1 || true
  done
  for group in video render input audio; do
    getent group "$group" >/dev/null && usermod -aG "$group" "$user"
  done
  install -d -o "$user" -g "$(id -gn "$user")" "$(data_dir)" \
    "$(user_home)/.config/$app_name"
}

install_session() {
  say "Kiosk session: $unit (cage, restarted whenever it stops), $x11_unit as fallback"
  mkdir -p "$unit_dir" "$etc/systemd/logind.conf.d" "$etc/X11/xorg.conf.d"
  local uid
  uid="$(id -u "$user")"
  for f in "$unit" "$x11_unit"; do
    sed -e "s#@USER@#$user#g" -e "s#@OPT@#$opt#g" -e "s#@UID@#$uid#g" \
      "$src/files/$f" > "$unit_dir/$f"
  done
  # Never suspend or blank: the lid may be closed on an external screen, nobody touches the
  # keyboard for hours, and the kiosk must still be there.
  cp "$src/files/logind-literacy-kiosk.conf" "$etc/systemd/logind.conf.d/literacy-kiosk.conf"
  cp "$src/files/10-literacy-kiosk-noblank.conf" "$etc/X11/xorg.conf.d/10-literacy-kiosk-noblank.conf"
  record "session"
  if have_systemd; then
    systemctl daemon-reload
    for t in sleep.target suspend.target hibernate.target hybrid-sleep.target; do
      systemctl mask "$t" >/dev/null 2>&1 || true
    done
    dm="$(basename "$(readlink -f /etc/systemd/system/display-manager.service 2>/dev/null)" 2>/dev/null || true)"
    if [ -n "$dm" ] && [ "$dm" != "display-manager.service" ]; then
      echo "$dm" > "$opt/display-manager-before"
      systemctl disable "$dm" >/dev/null 2>&1 || true
    fi
    systemctl set-default graphical.target >/dev/null
    systemctl enable "$unit" >/dev/null
    systemctl restart "$unit" || true
  else
    echo "No running systemd here: the session starts at the next boot of a systemd machine." >&2
  fi
}

remove_session() {
  if have_systemd; then
    systemctl disable --now "$unit" "$x11_unit" >/dev/null 2>&1 || true
    for t in sleep.target suspend.target hibernate.target hybrid-sleep.target; do
      systemctl unmask "$t" >/dev/null 2>&1 || true
    done
    if [ -f "$opt/display-manager-before" ]; then
      systemctl enable "$(cat "$opt/display-manager-before")" >/dev/null 2>&1 || true
    fi
  fi
  rm -f "$unit_dir/$unit" "$unit_dir/$x11_unit" "$etc/systemd/logind.conf.d/literacy-kiosk.conf" \
    "$etc/X11/xorg.conf.d/10-literacy-kiosk-noblank.conf" "$opt/display-manager-before"
  if have_systemd; then systemctl daemon-reload; fi
}

install_launcher() {
  mkdir -p "$root/usr/local/bin" "$root/usr/local/share/applications"
  ln -sfn "$opt/current/literacy-kiosk" "$root/usr/local/bin/$app_name"
  sed "s#@EXEC@#$opt/current/literacy-kiosk#" "$src/files/literacy-kiosk.desktop" \
    > "$root/usr/local/share/applications/literacy-kiosk.desktop"
}

# -- versions ---------------------------------------------------------------------------
selftest() {
  # The new version's self-test, with its migrations run on a copy of the kiosk's database
  # (the real one is not touched until the new version starts).
  local dir="$1" copy_dir db
  copy_dir="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-selftest.XXXXXX")"
  chmod 755 "$copy_dir"
  db=""
  if getent passwd "$user" >/dev/null; then
    db="$(data_dir)/kiosk.sqlite3"
  fi
  if [ -n "$db" ] && [ -f "$db" ]; then
    # sqlite3's own backup would need the sqlite3 program; a quiet database is a plain copy
    # (the kiosk writes with WAL: copy the log too).
    cp "$db" "$copy_dir/kiosk.sqlite3"
    [ -f "$db-wal" ] && cp "$db-wal" "$copy_dir/kiosk.sqlite3-wal"
  fi
  local owner=root
  getent passwd "$user" >/dev/null && owner="$user"
  chown -R "$owner" "$copy_dir"
  local code=0
  if [ "$owner" = "$user" ]; then
    as_user env KIOSK_DATA_DIR="$copy_dir/data" "$dir/literacy-kiosk" --selftest \
      --database "sqlite:///$copy_dir/kiosk.sqlite3" || code=$?
  else
    env QT_QPA_PLATFORM=offscreen KIOSK_DATA_DIR="$copy_dir/data" HOME="$copy_dir" \
      "$dir/literacy-kiosk" --selftest --database "sqlite:///$copy_dir/kiosk.sqlite3" || code=$?
  fi
  rm -rf "$copy_dir"
  return "$code"
}

backup_database() {
  # Before the first start of a new version, keep the database as it is: --rollback puts it
  # back if the new version changed its schema.
  local to="$1" db
  getent passwd "$user" >/dev/null || return 0
  db="$(data_dir)/kiosk.sqlite3"
  [ -f "$db" ] || return 0
  mkdir -p "$(dirname "$to")"
  cp -p "$db" "$to"
  [ -f "$db-wal" ] && cp -p "$db-wal" "$to-wal"
  return 0
}

switch_to() {
  local version="$1" tmp="$opt/.current.$$"
  ln -sfn "$version" "$tmp"
  mv -T "$tmp" "$opt/current"
}

restart_session() {
  if have_systemd && systemctl is-enabled "$unit" >/dev/null 2>&1; then
    systemctl restart "$unit" || true
  fi
}

do_install() {
  local version old
  version="$(cat "$src/VERSION")"
  old="$(current_version)"
  install_debs
  [ "$kiosk" = 1 ] && make_user
  if [ "$old" = "$version" ] && [ -x "$opt/$version/literacy-kiosk" ]; then
    say "Version $version is already installed and current"
  else
    say "Putting version $version beside ${old:-nothing}"
    mkdir -p "$opt"
    rm -rf "$opt/.incoming"
    cp -a "$src/app" "$opt/.incoming"
    if ! selftest "$opt/.incoming"; then
      rm -rf "$opt/.incoming"
      die "the self-test of version $version failed (see above). Nothing was changed${old:+: \
$old stays in use}."
    fi
    [ -n "$old" ] && echo "$old" > "$opt/previous"
    backup_database "$opt/backups/before-$version/kiosk.sqlite3"
    rm -rf "${opt:?}/$version"
    mv "$opt/.incoming" "$opt/$version"
    # This script goes with its version, for --rollback, --status and --remove later.
    mkdir -p "$opt/$version/installer"
    cp "$src/install.sh" "$opt/$version/installer/install.sh"
    cp -r "$src/files" "$opt/$version/installer/files"
    switch_to "$version"
    # Only the version before stays, for --rollback.
    for dir in "$opt"/*/; do
      dir="$(basename "$dir")"
      [ -L "$opt/$dir" ] && continue
      case "$dir" in
        "$version"|"$old"|backups) ;;
        *) rm -rf "${opt:?}/$dir" ;;
      esac
    done
    say "Version $version is current${old:+ (the version before, $old, is kept for --rollback)}"
  fi
  install_launcher
  [ "$kiosk" = 1 ] && install_session
  restart_session
  return 0
}

do_rollback() {
  local now before db saved
  now="$(current_version)"
  before="$(cat "$opt/previous" 2>/dev/null || true)"
  [ -n "$before" ] && [ -x "$opt/$before/literacy-kiosk" ] \
    || die "there is no earlier version to go back to"
  saved="$opt/backups/before-$now/kiosk.sqlite3"
  if getent passwd "$user" >/dev/null && [ -f "$saved" ]; then
    db="$(data_dir)/kiosk.sqlite3"
    # Does the older version know this database's schema? If the newer one moved it on,
    # put back the copy made before the update, and keep the newer database beside it.
    if ! as_user "$opt/$before/literacy-kiosk" --selftest --database "sqlite:///$db" \
      >/dev/null 2>&1; then
      say "The database was changed by $now; putting back the copy made before the update"
      mv "$db" "$db.from-$now"
      [ -f "$db-wal" ] && mv "$db-wal" "$db.from-$now-wal"
      rm -f "$db-shm"
      cp -p "$saved" "$db"
      [ -f "$saved-wal" ] && cp -p "$saved-wal" "$db-wal"
      chown "$user" "$db"*
      echo "What was entered with $now is kept in $db.from-$now."
    fi
  fi
  switch_to "$before"
  echo "$now" > "$opt/previous"
  say "Version $before is current again ($now is kept: ./install.sh from its archive or --rollback switches back)"
  restart_session
}

do_remove() {
  say "Removing the kiosk session, the launcher and the programs"
  remove_session
  rm -f "$root/usr/local/bin/$app_name" "$root/usr/local/share/applications/literacy-kiosk.desktop"
  if recorded "user $user" && getent passwd "$user" >/dev/null; then
    if [ "$purge" = 1 ]; then
      userdel --remove "$user" 2>/dev/null || userdel "$user"
      say "Removed the user '$user' and its data"
    else
      userdel "$user"
      say "Removed the user '$user'; its data stays in $home_base/$user (--purge removes it)"
    fi
  fi
  rm -rf "$opt"
}

do_status() {
  echo "current:  $(current_version)"
  echo "previous: $(cat "$opt/previous" 2>/dev/null || echo none)"
  if getent passwd "$user" >/dev/null; then echo "kiosk user: $user ($(user_home))"; fi
  [ -f "$unit_dir/$unit" ] && echo "session:  $unit_dir/$unit"
  return 0
}

case "$action" in
  install) do_install ;;
  rollback) do_rollback ;;
  remove) do_remove ;;
  status) do_status ;;
esac
