#!/usr/bin/env bash
# Organisation scale and start-up (issue 12): user-space instruction counts (valgrind callgrind:
# deterministic on a busy machine), CPU (user + system) and peak RSS, as Markdown tables
# (bench/RESULTS.md keeps them).
#   - start-up: `true`, a bare simdjson parse (sagelint_parse_only) and sagelint on one 1 KB policy
#   - the AWS managed corpus (-j 1), one 1 MB policy, ../shared/corpus/real, with the number of
#     policy documents compiled for the evaluator (calls of eval::PolicySet::add_identity and
#     add_boundary, counted by callgrind)
#   - generated get-account-authorization-details dumps (bench/gen-authz.py) of R roles for each
#     R in ROLES, with the ratio of each row to the row of half its size
#   - --embedded: one role whose URL-encoded inline policy has N corpus statements
#     (bench/gen-encoded-inline.py) for each N in STATEMENTS, SL020 alone and all rules
#   - --wall: the AWS managed corpus against `cat` in whole-process wall time, paired runs with
#     hyperfine (if installed), -j 2 and -j 1; state the machine's load beside the figures
#
#   bench/scale.sh [--startup] [--corpus] [--dumps] [--embedded] [--wall]
#                  (startup, corpus and dumps when none is given)
#   ROLES="1000 2000 4000 20000" CALLGRIND_MAX=4000 TIMEOUT=600 BUILD_DIR=build bench/scale.sh --dumps
#   SAGELINT=/tmp/sagelint-old bench/scale.sh      another binary (a build of an older commit)
# Dumps above CALLGRIND_MAX roles get CPU and RSS only (callgrind runs ~50x slower); a run that
# exceeds TIMEOUT seconds of wall time is reported as such.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-build}
roles=${ROLES:-1000 2000 4000}
callgrind_max=${CALLGRIND_MAX:-2000}
timeout_s=${TIMEOUT:-600}
shared=${SHARED:-$root/../shared}
[ -d "$shared/corpus" ] || shared=/work/shared
sections=()
for a in "$@"; do
  case $a in
    --startup | --corpus | --dumps | --embedded | --wall) sections+=("${a#--}") ;;
    *) echo "usage: bench/scale.sh [--startup] [--corpus] [--dumps] [--embedded] [--wall]" >&2; exit 2 ;;
    embedded)
      echo
      echo "### One URL-encoded inline policy of N statements (bench/gen-encoded-inline.py)"
      echo
      echo "| statements | MB | M instructions, SL020 alone | M instructions, all rules | CPU ms, all rules |"
      echo "|---:|---:|---:|---:|---:|"
      for n in ${STATEMENTS:-200 800}; do
        dump=$tmp/encoded-$n.json
        python3 bench/gen-encoded-inline.py --statements "$n" --corpus "$shared/corpus/aws-managed" >"$dump"
        size=$(awk -v b="$(stat -c %s "$dump")" 'BEGIN { printf "%.2f", b / 1e6 }')
        read -r one _ < <(callgrind "$sagelint" --no-config --select unsupported-character "$dump")
        read -r all _ < <(callgrind "$sagelint" --no-config "$dump")
        read -r ms _ _ < <(cpu "$sagelint" --no-config "$dump")
        echo "| $n | $size | $(mi "$one") | $(mi "$all") | $ms |"
      done
      ;;
    wall)
      command -v hyperfine >/dev/null || { echo "bench/scale.sh --wall: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
      corpus=$shared/corpus/aws-managed
      echo
      echo "### AWS managed corpus against cat, whole-process wall time (hyperfine, paired)"
      echo
      echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
      hyperfine -N -i --warmup 3 --runs "${RUNS:-30}" --export-markdown "$tmp/wall.md" \
        "cat -- $(printf '%q ' "$corpus"/*)" \
        "$sagelint --no-config -j 2 -q $corpus" "$sagelint --no-config -j 1 -q $corpus" >/dev/null 2>&1 || true
      sed -E 's/`cat -- [^`]*`/`cat` (every file)/' "$tmp/wall.md"
      echo
      echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
      ;;
  esac
done
[ ${#sections[@]} -gt 0 ] || sections=(startup corpus dumps)
for tool in valgrind python3 /usr/bin/time timeout; do
  command -v "$tool" >/dev/null || { echo "bench/scale.sh: $tool is needed" >&2; exit 2; }
done

if [ ! -f "$build/build.ninja" ]; then cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null; fi
# Measuring another binary (SAGELINT=...) leaves the build directory alone.
if [ -z "${SAGELINT:-}" ]; then cmake --build "$build" --target sagelint sagelint_parse_only >/dev/null; fi
sagelint=${SAGELINT:-$build/src/cli/sagelint}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# callgrind CMD...: prints "instructions compiles" (compiles: eval::PolicySet documents).
callgrind() {
  valgrind --tool=callgrind --compress-strings=no --compress-pos=no --callgrind-out-file="$tmp/cg.out" \
    "$@" >/dev/null 2>"$tmp/cg.err" || true
  python3 - "$tmp/cg.out" <<'EOF'
import re, sys
total = calls = 0
want = False
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("summary:"):
        total = int(line.split()[1])
    elif line.startswith("cfn="):
        want = re.search(r"eval::PolicySet::add_(identity|boundary)\(", line) is not None
    elif line.startswith("calls=") and want:
        calls += int(line.split()[0][6:])
        want = False
print(total, calls)
EOF
}

# cpu CMD...: prints "cpu_ms rss_mb status" of one run (status: ok, or "timeout").
cpu() {
  local status=ok
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" timeout "$timeout_s" "$@" >/dev/null 2>"$tmp/err" || {
    [ $? = 124 ] && status=timeout
  }
  tail -n 1 "$tmp/time" | awk -v s="$status" '{ printf "%.0f %.1f %s\n", ($1 + $2) * 1000, $3 / 1024, s }'
}

mi() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1e6 }'; }

echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(git log -1 --format='commit %h'); $sagelint"

for section in "${sections[@]}"; do
  case $section in
    startup)
      small=$root/fixtures/seeds/000-vpc-policy-eks.json  # 962 bytes
      echo
      echo "### Start-up: one 1 KB policy, whole process"
      echo
      echo "| run | M instructions |"
      echo "|---|---:|"
      read -r ir _ < <(callgrind true)
      echo "| \`true\` | $(mi "$ir") |"
      read -r ir _ < <(callgrind "$build/bench/sagelint_parse_only" "$small")
      echo "| bare simdjson parse (\`sagelint_parse_only\`) | $(mi "$ir") |"
      read -r ir _ < <(callgrind "$sagelint" --no-config "$small")
      echo "| sagelint --no-config, 1 KB policy | $(mi "$ir") |"
      read -r ir _ < <(callgrind "$sagelint" --version)
      echo "| sagelint --version | $(mi "$ir") |"
      ;;
    corpus)
      mb=$tmp/one-mb.json
      python3 - "$shared/corpus/aws-managed" "$mb" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
