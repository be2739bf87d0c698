#!/usr/bin/env bash
# Installs what Attune needs on Debian 12 (apt packages, npm packages).
# Safe to re-run: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake g++ clang libclang-rt-14-dev make emscripten nlohmann-json3-dev doctest-dev chromium
              fonts-dejavu-core redis-server brotli ca-certificates build-essential python3)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
# `scripts/setup.sh --train`: also what models/train.sh needs (CPU training of
# the emotion model with Debian's torch); tests and builds never need these.
[ "${1:-}" = "--train" ] && APT_PACKAGES+=(python3-torch python3-onnx python3-numpy)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, from the lock file; skipped when node_modules matches it.
install_npm() {
  local dir=$1
  [ -f "$dir/package.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    # better-sqlite3 (relay) compiles from source: its prebuilt binary and
    # node-gyp's header download are off-limits here, so point node-gyp at
    # the headers the installed node ships.
    local nodedir=""
    [ -f /usr/include/node/node.h ] && nodedir=/usr
    (cd "$dir" && npm_config_nodedir="${npm_config_nodedir:-$nodedir}" npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_npm .
install_npm relay
echo "setup: done"
