#!/usr/bin/env bash
# Builds the core's libFuzzer targets (tests/fuzz, clang++ with ASan+UBSan)
# and runs each one, one after another.
#
#   scripts/fuzz.sh                 short run: FUZZ_SECONDS (default 25) per target
#   scripts/fuzz.sh --long          campaign: FUZZ_RUNS (default 10 000 000) executions
#                                   per target, niced, one target at a time;
#                                   FUZZ_MAX_SECONDS caps each target's time too
#   scripts/fuzz.sh [--long] fuzz_redact fuzz_pack   only these targets
#   (fuzz_conversation, a whole engine per turn, runs ~200 inputs/s: give it
#   FUZZ_MAX_SECONDS or run it on its own)
#   FUZZ_MAX_LEN=2048 scripts/fuzz.sh --long   shorter inputs, several times
#                                   the executions a second once corpora grow
#   FUZZ_WORKERS=2 scripts/fuzz.sh --long fuzz_pack   N processes of one
#                                   target on its one corpus (each picks up the
#                                   others' finds), FUZZ_RUNS shared between them
# Do not SIGSTOP a running target: libFuzzer's per-input timeout is wall
# time, so a paused target reports a (false) timeout when it resumes.
#
# Build dir: ${ATTUNE_BUILD_DIR:-build}/fuzz. Seeds come from tests/data and
# packs/ (tests/fuzz/seeds.mjs); each target's growing corpus lives in
# <build>/fuzz/corpus/<target>. A crash, leak, sanitizer report, timeout
# (FUZZ_TIMEOUT s per input) or RSS over 2 GB stops the target, leaves the
# input in <build>/fuzz/artifacts/<target>/ and makes this script exit 1:
# turn it into a regression test named after what broke (tests/core/), then fix.
# A summary line per target (executions, seconds, result) goes to stdout and
# is appended to <build>/fuzz/last-run.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

LONG=0
TARGETS=()
for a in "$@"; do
  case "$a" in
    --long) LONG=1 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) TARGETS+=("$a") ;;
  esac
done

BUILD=${ATTUNE_BUILD_DIR:-build}/fuzz
CXX=${FUZZ_CXX:-clang++}
command -v "$CXX" >/dev/null || { echo "fuzz.sh: $CXX not found (scripts/setup.sh installs clang)"; exit 1; }

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX" -DATTUNE_FUZZ=ON >/dev/null
ALL=$(cd tests/fuzz && ls fuzz_*.cc | sed 's/\.cc$//')
[ ${#TARGETS[@]} -eq 0 ] && read -r -a TARGETS <<<"$(echo $ALL)"
cmake --build "$BUILD" -j"${FUZZ_JOBS:-2}" --target "${TARGETS[@]}" >/dev/null

# Seeds per invocation, so two runs on different targets can share a build dir.
SEEDS="$BUILD/seeds.$$"
trap 'rm -rf "$SEEDS"' EXIT
node tests/fuzz/seeds.mjs "$SEEDS" >/dev/null

SECONDS_PER=${FUZZ_SECONDS:-25}
RUNS=${FUZZ_RUNS:-10000000}
NICE=()
[ $LONG -eq 1 ] && NICE=(nice -n 10)
status=0
for t in "${TARGETS[@]}"; do
  corpus="$BUILD/corpus/$t"; seeds="$SEEDS/$t"; art="$BUILD/artifacts/$t"
  mkdir -p "$corpus" "$seeds" "$art"
  max_len=8192; dict=()
  case "$t" in
    fuzz_pack) max_len=65536; dict=(-dict=tests/fuzz/json.dict) ;;
    fuzz_conversation|fuzz_render|fuzz_judgement) max_len=4096 ;;
  esac
  max_len=${FUZZ_MAX_LEN:-$max_len}
  workers=1
  [ $LONG -eq 1 ] && workers=${FUZZ_WORKERS:-1}
  if [ $LONG -eq 1 ]; then
    budget=(-runs="$(( (RUNS + workers - 1) / workers ))")
    [ -n "${FUZZ_MAX_SECONDS:-}" ] && budget+=(-max_total_time="$FUZZ_MAX_SECONDS")
  else
    budget=(-max_total_time="$SECONDS_PER")
  fi
  logs=()
  pids=()
  start=$(date +%s)
  for ((k = 1; k <= workers; k++)); do
    log="$BUILD/$t.log"
    [ "$workers" -gt 1 ] && log="$BUILD/$t.$k.log"
    logs+=("$log")
    "${NICE[@]}" "$BUILD/fuzzers/$t" "$corpus" "$seeds" "${dict[@]}" "${budget[@]}" \
      -max_len=$max_len -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$art/" >"$log" 2>&1 &
    pids+=($!)
  done
  # The first worker to stop on a finding stops the others.
  rc=0
  for _ in "${pids[@]}"; do
    wait -n && continue
    r=$?
    [ $rc -eq 0 ] && rc=$r && kill "${pids[@]}" 2>/dev/null || true
  done
  took=$(( $(date +%s) - start ))
  execs=0
  for log in "${logs[@]}"; do
    n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    execs=$(( execs + ${n:-0} ))
  done
  [ "$workers" -gt 1 ] && execs="$execs ($workers workers)"
  if [ $rc -eq 0 ]; then verdict="no finding"; else verdict="FINDING (exit $rc), see ${logs[*]} and $art/"; status=1; fi
  line="$(date -u +%FT%TZ) $t: $execs executions in ${took}s, corpus $(ls "$corpus" | wc -l) files: $verdict"
  echo "$line" | tee -a "$BUILD/last-run.txt"
  [ $rc -ne 0 ] && grep -m5 -E 'ERROR|SUMMARY|invariant' "${logs[@]}" || true
done
exit $status
