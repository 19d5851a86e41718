#!/usr/bin/env bash
# Produces the built-in NSFW model's weights, which are not committed: installs this folder's locked npm packages
# (nsfwjs 4.3.0 and @tensorflow/tfjs, package-lock.json) and writes nsfwjs's MobileNetV2 out as a plain TensorFlow.js
# layers model (model.json + group1-shard1of1.bin) that the silos convert to ONNX at first use.
#
#   bash tools/nsfwjs/prepare.sh [OUTDIR]     OUTDIR defaults to tools/nsfwjs/out/mobilenet_v2
#
# The build runs this (src/HiveOrleans.Moderation's PrepareNsfwjsModel target), and copies the files next to the
# silo and gateway as nsfwjs/mobilenet_v2/. Needs node (18 or later) and npm; where either is missing and this runs
# as root on Debian, it installs Debian's nodejs and npm. npm ci runs only when the lock file changed since the last
# install (node_modules/.installed-lock-sha256); after that no network is needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out/mobilenet_v2}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "prepare.sh: node or npm missing: installing Debian's nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "prepare.sh: needs node (18 or later) and npm on the PATH (Debian: apt-get install nodejs npm)" >&2
    exit 2
  fi
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "prepare.sh: needs node 18 or later, found $(node --version)" >&2
  exit 2
fi

# npm ci replaces node_modules whole, so run it only when the lock file changed since the last install.
stamp="$here/node_modules/.installed-lock-sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
  echo "$want" > "$stamp"
fi

(cd "$here" && node extract.js "$out")
