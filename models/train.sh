#!/usr/bin/env bash
# Trains the emotion model: builds attune-native (the core's featurizer),
# featurizes GoEmotions train/dev through it, trains on CPU, and writes
# models/emotion.onnx + models/emotion.json. Then, if dist/ has been built,
# re-records the golden predictions (tests/data/emotion-golden.json).
#
# Usage: models/train.sh [extra train.py flags, e.g. --epochs 5]
# Needs: Debian python3-torch, python3-onnx, python3-numpy under /usr/bin/python3
#        (installed by `scripts/setup.sh --train`, which this runs); GoEmotions at $ATTUNE_DATA/goemotions (sources in models/README.md).
# Takes about 3 minutes on one free core.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${ATTUNE_BUILD_DIR:-build}
DATA=${ATTUNE_DATA:?set ATTUNE_DATA to the folder holding goemotions/ (models/README.md)}/goemotions
scripts/setup.sh --train
cmake -S . -B "$BUILD/native" -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD/native" -j2 --target attune-native
/usr/bin/python3 models/train.py --native "$BUILD/native/attune-native" --data "$DATA" --out models "$@"
if [ -f dist/attune-core.wasm ]; then
  node scripts/build-web.mjs >/dev/null  # dist/models/ gets the new model
  node models/golden.mjs
else
  echo "train.sh: dist/ not built; run scripts/build.sh then node models/golden.mjs to re-record the golden predictions"
fi
