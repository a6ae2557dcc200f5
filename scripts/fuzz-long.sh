#!/usr/bin/env bash
# A long libFuzzer run of one target, bounded by the CPU time the fuzzer itself uses (user +
# sys, read from /proc every 10 s), not by wall time: on a shared machine a wall-clock bound
# says little about how much fuzzing was done. At the bound the fuzzer gets SIGINT and prints
# its final statistics. In-process (no -fork), so the first crash, leak or timeout ends the run
# with the reproducer in $BUILD_DIR/fuzz-artifacts/. See fuzz/README.md, "Long runs".
#
#   scripts/fuzz-long.sh fuzz_cfn                # 1800 CPU seconds
#   CPU_SECONDS=3600 NICE=10 scripts/fuzz-long.sh fuzz_policy
#
# Needs the targets built and seeded first: scripts/fuzz-smoke.sh (FUZZ_SECONDS=1 is enough).
# The corpus grows in $BUILD_DIR/fuzz-corpus/<target>; scripts/fuzz-minimise.sh keeps the
# part worth committing. Log: $BUILD_DIR/fuzz-logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz-long.sh TARGET}
build=${BUILD_DIR:-build-fuzz}
limit=${CPU_SECONDS:-1800}
dict=fuzz/dict/${target#fuzz_}.dict
[ -x "$build/fuzz/$target" ] || { echo "fuzz-long: $build/fuzz/$target not built (scripts/fuzz-smoke.sh)" >&2; exit 2; }
[ -d "$build/fuzz-seeds/$target" ] || { echo "fuzz-long: no seeds in $build/fuzz-seeds/$target (scripts/fuzz-smoke.sh)" >&2; exit 2; }
mkdir -p "$build/fuzz-corpus/$target" "$build/fuzz-artifacts" "$build/fuzz-logs"
log=$build/fuzz-logs/$target.log
start=$(date +%s)
nice -n "${NICE:-0}" "$build/fuzz/$target" -timeout=20 -rss_limit_mb=2048 -max_len=65536 -dict="$dict" \
  -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
  "$build/fuzz-corpus/$target" "$build/fuzz-seeds/$target" >"$log" 2>&1 &
pid=$!
tck=$(getconf CLK_TCK)
cpu=0
while kill -0 "$pid" 2>/dev/null; do
  # Fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (the command name,
  # field 2, holds no spaces here).
  read -r -a st <"/proc/$pid/stat" 2>/dev/null || break
  cpu=$(((st[13] + st[14]) / tck))
  if ((cpu >= limit)); then
    kill -INT "$pid"
    break
  fi
  sleep 10
done
wait "$pid"
rc=$?
stats=$(grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" | tr -s ' \n' ' ')
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')
echo "fuzz-long: $target: ${cpu} CPU s, $(($(date +%s) - start)) s wall, exit $rc ($( ((rc == 72)) && echo 'stopped at the bound' || echo 'see the log')), $last, $stats"
# libFuzzer exits 72 when interrupted: that is the bound, not a failure.
((rc == 72 || rc == 0)) || exit 1
