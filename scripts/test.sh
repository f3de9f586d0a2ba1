#!/usr/bin/env bash
# Installs what is missing, builds TFTSR and runs every test: the debug build with warnings as
# errors, the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, and a short
# libFuzzer run of each fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

jobs=$(nproc)
step() { printf '\n== %s ==\n' "$*"; }

step "debug build (-Werror)"
cmake --preset debug >/dev/null
cmake --build --preset debug -j "$jobs"
step "tests (debug)"
ctest --preset debug

step "ASan + UBSan build"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
step "tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan

step "fuzz targets (short run)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzzers
seconds=${TFTSR_FUZZ_SECONDS:-30}
found=0
while IFS= read -r target; do
  found=1
  name=$(basename "$target")
  corpus_src="$(dirname "${target#build/fuzz/}")/corpus"  # the seeds beside the target's source
  work=$(mktemp -d)
  [ -d "$corpus_src" ] && cp -r "$corpus_src"/. "$work"/
  echo "-- $name (${seconds}s)"
  "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 "$work" 2>&1 | tail -n 3
  rm -rf "$work"
done < <(find build/fuzz -type f -name 'fuzz_*' -perm -u+x | sort)
[ "$found" -eq 1 ] || echo "no fuzz targets"
echo "all test stages passed"
