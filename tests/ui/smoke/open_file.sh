#!/bin/bash
# `tftsr FILE` (as the desktop file's %F runs it) starts the desktop program, not the command
# line, and shows it with the file offered for import.
set -u
tftsr=$1
work=$2
rm -rf "$work"
mkdir -p "$work/data" "$work/config"
printf '2024-05-01 10:00:00 ERROR tunnel down\n' > "$work/gateway.log"
XDG_CONFIG_HOME="$work/config" TFTSR_DB_KEY=smoke-test-passphrase \
  "$tftsr" "$work/gateway.log" --data-dir "$work/data" --screenshot "$work/shot.png"
rc=$?
echo "exit code: $rc"
[ "$rc" -eq 0 ] || exit 1
[ -s "$work/shot.png" ] || { echo "no screenshot: the desktop program did not start"; exit 1; }