stmts = []
for name in sorted(os.listdir(src)):
    if name.endswith(".json"):
        s = json.load(open(os.path.join(src, name), "rb")).get("Statement", [])
        stmts += [json.dumps(x) for x in (s if isinstance(s, list) else [s])]
body, n, i = [], 0, 0
while n < 1_000_000:
    body.append(stmts[i % len(stmts)]); n += len(body[-1]) + 6; i += 1
open(out, "w").write('{\n  "Version": "2012-10-17",\n  "Statement": [\n    ' + ",\n    ".join(body) + "\n  ]\n}\n")
EOF
      echo
      echo "### Corpora"
      echo
      echo "| run | M instructions | documents compiled | CPU ms | peak RSS MB |"
      echo "|---|---:|---:|---:|---:|"
      for row in "AWS managed corpus, -j 1|$shared/corpus/aws-managed" "one 1 MB policy|$mb" \
        "corpus/real, -j 1|$shared/corpus/real"; do
        label=${row%%|*} path=${row#*|}
        read -r ir compiles < <(callgrind "$sagelint" --no-config -j 1 "$path")
        read -r ms rss _ < <(cpu "$sagelint" --no-config -j 1 "$path")
        echo "| $label | $(mi "$ir") | $compiles | $ms | $rss |"
      done
      ;;
    dumps)
      echo
      echo "### Authorization dumps (bench/gen-authz.py, default shares)"
      echo
      echo "| roles | users | groups | policies | MB | M instructions | x prev | documents compiled | CPU ms | x prev | peak RSS MB |"
      echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      prev_ir= prev_ms= prev_r=
      for r in $roles; do
        dump=$tmp/authz-$r.json
        python3 bench/gen-authz.py --roles "$r" --corpus "$shared/corpus/aws-managed" >"$dump"
        size=$(awk -v b="$(stat -c %s "$dump")" 'BEGIN { printf "%.1f", b / 1e6 }')
        ir= compiles=
        if [ "$r" -le "$callgrind_max" ]; then read -r ir compiles < <(callgrind "$sagelint" --no-config "$dump"); fi
        read -r ms rss status < <(cpu "$sagelint" --no-config "$dump")
        ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$prev_r" = $((r / 2)) ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
        x_ir=$(ratio "$ir" "$prev_ir" || true) x_ms=$(ratio "$ms" "$prev_ms" || true)
        [ "$status" = ok ] || ms="> $((timeout_s * 1000)) (timeout)"
        echo "| $r | $((r / 4)) | $((r / 50 > 1 ? r / 50 : 1)) | $((r / 10 > 10 ? r / 10 : 10)) | $size | ${ir:+$(mi "$ir")} | $x_ir | $compiles | $ms | $x_ms | $rss |"
        prev_ir=$ir prev_ms=$ms prev_r=$r
        [ "$status" = ok ] || prev_ms=
      done
      ;;
  esac
done
