#!/usr/bin/env bash
# Ingest throughput benchmark: generates a corpus per format (never committed), ingests each into
# a fresh atlas with the release binary, and prints MB/s, documents/s and peak memory (max RSS).
#
# usage: bench/ingest.sh [TEXT_MB] [HTML_MB] [PDF_MB] [DOCX_MB]     (defaults: 1000 200 100 200)
# Needs GNU time (apt-get install time). Work files go to bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
text_mb=${1:-1000}; html_mb=${2:-200}; pdf_mb=${3:-100}; docx_mb=${4:-200}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet -p coopatlas-cli
binary=target/release/coopatlas
out=bench/out
mkdir -p "$out"

# MB and MB/s count the files' bytes; "text MB/s" counts the UTF-8 text extracted from them
# (a DOCX compresses its text about ten times, a PDF adds layout around it).
printf '%-6s %8s %8s %9s %9s %11s %10s %12s\n' format files MB seconds MB/s "text MB/s" docs/s "peak RSS MB"
for spec in "txt $text_mb 50" "html $html_mb 50" "pdf $pdf_mb 100" "docx $docx_mb 50"; do
  set -- $spec
  format=$1; megabytes=$2; file_kb=$3
  corpus="$out/corpus-$format-$megabytes"
  [ -d "$corpus" ] || python3 bench/gen_corpus.py "$corpus" "$format" "$megabytes" "$file_kb" >/dev/null
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  rm -rf "$out/atlas-$format"
  # Drop nothing from the page cache: the corpus was just written, as in a real second pass.
  /usr/bin/time -f '%e %M' -o "$out/time-$format" "$binary" ingest "$corpus" --atlas "$out/atlas-$format" --quiet
  read -r seconds rss_kb < "$out/time-$format"
  text_bytes=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents").fetchone()[0])' "$out/atlas-$format/atlas.sqlite")
  awk -v f="$format" -v n="$files" -v b="$bytes" -v t="$text_bytes" -v s="$seconds" -v r="$rss_kb" \
    'BEGIN { printf "%-6s %8d %8.1f %9.2f %9.2f %11.2f %10.1f %12.1f\n", f, n, b/1e6, s, b/1e6/s, t/1e6/s, n/s, r/1024 }'
done
