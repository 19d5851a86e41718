#!/usr/bin/env bash
# Offline check of the Kubernetes manifests in deploy/k8s: no cluster, no kubectl, no network while validating.
#
#   bash deploy/k8s/validate.sh              self-test, then every resource kustomization.yaml lists, and secret.example.yaml
#   bash deploy/k8s/validate.sh --self-test  only the self-test
#
# Needs node (18 or later) and npm. Where either is missing and this runs as root on Debian, it installs Debian's
# nodejs and npm packages. It then installs the validator's locked dependencies (deploy/k8s/validate/package-lock.json:
# kubernetes-models, typescript, yaml) with `npm ci` from the npm registry, or from npm's cache, into
# deploy/k8s/validate/node_modules, once per version of the lock file; validating needs no network.
#
# The self-test runs first, every time: the fixtures in deploy/k8s/validate/fixtures are broken manifests (a wrong
# type, an unknown field, a missing required field, a bad quantity, an unknown kind, a duplicate key, wrong references)
# that must each be rejected for the reason they name, and one valid set that must pass. Then a broken fixture is
# fed to the command line, which must exit non-zero. So a validator that accepts everything, or rejects everything,
# cannot pass. Output: one line per object; exit status 1 if any object is invalid.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool="$here/validate"

mode=all
case "${1:-}" in
  "") ;;
  --self-test) mode=self-test ;;
  *) echo "usage: bash deploy/k8s/validate.sh [--self-test]" >&2; exit 2 ;;
esac

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "validate.sh: node or npm missing: installing Debian's nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "validate.sh: needs node (18 or later) and npm on the PATH" >&2
    exit 2
  fi
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "validate.sh: needs node 18 or later, found $(node --version)" >&2
  exit 2
fi

# npm ci replaces node_modules whole, so run it only when the lock file changed since the last install.
stamp="$tool/node_modules/.installed-lock-sha256"
want="$(sha256sum "$tool/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  (cd "$tool" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
  echo "$want" > "$stamp"
fi

cd "$here"
node validate/validate.mjs --self-test
if node validate/validate.mjs validate/fixtures/unknown-field.yaml >/dev/null; then
  echo "self-test FAIL: the command line exited 0 on a broken manifest" >&2
  exit 1
fi
echo "self-test ok   the command line exits non-zero on a broken manifest"
[ "$mode" = self-test ] && exit 0

node validate/validate.mjs --kustomization kustomization.yaml --also secret.example.yaml
