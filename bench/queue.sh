#!/usr/bin/env bash
# Spread-ingestion benchmark: queues a generated corpus in a PostgreSQL atlas with
# `coopatlas ingest --queue`, then times 1, 2 and 4 `coopatlas worker --exit-when-empty`
# processes emptying the queue, each count on a fresh database. For reference it also times one
# plain `coopatlas ingest` of the same corpus into SQLite (which reads and extracts on every core
# in one process). Prints documents per second and the workers' summed CPU time.
#
# usage: bench/queue.sh [MEGABYTES]     (default 20: about 4,500 documents of 2–6 KB)
# Settings from the environment: DATABASE, a PostgreSQL address where the user may create
# databases (default: a throwaway cluster started here on port 55440 and stopped at the end);
# WORKERS ("1 2 4"); BATCH (jobs a worker takes at once, 8).
# Needs PostgreSQL's server and client (apt-get install postgresql) and GNU time. Work files go to
# bench/out/ (git-ignored); the table also to bench/out/queue-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-20}
workers_list=${WORKERS:-1 2 4}
batch=${BATCH:-8}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v /usr/bin/time >/dev/null || { as_root apt-get update -qq && as_root apt-get install -y -qq time; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ]; then
  as_root apt-get update -qq && as_root apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
psql="$pg_bin/psql"

cargo build --release --quiet -p coopatlas-cli
out=bench/out
mkdir -p "$out"
stamp=$(date +%Y-%m-%d-%H%M%S)
table="$out/queue-$stamp.txt"
binary="$out/queue-coopatlas"
cp target/release/coopatlas "$binary"
corpus="$out/corpus-analytics-$megabytes"
[ -d "$corpus" ] || python3 bench/gen_extract_corpus.py "$corpus" "$megabytes" 2 6 >/dev/null
files=$(find "$corpus/txt" -type f | wc -l)

cluster=
stop() {
  if [ -n "$cluster" ]; then
    as_root su postgres -c "$pg_bin/pg_ctl -D '$cluster/data' -m immediate stop" >/dev/null 2>&1 || true
    as_root rm -rf "$cluster"
  fi
  rm -f "$binary"
}
trap stop EXIT
if [ -z "${DATABASE:-}" ]; then
  # A throwaway cluster with the server's usual durability (fsync on): what a team would run.
  cluster=$(mktemp -d /tmp/coopatlas-bench-postgres.XXXXXX)
  as_root chown postgres "$cluster"
  as_root su postgres -c "$pg_bin/initdb -D '$cluster/data' -U atlas --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  as_root su postgres -c "$pg_bin/pg_ctl -D '$cluster/data' -o \"-h 127.0.0.1 -p 55440 -k '$cluster'\" -l '$cluster/log' -w start" >/dev/null
  DATABASE=postgres://atlas@127.0.0.1:55440/postgres
fi
bench_url="${DATABASE%/*}/coopatlas_bench_queue"

{
  echo "coopatlas spread-ingestion benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates Cargo.lock 2>/dev/null || echo ' with uncommitted changes under crates/')"
  echo "corpus $corpus: $files text files, $(du -sm "$corpus/txt" | cut -f1) MB; $(nproc) CPUs shared by PostgreSQL and the workers"
  echo
  printf '%-34s %9s %10s %10s %14s\n' run documents seconds "docs/s" "worker CPU s"
} | tee "$table"

fresh_database() {
  "$psql" -q "$DATABASE" -c "DROP DATABASE IF EXISTS coopatlas_bench_queue WITH (FORCE)" >/dev/null
  "$psql" -q "$DATABASE" -c "CREATE DATABASE coopatlas_bench_queue" >/dev/null
}

for workers in $workers_list; do
  fresh_database
  start=$(date +%s.%N)
  "$binary" ingest "$corpus/txt" --queue --database "$bench_url" --quiet
  queued=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  start=$(date +%s.%N)
  pids=()
  for index in $(seq "$workers"); do
    /usr/bin/time -f '%U %S' -o "$out/queue-time-$index" \
      "$binary" worker --database "$bench_url" --batch "$batch" --exit-when-empty --quiet --name "bench-$index" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  cpu=$(cat "$out"/queue-time-* | awk '{ s += $1 + $2 } END { printf "%.1f", s }')
  rm -f "$out"/queue-time-*
  documents=$("$binary" stats --json --database "$bench_url" | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])')
  printf '%-34s %9s %10s %10.1f %14s\n' "$workers worker(s), PostgreSQL" "$documents" "$seconds" \
    "$(awk -v n="$documents" -v s="$seconds" 'BEGIN { print n / s }')" "$cpu" | tee -a "$table"
  echo "  (queueing took $queued s)" | tee -a "$table"
done

rm -rf "$out/queue-sqlite"
start=$(date +%s.%N)
"$binary" ingest "$corpus/txt" --atlas "$out/queue-sqlite" --quiet
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
documents=$("$binary" stats --json --atlas "$out/queue-sqlite" | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])')
printf '%-34s %9s %10s %10.1f %14s\n' "one ingest process, SQLite" "$documents" "$seconds" \
  "$(awk -v n="$documents" -v s="$seconds" 'BEGIN { print n / s }')" "-" | tee -a "$table"
"$psql" -q "$DATABASE" -c "DROP DATABASE IF EXISTS coopatlas_bench_queue WITH (FORCE)" >/dev/null
echo "table in $table"
