#!/usr/bin/env bash
# The part of a long run's corpus worth committing: what a libFuzzer merge adds to the fixture
# seeds, from inputs of at most MAX_BYTES (so that each target stays at a few hundred KB), taken
# from the corpus already in fuzz/corpus/<target> plus $BUILD_DIR/fuzz-corpus/<target>.
# Replaces fuzz/corpus/<target> and prints how many new coverage edges it keeps.
#
#   scripts/fuzz-minimise.sh fuzz_cfn 1024
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz-minimise.sh TARGET MAX_BYTES}
max=${2:?usage: fuzz-minimise.sh TARGET MAX_BYTES}
build=${BUILD_DIR:-build-fuzz}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$work/candidates"
# fuzz-smoke.sh names the copied seeds after their path: fuzz/corpus/... becomes fuzz_corpus_...
for f in "$build/fuzz-seeds/$target"/*; do
  case $(basename "$f") in
    fuzz_corpus_*) [ "$(stat -c %s "$f")" -le "$max" ] && cp "$f" "$work/candidates/" ;;
    *) cp "$f" "$work/seeds/" ;;
  esac
done
find "$build/fuzz-corpus/$target" -type f -size -$((max + 1))c -exec cp {} "$work/candidates/" \;
cp -r "$work/seeds" "$work/merged"
"$build/fuzz/$target" -merge=1 -timeout=30 -rss_limit_mb=2048 "$work/merged" "$work/candidates" >"$work/merge.log" 2>&1
rm -rf "fuzz/corpus/$target"
mkdir -p "fuzz/corpus/$target"
for f in "$work/merged"/*; do
  [ -e "$work/seeds/$(basename "$f")" ] || cp "$f" "fuzz/corpus/$target/"
done
echo "fuzz-minimise: $target: $(ls "fuzz/corpus/$target" | wc -l) files, $(cat "fuzz/corpus/$target"/* | wc -c) bytes kept of $(ls "$work/candidates" | wc -l) candidates; $(grep -oE 'MERGE-OUTER: [0-9]+ new files with [0-9]+ new features added; [0-9]+ new coverage edges' "$work/merge.log")"
