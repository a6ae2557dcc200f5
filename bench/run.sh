#!/usr/bin/env bash
# Times the sagelint CLI (every rule, text output to /dev/null) against `cat` over the same
# files, and prints a Markdown table (bench/RESULTS.md keeps one):
#   - the AWS managed corpus (../shared/corpus/aws-managed): cat, python json.load, -j1, -j2
#   - one small file, the pre-commit case (catalog load included)
#   - the corpus replicated 10x and 100x (159,400 files), -j1 and -j2: cost per file stays flat
#     and peak memory does not grow with the number of files
#   - one 100 MB policy-like document made of the corpus's statements
#   - with --split, the Google Benchmark stage split (read, parse, rules, output, catalog)
#
#   bench/run.sh [--split] [--quick]      RUNS (default 10) runs per row, median wall time
#   BUILD_DIR=build-perf CORPUS=dir bench/run.sh
#   SELECT=rule,rule,... bench/run.sh     only those rules (e.g. an older build's set, to compare)
#
# Wall time is noisy on a shared machine: the CPU column (user + system, mean per run) is the
# steadier figure, and the load average is printed with the results.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-build}
runs=${RUNS:-10}
corpus=${CORPUS:-$root/../shared/corpus/aws-managed}
split=0 quick=0
for a in "$@"; do
  case $a in
    --split) split=1 ;;
    --quick) quick=1 ;;
    *) echo "usage: bench/run.sh [--split] [--quick]" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "bench: corpus $corpus not found (set CORPUS)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak memory" >&2; exit 2; }

sagelint=$build/src/cli/sagelint
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
targets=(sagelint)
if [ $split = 1 ]; then targets+=(sagelint_pipeline_bench); fi
cmake --build "$build" --target "${targets[@]}" >/dev/null
if ! grep -qs '^CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt"; then
  echo "bench: warning: $build is not a Release build" >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

mapfile -t files < <(find "$corpus" -maxdepth 1 -type f -name '*.json' | LC_ALL=C sort)
bytes_of() { find "$@" -type f -name '*.json' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
corpus_bytes=$(bytes_of "$corpus")

# measure LABEL FILES BYTES N CMD...: N runs; prints a table row. The first run is a warm-up
# (page cache, catalog pages) and is not counted.
cat_ms=
measure() {
  local label=$1 nfiles=$2 nbytes=$3 n=$4
  shift 4
  "$@" >/dev/null 2>&1 || true
  local walls=() cpu=0 rss=0 i start end
  for ((i = 0; i < n; i++)); do
    start=$EPOCHREALTIME
    /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || true
    end=$EPOCHREALTIME
    walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) * 1000 }')")
    read -r u s m < <(tail -n 1 "$tmp/time")  # GNU time first notes a non-zero exit status
    cpu=$(awk -v c="$cpu" -v u="$u" -v s="$s" 'BEGIN { print c + (u + s) * 1000 }')
    ((m > rss)) && rss=$m
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  # Each section starts with its own cat row: later rows compare with it.
  [[ $label == cat* ]] && cat_ms=$median
  awk -v l="$label" -v f="$nfiles" -v b="$nbytes" -v w="$median" -v c="$cpu" -v n="$n" -v r="$rss" -v cat="$cat_ms" 'BEGIN {
    ratio = (cat != "" && l !~ /^cat/) ? sprintf("%.1fx", w / cat) : "";
    printf "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f | %s |\n",
      l, f, b / 1e6, w, c / n, (w > 0 ? f / (w / 1000) : 0), (w > 0 ? b / 1e6 / (w / 1000) : 0), r / 1024, ratio }'
}

header() {
  echo
  echo "### $1"
  echo
  echo "| run | files | MB | median wall ms | CPU ms | files/s | MB/s | peak RSS MB | vs cat |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
}

lint() { "$sagelint" --no-config --color never "$@"; }
select=()
if [ -n "${SELECT:-}" ]; then
  select=(--select "$SELECT")
  export SAGELINT_BENCH_SELECT=$SELECT
fi

# cpu_each N CMD...: mean CPU ms (user + system) of one run of CMD, over N runs in a loop: one
# short run is below /usr/bin/time's 10 ms resolution.
cpu_each() {
  local n=$1
  shift
  /usr/bin/time -f '%U %S' -o "$tmp/loop" sh -c 'n=$1; shift; i=0; while [ $i -lt $n ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done' sh "$n" "$@" || true
  awk -v n="$n" '{ printf "%.2f", ($1 + $2) * 1000 / n }' "$tmp/loop"
}

echo "## sagelint benchmark, $(date -u +%Y-%m-%d)"
echo
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- sagelint: $("$sagelint" --version | head -1), $(lint --list-rules 2>/dev/null | wc -l) rules${SELECT:+ (run with --select: $(echo "$SELECT" | tr ',' '\n' | wc -l) of them)}, build $build"
echo "- corpus: $corpus ($(printf '%s\n' "${files[@]}" | wc -l) files, $((corpus_bytes / 1000)) kB); $runs runs per row"

