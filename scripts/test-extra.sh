#!/usr/bin/env bash
# Hardening checks, run by scripts/test.sh after the main suites:
#   1. the core's whole doctest suite built with AddressSanitizer +
#      UndefinedBehaviorSanitizer (g++, or SAN_CXX; ATTUNE_SANITIZE=ON, build dir
#      ${ATTUNE_BUILD_DIR:-build}/asan); any report fails the run;
#   2. a short run of every libFuzzer target (scripts/fuzz.sh, FUZZ_SECONDS
#      each, default 20).
# The long fuzz campaign is `scripts/fuzz.sh --long` (not part of the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${ATTUNE_BUILD_DIR:-build}
status=0

echo "test-extra: core tests under ASan + UBSan ($BUILD/asan)"
cmake -S . -B "$BUILD/asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="${SAN_CXX:-g++}" \
  -DATTUNE_SANITIZE=ON >/dev/null
cmake --build "$BUILD/asan" -j"${JOBS:-2}" --target attune_tests attune-native
# halt_on_error: the first report fails the test; detect_leaks: leaks count too.
ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir "$BUILD/asan" -R '^core_tests_native$' --output-on-failure || status=1

echo "test-extra: short fuzz runs (${FUZZ_SECONDS:-20} s per target)"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} scripts/fuzz.sh || status=1

[ $status -eq 0 ] && echo "test-extra: sanitizers and fuzzers clean" || echo "test-extra: FAILURES (see above)"
exit $status
