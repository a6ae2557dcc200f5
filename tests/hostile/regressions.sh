#!/usr/bin/env bash
# Every input under fixtures/fuzz/ (crashes and hangs found by fuzzing, plus seed configs)
# through the CLI with every rule: no crash, no hang, no internal error, no sanitizer report.
set -uo pipefail
sagelint=$1 src=$2
status=0
shopt -s nullglob
for f in "$src"/fixtures/fuzz/policy/* "$src"/fixtures/fuzz/cfn/* "$src"/fixtures/fuzz/authz/* "$src"/fixtures/fuzz/hcl/*; do
  name=${f#"$src"/}
  case $f in */cfn/*) display=template.yaml ;; *) display=${f##*/} ;; esac
  timeout -k 5 30 "$sagelint" --no-config --format sarif --stdin-filename "$display" - <"$f" >/dev/null 2>err.txt
  rc=$?
  if [ $rc -gt 1 ] || grep -qE "internal error|Sanitizer|runtime error:" err.txt; then
    echo "FAIL: $name: exit $rc"; head -5 err.txt; status=1
  fi
done
for f in "$src"/fixtures/fuzz/config/*; do
  name=${f#"$src"/}
  timeout -k 5 30 "$sagelint" --config "$f" "$src/fixtures/seeds/000-s3-policy.json" >/dev/null 2>err.txt
  rc=$?
  # A configuration may be rejected (exit 2) but only with a message, never a crash.
  if [ $rc -gt 2 ] || grep -qE "internal error|Sanitizer|runtime error:" err.txt; then
    echo "FAIL: $name: exit $rc"; head -5 err.txt; status=1
  fi
done
rm -f err.txt
exit $status
