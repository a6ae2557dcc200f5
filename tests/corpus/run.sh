#!/usr/bin/env bash
# Every file of ../shared/corpus through every rule: no crash, no internal error, exit 0 or 1,
# and the same output with -j1 and -j2. Skips (77) where ../shared is absent (a user's clone).
set -uo pipefail
sagelint=$1 src=$2 work=$3
corpus="$src/../shared/corpus"
if [ ! -d "$corpus" ]; then echo "SKIP: $corpus not found (../shared is only beside CI checkouts)"; exit 77; fi
mkdir -p "$work"
status=0
for sub in aws-managed real; do
  for j in 1 2; do
    "$sagelint" --no-config -j $j --format json -o "$work/$sub-j$j.json" "$corpus/$sub" 2>"$work/$sub-j$j.err"
    rc=$?
    if [ $rc -gt 1 ]; then echo "$sub -j$j: exit $rc"; cat "$work/$sub-j$j.err"; status=1; fi
    if grep -q "internal error" "$work/$sub-j$j.err"; then echo "$sub: internal error"; cat "$work/$sub-j$j.err"; status=1; fi
  done
  cmp -s "$work/$sub-j1.json" "$work/$sub-j2.json" || { echo "$sub: output differs between -j1 and -j2"; status=1; }
  echo "$sub: $(grep -c '"ruleId"' "$work/$sub-j1.json") findings"
done
exit $status
