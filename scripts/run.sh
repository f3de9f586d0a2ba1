#!/usr/bin/env bash
# Installs what is missing, builds TFTSR (release) and starts it. Arguments go to tftsr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tftsr
exec build/release/app/tftsr "$@"
