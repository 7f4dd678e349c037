#!/bin/sh
# Fills the fuzzers' corpus folders from the sample corpus and the CLI's test fixtures.
# Run from anywhere; the corpus folders are git-ignored and libFuzzer adds to them as it runs.
set -eu
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
mkdir -p "$fuzz/corpus/extract" "$fuzz/corpus/readers"

# extract reads bytes as text: the text-like sample documents.
for file in "$root"/corpus/docs/*.txt "$root"/corpus/docs/*.md "$root"/corpus/docs/*.html "$root"/corpus/docs/*.rtf; do
    cp "$file" "$fuzz/corpus/extract/"
done

# readers reads bytes as a file: every sample document, and the small good and broken fixtures
# (the zip bomb and the archive with too many entries are left out: over a megabyte each).
cp "$root"/corpus/docs/* "$fuzz/corpus/readers/"
for file in "$root"/crates/coopatlas-cli/tests/fixtures/good/* "$root"/crates/coopatlas-cli/tests/fixtures/bad/*; do
    if [ -f "$file" ] && [ "$(wc -c <"$file")" -le 65536 ]; then
        cp "$file" "$fuzz/corpus/readers/fixture-$(basename "$file")"
    fi
done

echo "extract: $(ls "$fuzz/corpus/extract" | wc -l) seeds; readers: $(ls "$fuzz/corpus/readers" | wc -l) seeds"
