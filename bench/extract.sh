#!/usr/bin/env bash
# Extraction throughput benchmark: generates a mixed English/Russian corpus (never committed), runs
# `coopatlas extract` on it with one thread and with one per core, as a folder of .txt files and as
# JSON Lines on standard input, and times natasha and flashtext2 (from PyPI, in a virtual environment
# this script makes) on the same texts. Prints MB/s (wall clock and per CPU-second), peak memory
# (max RSS) and ratios; writes bench/out/extract-results.tsv. The target is 30 MB/s per core.
#
# usage: bench/extract.sh [MB] [--skip-python] [--natasha-mb N]
#   MB             corpus size in MB of UTF-8 text, about half Russian and half English (default 120)
#   --skip-python  time coopatlas only
#   --natasha-mb N natasha runs on the first N MB of the Russian texts (default 10; 0: all of them),
#                  and coopatlas is timed on exactly those texts too for the ratio
# Needs GNU time (installed with apt-get if missing) and python3 with venv. Work files go to
# bench/out/ (git-ignored); the corpus and the virtual environment are reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n 's/^# usage: //p' "$0"; exit 2; }
megabytes=120; skip_python=0; natasha_mb=10
while [ $# -gt 0 ]; do
  case $1 in
    --skip-python) skip_python=1 ;;
    --natasha-mb) [ $# -ge 2 ] || usage; natasha_mb=$2; shift ;;
    -h|--help) usage ;;
    [0-9]*) megabytes=$1 ;;
    *) usage ;;
  esac
  shift
done

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
binary=target/release/coopatlas
if ! cargo build --release --quiet -p coopatlas-cli; then
  [ -x "$binary" ] || { echo "cargo build failed and there is no $binary" >&2; exit 1; }
  echo "WARNING: cargo build failed; timing the existing $binary of $(date -r "$binary" '+%F %T')" >&2
fi
out=bench/out
mkdir -p "$out"
threads=$(nproc)
target=30
results=$out/extract-results.tsv

# ------------------------------------------------------------------ corpus (summary.tsv is written last)
corpus=$out/extract-corpus-$megabytes
if [ ! -f "$corpus/summary.tsv" ]; then
  rm -rf "$corpus"
  echo "generating $megabytes MB in $corpus ..." >&2
  python3 bench/gen_extract_corpus.py "$corpus" "$megabytes" >&2
fi
read -r files_all bytes_all < <(awk -F'\t' 'NR > 1 { f += $2; b += $3 } END { print f, b }' "$corpus/summary.tsv")
read -r files_ru bytes_ru < <(awk -F'\t' '$1 == "ru" { print $2, $3 }' "$corpus/summary.tsv")

# The Russian texts natasha gets: the first natasha_mb MB of them, in corpus order.
sample=$corpus/ru-sample-$natasha_mb.jsonl
if [ ! -f "$sample" ]; then
  python3 - "$corpus/corpus.jsonl" "$sample" "$natasha_mb" <<'EOF'
import json, os, sys
source, target, limit = sys.argv[1], sys.argv[2], float(sys.argv[3]) * 1e6
total = 0
with open(source, encoding="utf-8") as inp, open(target + ".tmp", "w", encoding="utf-8") as out:
    for line in inp:
        record = json.loads(line)
        if record["id"].startswith("ru/"):
            out.write(line)
            total += len(record["text"].encode("utf-8"))
            if limit and total >= limit:
                break