header "AWS managed corpus (1x)"
n1=${#files[@]}
measure "cat" "$n1" "$corpus_bytes" "$runs" cat "${files[@]}"
if command -v python3 >/dev/null; then
  measure "python3 json.load" "$n1" "$corpus_bytes" "$runs" python3 -c \
    'import json, sys
for f in sys.argv[1:]:
    with open(f, "rb") as h: json.load(h)' "${files[@]}"
fi
measure "sagelint -j 1" "$n1" "$corpus_bytes" "$runs" "$sagelint" --no-config "${select[@]}" -j 1 "$corpus"
measure "sagelint -j 2" "$n1" "$corpus_bytes" "$runs" "$sagelint" --no-config "${select[@]}" -j 2 "$corpus"
measure "sagelint -j 2 --format sarif" "$n1" "$corpus_bytes" "$runs" "$sagelint" --no-config "${select[@]}" -j 2 --format sarif "$corpus"

header "One small file (pre-commit), catalog load included"
cat_ms=
small=$root/fixtures/seeds/000-s3-policy.json
measure "sagelint $(basename "$small")" 1 "$(stat -c %s "$small")" "$runs" "$sagelint" --no-config "${select[@]}" "$small"
measure "sagelint --version" 0 0 "$runs" "$sagelint" --version
echo
echo "CPU per run (mean of 50 in a loop): sagelint $(basename "$small") $(cpu_each 50 "$sagelint" --no-config "${select[@]}" "$small") ms, --version $(cpu_each 50 "$sagelint" --version) ms, /bin/true $(cpu_each 50 /bin/true) ms"

if [ $quick = 0 ]; then
  header "Scaling: the corpus replicated (hard links), all rules"
  for x in 10 100; do
    dir=$tmp/x$x
    mkdir -p "$dir"
    for ((i = 0; i < x; i++)); do
      cp -al "$corpus" "$dir/c$i" 2>/dev/null || cp -a "$corpus" "$dir/c$i"
    done
    nx=$((n1 * x)) bx=$((corpus_bytes * x)) r=$((runs > 3 ? 3 : runs))
    measure "cat ${x}x" "$nx" "$bx" "$r" sh -c 'find "$0" -name "*.json" -print0 | xargs -0 cat' "$dir"
    measure "sagelint -j 1, ${x}x" "$nx" "$bx" "$r" "$sagelint" --no-config "${select[@]}" -j 1 "$dir"
    measure "sagelint -j 2, ${x}x" "$nx" "$bx" "$r" "$sagelint" --no-config "${select[@]}" -j 2 "$dir"
  done

  header "One 100 MB policy-like document (the corpus's statements, repeated)"
  big=$tmp/big.json
  awk_statements() {
    # Every corpus file's Statement array body, joined until 100 MB: jq keeps it exact JSON.
    if command -v jq >/dev/null; then
      jq -c '.Statement | if type == "array" then .[] else . end' "${files[@]}" 2>/dev/null
    else
      python3 -c 'import json, sys
for f in sys.argv[1:]:
    s = json.load(open(f, "rb")).get("Statement", [])
    for x in (s if isinstance(s, list) else [s]): print(json.dumps(x))' "${files[@]}"
    fi
  }
  awk_statements >"$tmp/statements"
  { printf '{\n  "Version": "2012-10-17",\n  "Statement": [\n'
    awk -v target=100000000 '{ line[NR] = $0 } END {
      n = 0; i = 0
      while (n < target) { s = line[i % NR + 1]; printf "%s    %s", (i ? ",\n" : ""), s; n += length(s) + 6; i++ }
      printf "\n" }' "$tmp/statements"
    printf '  ]\n}\n'; } >"$big"
  bbig=$(stat -c %s "$big")
  r=$((runs > 3 ? 3 : runs))
  measure "cat" 1 "$bbig" "$r" cat "$big"
  measure "sagelint (all rules)" 1 "$bbig" "$r" "$sagelint" --no-config "${select[@]}" "$big"
  measure "sagelint --select invalid-json" 1 "$bbig" "$r" "$sagelint" --no-config --select invalid-json "$big"
fi

if [ $split = 1 ] && [ -x "$build/bench/sagelint_pipeline_bench" ]; then
  echo
  echo "### Stage split (Google Benchmark, one thread, corpus 1x)"
  echo
  echo '```'
  SAGELINT_BENCH_CORPUS=$corpus "$build/bench/sagelint_pipeline_bench" --benchmark_filter='BM_(Read|Parse|Rules|Output|Catalog)' \
    --benchmark_min_time=0.5 2>/dev/null | grep -E '^(BM_|-|Benchmark)'
  echo '```'
fi
