#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's doctest suite natively and
# as wasm under Node, the JS unit tests, the relay tests and the Playwright
# (Chromium) end-to-end tests, all through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh Release
BUILD=${ATTUNE_BUILD_DIR:-build}
status=0
ctest --test-dir "$BUILD/native" --output-on-failure || status=1
ctest --test-dir "$BUILD/wasm" --output-on-failure || status=1
[ -x scripts/test-extra.sh ] && { scripts/test-extra.sh || status=1; }
if [ $status -eq 0 ]; then echo "test.sh: all tests passed"; else echo "test.sh: FAILURES (see above)"; fi
exit $status
