#!/usr/bin/env bash
# Web page latency benchmark: serves the analytics benchmark's atlas (generated and ingested by
# this script when missing, kept between runs) with `coopatlas serve` on loopback, then loads each
# page from a second process with wrk and prints, per page, the time of its first request on a
# freshly started server (cold), the median and p99 latency under load, requests per second and
# errors, and the server's peak memory. A page that answers with a status other than 2xx is
# reported as such, is not measured, and makes the script fail.
#
# usage: bench/web.sh [MEGABYTES]     (default 400: about 91,000 documents of 2–6 KB, the atlas of
#                                      bench/analytics.sh 400; 440 gives about 100,000)
# Settings from the environment: CONNECTIONS (50), THREADS (2), DURATION (20s), TIMEOUT (30s:
# wrk's per-request timeout), QUERY (соглашение), FACET (has_sphere=education), PLACE (RU-KGD),
# DATABASE (unset: serve the SQLite atlas; a postgres:// address: serve that PostgreSQL atlas,
# restored from a dump of the SQLite one when it is empty, so both backends serve the same data).
# Needs wrk and curl (apt-get install wrk curl). Work files and results go to bench/out/ (git-ignored):
# the table to bench/out/web-<date>.txt, wrk's and the server's output to bench/out/web-<date>/.
set -euo pipefail
export LC_ALL=C.UTF-8  # so that ${#name} counts characters when the table pads Cyrillic names
cd "$(dirname "$0")/.."
megabytes=${1:-400}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
duration=${DURATION:-20s}
timeout=${TIMEOUT:-30s}
query=${QUERY:-соглашение}
facet=${FACET:-has_sphere=education}
place=${PLACE:-RU-KGD}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
  as_root apt-get update -qq && as_root apt-get install -y -qq wrk curl >/dev/null
fi

cargo build --release --quiet -p coopatlas-cli
out=bench/out
corpus="$out/corpus-analytics-$megabytes"
atlas="$out/atlas-analytics-$megabytes"
stamp=$(date +%Y-%m-%d-%H%M%S)
results="$out/web-$stamp"
table="$out/web-$stamp.txt"
mkdir -p "$results"
# The server runs from a copy, so that a rebuild of target/ during the run changes nothing.
binary="$results/coopatlas"
cp target/release/coopatlas "$binary"

[ -d "$corpus" ] || python3 bench/gen_extract_corpus.py "$corpus" "$megabytes" 2 6 >/dev/null
if [ ! -f "$atlas/atlas.sqlite" ]; then
  start=$(date +%s.%N)
  "$binary" ingest "$corpus/txt" --atlas "$atlas" --quiet
  echo "ingest: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
fi
backend=(--atlas "$atlas")
if [ -n "${DATABASE:-}" ]; then
  backend=(--database "$DATABASE")
  if [ "$("$binary" stats --json --database "$DATABASE" | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])')" = 0 ]; then
    start=$(date +%s.%N)
    "$binary" dump --atlas "$atlas" | "$binary" restore - --database "$DATABASE"
    echo "restore into PostgreSQL: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
  fi
fi
documents=$("$binary" stats "${backend[@]}" | awk 'tolower($0) ~ /documents/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9][0-9,]*$/) { gsub(",", "", $i); print $i; exit } }')

