#!/usr/bin/env bash
# Retrains the judgement heads from scratch and scores them: builds
# attune-native (the core's featurizer), runs train.py on the corpus here and
# the public data, writes models/judgement.bin, fits the learnt handoff on the
# conversation sets into it (train_handoff.py), then evaluate.py prints the
# held-out figures (models/README.md) and writes models/judgement/eval.json.
#
# Usage: models/judgement/train.sh [extra train.py flags, e.g. --max-keys 30000]
#        ATTUNE_EXTEND=1 models/judgement/train.sh   refits only the hardship head onto the
#        shipped model's other heads (train.py --extend)
#        ATTUNE_REFIT_PERSON=base.bin models/judgement/train.sh   refits only the person head, with
#        corpus rounds 13, 14 and 16, onto base.bin's other heads (train.py --refit-person); the shipped
#        model is that, then ATTUNE_EXTEND=1 on its output (models/README.md, "Reproduce")
#        ATTUNE_REFIT_PERSON=base.bin ATTUNE_INTO=shipped.bin models/judgement/train.sh   the same refit
#        (rounds 13, 14, 16 and 19), its column then put into shipped.bin, whose other heads and
#        learnt handoff are kept byte for byte (train.py --into; the handoff is not refitted): how
#        the shipped model was made on 2026-12-07 (models/README.md, nineteenth session)
#        Every recipe ends with the crisis check fitted on the crisis head it wrote (crisis_check.py;
#        the shipped model since 2026-12-07, twentieth session: the model of the nineteenth, checked)
#        ATTUNE_REFIT_FRUSTRATION=base.bin models/judgement/train.sh   fine-tunes only the frustration
#        head, with corpus round 18, on base.bin's other heads (train.py --refit-frustration)
# Needs: Debian python3-torch and python3-numpy under /usr/bin/python3
#        (scripts/setup.sh --train installs them); the public data at
#        ATTUNE_DATA: the folder holding the public sets (umsab/, xed/, goemotions/,
#        bitext/, banking77/; sources and licences in models/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${ATTUNE_BUILD_DIR:-build}
DATA=${ATTUNE_DATA:?set ATTUNE_DATA to the folder holding umsab/ xed/ goemotions/ bitext/ banking77/}
scripts/setup.sh --train
cmake -S . -B "$BUILD/native" -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD/native" -j2 --target attune-native
EXTEND=()
[ "${ATTUNE_EXTEND:-0}" = 1 ] && EXTEND=(--extend models/judgement.bin)
# ATTUNE_REFIT_PERSON=FILE: refits the person head alone, with corpus rounds 13, 14 and 16, on the other heads of
# FILE (the model shipped before it: git show 2a27d30:models/judgement.bin > FILE; models/README.md
# says which packs it read)
[ -n "${ATTUNE_REFIT_PERSON:-}" ] && EXTEND=(--refit-person "$ATTUNE_REFIT_PERSON")
[ -n "${ATTUNE_REFIT_FRUSTRATION:-}" ] && EXTEND=(--refit-frustration "$ATTUNE_REFIT_FRUSTRATION")
[ -n "${ATTUNE_INTO:-}" ] && EXTEND+=(--into "$ATTUNE_INTO")
/usr/bin/python3 models/judgement/train.py --native "$BUILD/native/attune-native" --data "$DATA" --out models "${EXTEND[@]}" "$@"
# --into keeps the shipped model's learnt handoff; otherwise it is fitted on the heads just written.
[ -n "${ATTUNE_INTO:-}" ] || /usr/bin/python3 models/judgement/train_handoff.py --native "$BUILD/native/attune-native" --model models/judgement.bin
# The crisis check, fitted on the crisis head just written (crisis_check.py; ATTUNE_CRISIS_CHECK=0 leaves it out).
[ "${ATTUNE_CRISIS_CHECK:-1}" = 0 ] || /usr/bin/python3 models/judgement/crisis_check.py \
  --native "$BUILD/native/attune-native" --model models/judgement.bin --data "$DATA" --packs packs
/usr/bin/python3 models/judgement/evaluate.py --native "$BUILD/native/attune-native" --model models/judgement.bin \
  --data "$DATA" --json models/judgement/eval.json
[ -d dist ] && node scripts/build-web.mjs >/dev/null || true
