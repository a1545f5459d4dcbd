#!/usr/bin/env bash
# Download the Debian packages the kiosk needs from the system, for an offline install:
# installer/apt-packages.txt and installer/linux/offline-packages.txt with every package they
# depend on, less those of priority "required" and "important" and those a desktop install
# always has (installer/linux/desktop-baseline.txt). They are for this machine's release, written to DEST/RELEASE; DEST/Packages makes
# the folder a local apt source, so install.sh lets apt choose among alternatives.
#
#   bash installer/linux/download-debs.sh DEST
set -euo pipefail
cd "$(dirname "$0")/../.."
dest="$1"
cache="${KIOSK_DEB_CACHE:-$PWD/build/debs}"
mkdir -p "$dest" "$cache"
command -v dpkg-scanpackages >/dev/null || { echo "download-debs: needs dpkg-dev" >&2; exit 1; }

wanted="$(cat installer/apt-packages.txt installer/linux/offline-packages.txt \
  | sed 's/#.*//' | tr -s ' \n' '\n' | grep -v '^$' | sort -u)"
# shellcheck disable=SC2086
closure="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $wanted | grep -E '^[a-z0-9]' | sort -u)"
baseline="$(sed 's/#.*//' installer/linux/desktop-baseline.txt | tr -s ' \n' '\n' | grep -v '^$')"
# shellcheck disable=SC2086
present="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $baseline | grep -E '^[a-z0-9]' | sort -u)"
closure="$(comm -23 <(echo "$closure") <(echo "$present"))"
# One apt-cache call for every package's priority; virtual packages have no record.
# shellcheck disable=SC2086
keep="$(apt-cache show --no-all-versions $closure 2>/dev/null | awk '
  /^Package:/ {p = $2} /^Priority:/ {pr = $2}
  /^$/ { if (p != "" && pr != "required" && pr != "important") print p; p = ""; pr = "" }
  END { if (p != "" && pr != "required" && pr != "important") print p }' | sort -u)"
count="$(echo "$keep" | wc -l)"
echo "download-debs: $count packages for $(. /etc/os-release; echo "$VERSION_CODENAME")"
# shellcheck disable=SC2086
(cd "$cache" && apt-get download -q $keep >/dev/null)
for p in $keep; do
  f="$(ls "$cache/${p}_"*.deb 2>/dev/null | sort -V | tail -1)"
  [ -n "$f" ] || { echo "download-debs: $p was not downloaded" >&2; exit 1; }
  cp "$f" "$dest/"
done
echo "$wanted" > "$dest/wanted"
(cd "$dest" && dpkg-scanpackages -m . /dev/null 2>/dev/null > Packages)
. /etc/os-release
echo "$VERSION_CODENAME ($PRETTY_NAME, $(dpkg --print-architecture))" > "$dest/RELEASE"
