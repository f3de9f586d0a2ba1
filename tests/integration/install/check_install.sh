#!/bin/sh
# check_install.sh BUILD_DIR GUI(ON|OFF) install|deb
# install: `cmake --install` into a temporary prefix puts the program, its man page (naming every
#          command), the .desktop file and the icons where desktops look for them.
# deb:     `cpack -G DEB` builds a package holding those files, with the run-time dependencies.
set -eu
build=$1
gui=$2
mode=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

files="bin/tftsr share/man/man1/tftsr.1"
case "$gui" in
  ON | on | 1 | TRUE | true)
    files="$files share/applications/tftsr.desktop share/icons/hicolor/scalable/apps/tftsr.svg"
    for size in 16 24 32 48 64 128 256; do files="$files share/icons/hicolor/${size}x${size}/apps/tftsr.png"; done
    ;;
esac

if [ "$mode" = install ]; then
  cmake --install "$build" --prefix "$work/usr" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install failed"; }
  for f in $files; do [ -s "$work/usr/$f" ] || fail "cmake --install did not install $f"; done
  [ -x "$work/usr/bin/tftsr" ] || fail "bin/tftsr is not executable"
  "$work/usr/bin/tftsr" --version | grep -q '^tftsr ' || fail "the installed tftsr does not run"
  if [ -f "$work/usr/share/applications/tftsr.desktop" ]; then
    grep -q '^Exec=tftsr' "$work/usr/share/applications/tftsr.desktop" || fail ".desktop file: no Exec=tftsr"
    grep -q '^Icon=tftsr$' "$work/usr/share/applications/tftsr.desktop" || fail ".desktop file: no Icon=tftsr"
    if command -v desktop-file-validate >/dev/null; then
      desktop-file-validate "$work/usr/share/applications/tftsr.desktop" || fail "desktop-file-validate"
    fi
  fi
  for png in "$work"/usr/share/icons/hicolor/*x*/apps/tftsr.png; do
    [ -e "$png" ] || continue
    size=$(basename "$(dirname "$(dirname "$png")")")
    w=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
    [ "$w" = "$size" ] || fail "$png is $w, not $size"
  done
  # The man page names every command the program has.
  commands=$("$work/usr/bin/tftsr" --help | awk 'tolower($0) ~ /^subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1}')
  [ -n "$commands" ] || fail "no commands in tftsr --help"
  for c in $commands; do
    grep -qE "^\.BR? .*\b$c\b" "$work/usr/share/man/man1/tftsr.1" ||
      fail "the man page does not cover the command '$c'"
  done
  exit 0
fi

# deb
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/pkg/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "cpack wrote no .deb"
dpkg-deb -c "$deb" >"$work/contents"
for f in $files; do grep -q " \./usr/$f\$" "$work/contents" || fail "the package does not hold /usr/$f"; done
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for d in 'libsqlcipher1 \(>= 4' libssl3 libcurl4 'libhs5|libvectorscan5' libwebp7 fonts-dejavu-core; do
  echo "$depends" | grep -qE "$d" || fail "the package does not depend on $d"
done
case "$gui" in
  ON | on | 1 | TRUE | true) echo "$depends" | grep -q libglfw3 || fail "the package does not depend on libglfw3" ;;
esac
[ "$(dpkg-deb -f "$deb" Package)" = tftsr ] || fail "the package is not named tftsr"
# Unpacked (not installed: that would change this machine), the program starts.
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/tftsr" --version | grep -q '^tftsr ' || fail "the packaged tftsr does not start"
exit 0
