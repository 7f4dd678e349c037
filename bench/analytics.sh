#!/usr/bin/env bash
# Report and export benchmark: generates a corpus of small news-like documents (never committed),
# ingests it with extraction into one atlas (kept between runs), then times `coopatlas report` and
# `coopatlas export` in every format on the whole atlas and with filters, with peak memory.
#
# usage: bench/analytics.sh [MEGABYTES]     (default 400: about 100,000 documents of 2–6 KB)
# Needs GNU time (apt-get install time). Work files go to bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-400}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet -p coopatlas-cli
binary=target/release/coopatlas
out=bench/out
corpus="$out/corpus-analytics-$megabytes"
atlas="$out/atlas-analytics-$megabytes"
results="$out/analytics-$megabytes"
mkdir -p "$out" "$results"
[ -d "$corpus" ] || python3 bench/gen_extract_corpus.py "$corpus" "$megabytes" 2 6 >/dev/null
if [ ! -f "$atlas/atlas.sqlite" ]; then
  /usr/bin/time -f '%e %M' -o "$results/time-ingest" "$binary" ingest "$corpus/txt" --atlas "$atlas" --quiet
  read -r seconds rss_kb < "$results/time-ingest"
  echo "ingest: $seconds s, peak RSS $((rss_kb / 1024)) MB"
fi
"$binary" stats --atlas "$atlas" | head -12
echo "commit $(git rev-parse --short HEAD)"

printf '%-44s %9s %12s %12s\n' run seconds "peak RSS MB" "output MB"
run() {
  local name=$1 target=$2
  shift 2
  rm -rf "$target"
  /usr/bin/time -f '%e %M' -o "$results/time" "$binary" "$@" --atlas "$atlas" --out "$target" 2>/dev/null
  read -r seconds rss_kb < "$results/time"
  local size
  size=$(du -sb "$target" | cut -f1)
  awk -v n="$name" -v s="$seconds" -v r="$rss_kb" -v b="$size" 'BEGIN { printf "%-44s %9.2f %12.1f %12.2f\n", n, s, r/1024, b/1e6 }'
}
run "report (ru, whole atlas)" "$results/report-ru.html" report --lang ru
run "report (en, whole atlas)" "$results/report-en.html" report --lang en
run "report --district far_eastern" "$results/report-fe.html" report --district far_eastern
run "report --place RU-KGD (profile)" "$results/report-kgd.html" report --place RU-KGD
run "report --form agreement --from 2020" "$results/report-agr.html" report --form agreement --from 2020
run "export xlsx (all tables)" "$results/atlas.xlsx" export --format xlsx
run "export csv (all tables)" "$results/csv" export --format csv
run "export json (all tables)" "$results/atlas.json" export --format json
run "export gexf" "$results/network.gexf" export --format gexf
run "export graphml" "$results/network.graphml" export --format graphml
run "export edgelist" "$results/edgelist" export --format edgelist
