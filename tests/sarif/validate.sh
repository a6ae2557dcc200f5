#!/usr/bin/env bash
# SARIF output of the seed policies (and the real corpus, when ../shared is there) validated
# against the official schema with ajv from npm (npm installed with apt when missing). Skips
# (77) when the schema is absent or npm cannot be had.
set -uo pipefail
sagelint=$1 src=$2 work=$3
schema="$src/../shared/schemas/sarif-schema-2.1.0.draft7.json"
if [ ! -f "$schema" ]; then echo "SKIP: $schema not found (../shared is only beside CI checkouts)"; exit 77; fi
. "$src/tests/integration/lib.sh"
need_command npm
mkdir -p "$work"
if [ ! -d "$work/npm/node_modules/ajv-formats" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/npm" ajv@8 ajv-formats@3 >/dev/null 2>&1 ||
    { echo "SKIP: cannot install ajv from npm"; exit 77; }
fi
cd "$src/.."
status=0
# Relative paths, as in a checkout: URIs are relative to %SRCROOT%.
for input in "$(basename "$src")/fixtures/seeds" shared/corpus/real; do
  [ -e "$input" ] || continue
  out="$work/$(basename "$input").sarif"
  "$sagelint" --no-config --format sarif -o "$out" "$input"
  rc=$?
  if [ $rc -gt 1 ]; then echo "sagelint exited $rc on $input"; status=1; continue; fi
  AJV_PREFIX="$work/npm" node "$src/tests/sarif/validate.mjs" "$schema" "$out" || status=1
done

# relatedLocations are schema-valid (properties.sh checks where they point).
fixtures="$(basename "$src")/fixtures/rules"
sid="$fixtures/duplicate-sid/invalid/copied-statement-kept-sid.json"
grant="$fixtures/passrole-deny-missing/invalid/seed-003-authorization-details-without-restrict-pass-role.json"
out="$work/related.sarif"
"$sagelint" --no-config --format sarif -o "$out" --select SL012,SL502 "$sid" "$grant"
[ $? -le 1 ] || { echo "sagelint failed on $sid $grant"; exit 1; }
AJV_PREFIX="$work/npm" node "$src/tests/sarif/validate.mjs" "$schema" "$out" || status=1
exit $status
