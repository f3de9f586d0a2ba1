#!/bin/bash
# Starts the program unlocked, sends SIGTERM once it is drawing, and expects a clean exit (0)
# with the database closed (no WAL file left behind).
set -u
tftsr=$1
work=$2
rm -rf "$work"
mkdir -p "$work/data" "$work/config"
XDG_CONFIG_HOME="$work/config" TFTSR_DB_KEY=smoke-test-passphrase "$tftsr" --data-dir "$work/data" &
pid=$!
for _ in $(seq 1 100); do
  [ -f "$work/data/tftsr.db" ] && break
  sleep 0.1
done
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
  echo "the program ended before SIGTERM"
  exit 1
fi
kill -TERM "$pid"
wait "$pid"
rc=$?
echo "exit code after SIGTERM: $rc"
[ "$rc" -eq 0 ] || exit 1
[ -f "$work/data/tftsr.db" ] || { echo "no database"; exit 1; }
if [ -s "$work/data/tftsr.db-wal" ]; then
  echo "the write-ahead log was not checkpointed: the database was not closed"
  exit 1
fi
[ -f "$work/config/tftsr/gui.json" ] || { echo "the layout was not saved"; exit 1; }
echo "clean exit"
