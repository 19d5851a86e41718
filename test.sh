#!/usr/bin/env bash
# The test command README.md gives: sets up what the tests need on a Debian machine (PostgreSQL on 127.0.0.1:5432
# with the password the tests expect, ffmpeg, tesseract, Debian's chromium, node and npm, pocketsphinx, espeak-ng and sox), installing what is missing, then runs
# the whole suite. Safe to run again: it only installs what is absent and restarts PostgreSQL with the tests' settings.
# Arguments go to `dotnet test` (e.g. `./test.sh --filter FullyQualifiedName~TextEngine`).
# Set HIVEORLEANS_TEST_POSTGRES to use a PostgreSQL of your own; then none is installed or started here.
set -euo pipefail
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi
}

need=()
[ -n "${HIVEORLEANS_TEST_POSTGRES:-}" ] || command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
# OCR: tesseract and its English data; the OCR tests draw their text in DejaVu Sans.
{ command -v tesseract >/dev/null 2>&1 && [ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; } || need+=(tesseract-ocr tesseract-ocr-eng fonts-dejavu-core)
# Speech: PocketSphinx's library and US English model (the recogniser); espeak-ng and sox make the tests' voices and noise.
for package in libpocketsphinx3 pocketsphinx-en-us espeak-ng sox; do dpkg -s "$package" >/dev/null 2>&1 || need+=("$package"); done
[ -x /usr/lib/chromium/chromium ] || [ -n "${HIVEORLEANS_TEST_CHROMIUM:-}" ] || need+=(chromium)
# node and npm: the build writes the NSFW model's weights with them (tools/nsfwjs/prepare.sh), and the conformance
# tests run nsfwjs itself in node as their reference.
{ command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing: ${need[*]}. Install them (Debian package names), or set HIVEORLEANS_TEST_POSTGRES / HIVEORLEANS_TEST_CHROMIUM." >&2
    exit 1
  fi
  echo "installing ${need[*]} (apt-get)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -z "${HIVEORLEANS_TEST_POSTGRES:-}" ]; then
  # Debian's cluster on 127.0.0.1:5432. Test classes run in parallel, each with its own database and connection
  # pools: allow more than the default 100 connections.
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  conf_dir="/etc/postgresql/${cluster% *}/${cluster#* }/conf.d"
  as_root mkdir -p "$conf_dir"
  printf 'max_connections = 500\n' | as_root tee "$conf_dir/hiveorleans-tests.conf" >/dev/null
  # shellcheck disable=SC2086
  as_root pg_ctlcluster $cluster restart 2>/dev/null || as_root pg_ctlcluster $cluster start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432
  as_postgres "psql -qtAc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  export HIVEORLEANS_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
fi

dotnet test HiveOrleans.sln "$@"