"$binary" serve "${backend[@]}" --listen 127.0.0.1:0 2>"$results/server.log" >/dev/null &
server=$!
stop() {
  if kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# The server prints the address it bound (port 0 picks a free one).
base=
for _ in $(seq 600); do
  kill -0 "$server" 2>/dev/null || { cat "$results/server.log" >&2; echo "the server exited" >&2; exit 1; }
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$results/server.log" | head -1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "the server did not say where it listens" >&2; exit 1; }
# Ready when a page that does no analysis answers; the pages' own first requests are timed below.
until curl -sf -o /dev/null "$base/static/app.css"; do
  kill -0 "$server" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
  sleep 0.2
done

encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")
pages=(
  "overview|/"
  "search q=$query|/search?q=$encoded"
  "search q=$query&$facet|/search?q=$encoded&$facet"
  "place $place|/places/$place"
  "network|/network"
)

# A page's name padded to 44 characters (printf pads bytes).
pad() { printf '%s%*s' "$1" $((44 - ${#1} > 0 ? 44 - ${#1} : 0)) ''; }

# Latency as wrk prints it (850.00us, 12.34ms, 1.20s, 2.00m) in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "-"; exit }
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0) print "?" v; else printf "%.1f", n * f
  }'
}

{
  echo "coopatlas web benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates Cargo.lock 2>/dev/null || echo ' with uncommitted changes under crates/')"
  echo "atlas ${DATABASE:+PostgreSQL }${DATABASE:-$atlas}: ${documents:-?} documents"
  echo "load: wrk -c $connections -t $threads -d $duration --timeout $timeout --latency, one page at a time, loopback; $(nproc) CPUs shared by server and wrk"
  echo "cold: the first request of each page on a freshly started server, in the order below (a page may reuse an analysis an earlier one made)"
  echo
  printf '%-44s %6s %8s %10s %10s %9s %9s  %s\n' page status "cold s" "median ms" "p99 ms" "req/s" requests errors
} | tee "$table"

failed=0
index=0
for entry in "${pages[@]}"; do
  index=$((index + 1))
  name=${entry%%|*}
  path=${entry#*|}
  url="$base$path"
  cold=$(curl -s -o "$results/page-$index.html" --max-time 900 -w '%{http_code} %{time_total}' "$url" || true)
  read -r status seconds <<<"$cold"
  if [[ $status != 2* ]]; then
    failed=1
    printf '%s %6s %8.3f %10s %10s %9s %9s  %s\n' "$(pad "$name")" "$status" "$seconds" - - - - "HTTP $status on the first request; not measured" | tee -a "$table"
    continue
  fi
  wrk -c "$connections" -t "$threads" -d "$duration" --timeout "$timeout" --latency "$url" >"$results/wrk-$index.txt" 2>&1 || true
  report="$results/wrk-$index.txt"
  median=$(awk '$1 == "50%" { print $2; exit }' "$report")
  p99=$(awk '$1 == "99%" { print $2; exit }' "$report")
  rate=$(awk '$1 == "Requests/sec:" { print $2; exit }' "$report")
  requests=$(awk '$2 == "requests" && $3 == "in" { print $1; exit }' "$report")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF; exit }' "$report")
  socket=$(awk '/Socket errors:/ { gsub(",", ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10; exit }' "$report")
  errors=
  [ -n "$non2xx" ] && errors="non-2xx $non2xx"
  [ -n "$socket" ] && errors="${errors:+$errors; }socket errors: $socket"
  if [ -n "$errors" ] || [ -z "$requests" ] || [ "${requests:-0}" = 0 ]; then failed=1; fi
  printf '%s %6s %8.3f %10s %10s %9s %9s  %s\n' "$(pad "$name")" "$status" "$seconds" "$(to_ms "$median")" "$(to_ms "$p99")" \
    "${rate:--}" "${requests:-0}" "${errors:-0}" | tee -a "$table"
done

status_file=/proc/$server/status
if [ -r "$status_file" ]; then
  peak=$(awk '/^VmHWM:/ { print $2 }' "$status_file")
  now=$(awk '/^VmRSS:/ { print $2 }' "$status_file")
  echo | tee -a "$table"
  echo "server peak RSS $((peak / 1024)) MB (VmHWM), $((now / 1024)) MB at the end (VmRSS)" | tee -a "$table"
else
  echo "the server is gone: $(tail -3 "$results/server.log")" | tee -a "$table"
  failed=1
fi
echo "table in $table, wrk and server output in $results/"
rm -f "$binary"
exit "$failed"
