#!/usr/bin/env bash
# Build the Linux kiosk for a USB stick: a PyInstaller one-folder bundle, the install script,
# the session files and the Debian packages the bundle needs from the system, in one archive.
#
#   bash installer/build.sh                  # out/literacy-kiosk-<version>-linux-x86_64.tar.xz
#   bash installer/build.sh --no-debs        # without the offline Debian packages
#   bash installer/build.sh --version 0.2.0  # stamp another version (default: pyproject.toml)
#   bash installer/build.sh --bundle DIR     # package a bundle built before, under --version
#                                            # (no PyInstaller run; the tests make a second
#                                            # release this way)
#   bash installer/build.sh --no-archive     # leave the folder in out/, without the .tar.xz
#
# PyInstaller comes from installer/lock/build.txt, installed with its hashes into .venv-build
# (KIOSK_BUILD_PYTHON=path/to/python uses another environment that has it, such as .venv).
# The offline packages are downloaded for this machine's release (Debian 12 "bookworm" on
# the project's machines) with apt-get download, and the archive says which release that is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${KIOSK_BUILD_OUT:-$here/out}"
work="${KIOSK_BUILD_WORK:-$here/build/pyinstaller}"
version=""
debs=1
bundle=""
archive=1
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --no-debs) debs=0; shift ;;
    --bundle) bundle="$2"; shift 2 ;;
    --no-archive) archive=0; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: bash installer/build.sh [--version V] [--no-debs] [--no-archive] [--bundle DIR] [--out DIR]" >&2
       exit 2 ;;
  esac
done

say() { printf '== %s\n' "$*"; }
mib() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1000000}'; }

py="${KIOSK_BUILD_PYTHON:-}"
if [ -z "$py" ]; then
  py="$here/.venv-build/bin/python"
  stamp="$here/.venv-build/.installed"
  want="$(sha256sum installer/lock/build.txt | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Making .venv-build from installer/lock/build.txt"
    python3 -m venv "$here/.venv-build"
    "$py" -m pip install -q --require-hashes --only-binary :all: -r installer/lock/build.txt
    echo "$want" > "$stamp"
  fi
fi
[ -n "$version" ] || version="$("$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
case "$version" in
  *[!0-9A-Za-z.+-]*|"") echo "build: bad version '$version'" >&2; exit 2 ;;
esac
machine="$(uname -m)"
name="literacy-kiosk-$version-linux-$machine"
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.xz"
mkdir -p "$stage" "$work"

start=$SECONDS
if [ -z "$bundle" ]; then
  say "PyInstaller bundle of version $version"
  echo "$version" > "$work/VERSION"
  KIOSK_VERSION_FILE="$work/VERSION" "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$work/dist" --workpath "$work/work" installer/literacy-kiosk.spec
  bundle="$work/dist/literacy-kiosk"
fi
[ -x "$bundle/literacy-kiosk" ] || { echo "build: no bundle in $bundle" >&2; exit 1; }
cp -a "$bundle" "$stage/app"
echo "$version" > "$stage/app/_internal/VERSION"
echo "$version" > "$stage/VERSION"

say "Install script and session files"
cp installer/linux/install.sh "$stage/install.sh"
mkdir -p "$stage/files"
cp installer/linux/files/*.service installer/linux/files/*.conf installer/literacy-kiosk.desktop \
  "$stage/files/"
# The session commands belong to the version: --rollback brings back its own.
install -m 755 installer/linux/files/kiosk-session.sh installer/linux/files/kiosk-x11-session.sh \
  "$stage/app/"
chmod 755 "$stage/install.sh"

if [ "$debs" = 1 ]; then
  say "Debian packages for an offline install"
  bash installer/linux/download-debs.sh "$stage/debs"
fi

if [ "$archive" = 1 ]; then
  say "Archive"
  # xz: about a fifth smaller than gzip for the same bundle (72 against 91 MB).
  tar -C "$out" -cf - "$name" | xz -T0 -6 > "$out/$name.tar.xz"
fi
echo
echo "version:          $version ($((SECONDS - start)) s)"
echo "bundle unpacked:  $(mib "$stage/app")"
[ -d "$stage/debs" ] && echo "offline packages: $(mib "$stage/debs") ($(cat "$stage/debs/RELEASE"))"
echo "folder unpacked:  $(mib "$stage")"
if [ "$archive" = 1 ]; then
  echo "archive:          $(mib "$out/$name.tar.xz")  $out/$name.tar.xz"
else
  echo "folder:           $stage"
fi
