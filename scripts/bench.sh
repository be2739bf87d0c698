#!/usr/bin/env bash
# Every benchmark in one run: prints figures and ratios against the named
# peers (npm vader-sentiment for analysis, BERT-class figures from the
# issues for accuracy), never asserts timings. Builds first; reads labelled
# data from $ATTUNE_DATA when it is set (never copied into the repo).
#   scripts/bench.sh [--quick]   --quick: shorter relay runs
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
scripts/build.sh Release >/dev/null
BUILD=${ATTUNE_BUILD_DIR:-build}
QUICK=${1:-}
run() { echo; echo "=== $*"; "$@" || echo "(benchmark exited with status $?)"; }

run node scripts/size-report.mjs
run node scripts/widget-bench.mjs
run node tests/bench/phases.mjs
run node tests/bench/analyze.mjs --native "$BUILD/native/attune-bench"
run node tests/bench/valence-eval.mjs --native "$BUILD/native/attune-bench"
run node tests/bench/intents.mjs --native "$BUILD/native/attune-native"
run node tests/bench/emotion.mjs
run node tests/bench/memory.mjs
run node tests/bench/judgement.mjs
if [ "$QUICK" = "--quick" ]; then
  run node relay/bench/load.mjs --sessions 1000 --duration 10
  run node relay/bench/fault.mjs --rounds 2
else
  run node relay/bench/load.mjs
  run node relay/bench/fault.mjs
  run node --expose-gc relay/bench/memory.mjs 20
fi
