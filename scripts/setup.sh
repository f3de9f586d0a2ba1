#!/usr/bin/env bash
# Installs every Debian package TFTSR needs to build, run and test. Idempotent: when everything
# is already installed it only checks and returns. SQLCipher 4 comes from bookworm-backports,
# pinned so that bookworm's SQLCipher 3 never wins.
set -euo pipefail

# Packages from the main suites.
PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libimgui-dev libglfw3-dev python3-glad python3-jinja2
  libssl-dev libcurl4-openssl-dev libstb-dev nlohmann-json3-dev doctest-dev libcli11-dev
  libfreetype-dev libfontconfig-dev fonts-dejavu-core zlib1g-dev libvectorscan-dev libmd4c-dev
  libmd4c-html0-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils libwebp-dev
  clang libclang-rt-14-dev
  xvfb xauth xdotool xclip imagemagick ripgrep
)
# Packages that must come from bookworm-backports.
BACKPORTS_PACKAGES=(libsqlcipher-dev libsqlcipher1 sqlcipher)
SQLCIPHER_MIN_MAJOR=4

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

sqlcipher_ok() {
  local v
  v=$(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null) || return 1
  [ -n "$v" ] && [ "${v%%.*}" -ge "$SQLCIPHER_MIN_MAJOR" ] &&
    dpkg-query -W -f='${Status}' sqlcipher 2>/dev/null | grep -q 'install ok installed'
}

if [ ${#missing[@]} -eq 0 ] && sqlcipher_ok; then
  exit 0
fi

# The backports suite reuses the mirror already configured for bookworm.
mirror_uri() {
  local f=/etc/apt/sources.list.d/debian.sources
  if [ -f "$f" ]; then
    awk 'BEGIN{RS=""; FS="\n"}
         { uri=""; suites="";
           for (i=1;i<=NF;i++) {
             if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uri=u[1] }
             if ($i ~ /^Suites:/) { suites=$i }
           }
           if (uri != "" && suites ~ /(^|[ \t])bookworm([ \t]|$)/) { print uri; exit } }' "$f"
  elif [ -f /etc/apt/sources.list ]; then
    awk '$1=="deb" && $3=="bookworm" { print $2; exit }' /etc/apt/sources.list
  fi
}

backports_list=/etc/apt/sources.list.d/tftsr-bookworm-backports.sources
pin_file=/etc/apt/preferences.d/tftsr-sqlcipher
if [ ! -f "$backports_list" ]; then
  uri=$(mirror_uri)
  if [ -z "$uri" ]; then
    echo "setup: no bookworm mirror found in the apt sources; cannot add bookworm-backports" >&2
    exit 1
  fi
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" | $SUDO tee "$backports_list" >/dev/null
fi
if [ ! -f "$pin_file" ]; then
  printf 'Package: %s\nPin: release n=bookworm-backports\nPin-Priority: 990\n' \
    "${BACKPORTS_PACKAGES[*]}" | $SUDO tee "$pin_file" >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! sqlcipher_ok; then
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}"
fi
sqlcipher_ok || { echo "setup: SQLCipher ${SQLCIPHER_MIN_MAJOR}.x could not be installed" >&2; exit 1; }