os.replace(target + ".tmp", target)
EOF
fi
read -r files_sample bytes_sample < <(python3 -c '
import json, sys
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
print(len(texts), sum(len(t.encode("utf-8")) for t in texts))' "$sample")

# ------------------------------------------------------------------ table
# Other work on the machine slows the wall clock far more than the CPU time a process spends, so the
# per-core figures (MB per CPU-second, core/30, coopatlas x) come from CPU time; the wall-clock MB/s
# is printed too. With no other load and one thread the two agree.
header='tool\tinput\ttexts\tthreads\tMB\tseconds\tMB_per_s\tcpu_seconds\tMB_per_cpu_second\tpeak_RSS_MB\tper_core_vs_target\tcoopatlas_x\tbuild_seconds\tnote'
printf '%b\n' "$header" > "$results"
row() {  # tool input texts threads bytes wall-seconds cpu-seconds rss-kb ratio build note
  local line
  line=$(awk -v tool="$1" -v input="$2" -v n="$3" -v t="$4" -v b="$5" -v s="$6" -v c="$7" -v r="$8" \
    -v x="$9" -v build="${10}" -v note="${11}" -v target="$target" 'BEGIN {
      vs = (tool == "coopatlas") ? sprintf("%.3f", b / 1e6 / c / target) : "-"
      printf "%s\t%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%s\t%s\t%s\t%s\n", tool, input, n, t, b / 1e6, s, b / 1e6 / s, c, b / 1e6 / c, r / 1024, vs, x, build, note
    }')
  printf '%s\n' "$line" >> "$results"
  printf '%s\n' "$line" | awk -F'\t' '{ printf "%-10s %-17s %5d %7d %6.1f %8.2f %7.2f %7.2f %8.2f %7.1f %7s %11s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }'
}

printf 'corpus: %s (%d texts, %.1f MB: %d Russian texts, %.1f MB; %d English, %.1f MB)\n' "$corpus" "$files_all" \
  "$(awk -v b="$bytes_all" 'BEGIN { print b / 1e6 }')" "$files_ru" "$(awk -v b="$bytes_ru" 'BEGIN { print b / 1e6 }')" \
  "$((files_all - files_ru))" "$(awk -v b="$bytes_all" -v r="$bytes_ru" 'BEGIN { print (b - r) / 1e6 }')"
load=$(cut -d' ' -f1 /proc/loadavg)
printf 'machine: %d cores, load average before the runs %s\n' "$threads" "$(cut -d' ' -f1-3 /proc/loadavg)"
awk -v l="$load" 'BEGIN { exit !(l >= 0.5) }' \
  && echo "the machine is busy: the wall-clock figures (above all with $threads threads) understate; see MB/CPU-s"
/usr/bin/time -f '%e %M' -o "$out/time-extract" "$binary" extract - --json --threads 1 < /dev/null > /dev/null
read -r seconds rss < <(tail -n 1 "$out/time-extract")
printf 'coopatlas: built from commit %s%s\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "$(git status --porcelain -- crates Cargo.toml Cargo.lock data 2>/dev/null | grep -q . && echo ', with uncommitted changes in crates/, Cargo.* or data/')"
printf 'coopatlas start-up (no input): %s s, peak RSS %.1f MB\n\n' "$seconds" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
printf '%-10s %-17s %5s %7s %6s %8s %7s %7s %8s %7s %7s %11s\n' tool input texts threads MB seconds MB/s "CPU s" MB/CPU-s "RSS MB" core/30 "coopatlas x"

# ------------------------------------------------------------------ coopatlas
# Whole-process wall time: start-up (gazetteer and codebook), reading, language detection (folder
# mode), extraction and writing the JSON Lines to a file.
declare -A speed  # input -> MB per CPU-second with one thread
run_coopatlas() {  # input-label threads texts bytes args...
  local label=$1 n=$2 texts=$3 bytes=$4 status=0 seconds rss user system cpu lines
  shift 4
  /usr/bin/time -f '%e %M %U %S' -o "$out/time-extract" "$binary" extract "$@" --json --threads "$n" \
    > "$out/extract-output.jsonl" 2> "$out/extract-stderr.txt" || status=$?
  read -r seconds rss user system < <(tail -n 1 "$out/time-extract")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
  lines=$(wc -l < "$out/extract-output.jsonl")
  local note="exit $status, $lines records"
  [ "$status" -eq 0 ] && [ "$lines" -eq "$texts" ] || note="$note: CHECK $out/extract-stderr.txt"
  [ "$n" -eq 1 ] && speed[$label]=$(awk -v b="$bytes" -v c="$cpu" 'BEGIN { print b / 1e6 / c }')
  row coopatlas "$label" "$texts" "$n" "$bytes" "$seconds" "$cpu" "$rss" - - "$note"
}
run_coopatlas "folder, all" 1 "$files_all" "$bytes_all" "$corpus/txt"
run_coopatlas "folder, all" "$threads" "$files_all" "$bytes_all" "$corpus/txt"
run_coopatlas "stdin, all" 1 "$files_all" "$bytes_all" - < "$corpus/corpus.jsonl"
run_coopatlas "stdin, all" "$threads" "$files_all" "$bytes_all" - < "$corpus/corpus.jsonl"
if [ "$skip_python" -eq 0 ]; then
  run_coopatlas "stdin, ru $natasha_mb MB" 1 "$files_sample" "$bytes_sample" - < "$sample"
fi

# ------------------------------------------------------------------ Python tools
notes=()
if [ "$skip_python" -eq 0 ]; then
  venv=$out/.venv
  python_ok=1
  if ! cmp -s bench/requirements-extract.txt "$venv/requirements-extract.txt" 2>/dev/null; then
    rm -rf "$venv"
    echo "installing the Python tools into $venv (log: $out/pip.log) ..." >&2
    if python3 -m venv "$venv" > "$out/pip.log" 2>&1 \
      && "$venv/bin/pip" install --quiet --upgrade pip >> "$out/pip.log" 2>&1 \
      && "$venv/bin/pip" install --quiet -r bench/requirements-extract.txt >> "$out/pip.log" 2>&1; then
      cp bench/requirements-extract.txt "$venv/requirements-extract.txt"
    else
      python_ok=0
      notes+=("the Python tools could not be installed (see $out/pip.log): natasha and flashtext2 not timed")
    fi
  fi
  # One core each, as the single-thread coopatlas: numpy's BLAS would otherwise start a thread per core.
  export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
  python_tool() {  # tool input-label corpus coopatlas-speed-key args...
    local tool=$1 label=$2 input=$3 key=$4 status=0 seconds rss name texts bytes build extract cpu found note
    shift 4
    /usr/bin/time -f '%e %M' -o "$out/time-$tool" "$venv/bin/python" bench/extract_python.py "$tool" "$input" "$@" \
      > "$out/$tool-result.tsv" 2> "$out/$tool-log.txt" || status=$?
    if [ "$status" -ne 0 ] || [ ! -s "$out/$tool-result.tsv" ]; then
      notes+=("$tool failed (exit $status), see $out/$tool-log.txt: $(tail -n 1 "$out/$tool-log.txt")")
      return
    fi
    read -r seconds rss < <(tail -n 1 "$out/time-$tool")
    IFS=$'\t' read -r name texts bytes build extract cpu found note < "$out/$tool-result.tsv"
    local ratio
    ratio=$(awk -v c="${speed[$key]}" -v b="$bytes" -v s="$cpu" 'BEGIN { printf "%.2f", c / (b / 1e6 / s) }')
    row "$tool" "$label" "$texts" 1 "$bytes" "$extract" "$cpu" "$rss" "$ratio" "$build" "$found matches; $note"
    notes+=("$tool: build (load, index) $build s, not in its seconds; $found matches; $note")
  }
  if [ "$python_ok" -eq 1 ]; then
    python_tool natasha "stdin, ru $natasha_mb MB" "$sample" "stdin, ru $natasha_mb MB" --lang ru
    python_tool flashtext2 "stdin, all" "$corpus/corpus.jsonl" "stdin, all"
  fi
fi

echo
echo "MB counts UTF-8 text bytes. seconds and MB/s: wall clock; CPU s and MB/CPU-s: CPU time (user +"
echo "system, all threads), which other load on the machine changes far less. coopatlas: the whole"
echo "process (start-up, reading, extraction, writing JSON Lines); Python tools: only their extraction"
echo "calls, summed text by text (loading models or building the keyword table, and reading the JSON,"
echo "are left out). RSS: peak resident memory of the process."
echo "core/30: coopatlas MB per CPU-second against the target of $target MB/s per core."
echo "coopatlas x: single-thread coopatlas MB per CPU-second on the same texts (stdin) divided by the tool's."
[ "$skip_python" -eq 1 ] || echo "natasha is a Russian model: it gets the Russian texts only (first $natasha_mb MB; 0 = all)."
for note in "${notes[@]}"; do echo "$note"; done
echo "results: $results"
