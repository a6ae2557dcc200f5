#!/usr/bin/env bash
# One input-format fixture folder (fixtures/inputs/<format>/) = one CTest case. Each line of its
# `commands` file is the arguments of one sagelint run inside the folder; the transcript (the
# command, stdout, stderr and exit code of every run) must equal `expected.txt` there.
# SAGELINT_BLESS=1 writes expected.txt instead: read every line before committing it.
#   tests/inputs/run.sh SAGELINT DIR
set -uo pipefail
sagelint=$1 dir=$2
cd "$dir" || exit 1
[ -f commands ] || { echo "missing $dir/commands"; exit 1; }
actual=$(mktemp)
trap 'rm -f "$actual" "$actual.out" "$actual.err"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  case $line in '' | '#'*) continue ;; esac
  read -r -a args <<<"$line"
  timeout 60 "$sagelint" --color never "${args[@]}" >"$actual.out" 2>"$actual.err"
  rc=$?
  {
    echo "\$ sagelint $line"
    cat "$actual.out"
    if [ -s "$actual.err" ]; then echo "[stderr]"; cat "$actual.err"; fi
    echo "[exit $rc]"
  } >>"$actual"
  if [ $rc -gt 2 ]; then echo "sagelint $line: exit $rc"; cat "$actual.err"; exit 1; fi
done <commands
if [ "${SAGELINT_BLESS:-}" = 1 ]; then
  cp "$actual" expected.txt
  echo "blessed $dir/expected.txt"
  exit 0
fi
if ! diff -u expected.txt "$actual"; then
  echo "output differs from $dir/expected.txt (SAGELINT_BLESS=1 rewrites it)"
  exit 1
fi
