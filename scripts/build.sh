#!/usr/bin/env bash
# Builds everything into dist/: the native core, tests and CLI (build/native),
# the wasm module and its tests (build/wasm), then the web files.
# Usage: scripts/build.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-Release}
JOBS=$(nproc)
export NODE_PATH=/usr/share/nodejs  # em++ at -O1+ needs Debian's acorn, else "Cannot find module 'acorn'"

BUILD=${ATTUNE_BUILD_DIR:-build}  # separate build dirs let several builds run at once
mkdir -p dist
cmake -S . -B "$BUILD/native" -DCMAKE_BUILD_TYPE="$CONFIG" -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD/native" -j"$JOBS"
# emcmake's default emulator flag is rejected by node 20 (--experimental-wasm-threads).
emcmake cmake -S . -B "$BUILD/wasm" -DCMAKE_BUILD_TYPE="$CONFIG" \
  "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
cmake --build "$BUILD/wasm" -j"$JOBS"
node scripts/build-web.mjs
