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

# relatedLocations, schema-valid and where they belong: a duplicate Sid points at the first
# statement with that Sid; a user's PassRole finding at the statement that grants it, the one
# its message names as "(path:LINE)".
fixtures="$(basename "$src")/fixtures/rules"
sid="$fixtures/duplicate-sid/invalid/copied-statement-kept-sid.json"
grant="$fixtures/passrole-deny-missing/invalid/seed-003-authorization-details-without-restrict-pass-role.json"
out="$work/related.sarif"
"$sagelint" --no-config --format sarif -o "$out" --select SL012,SL502 "$sid" "$grant"
[ $? -le 1 ] || { echo "sagelint failed on $sid $grant"; exit 1; }
AJV_PREFIX="$work/npm" node "$src/tests/sarif/validate.mjs" "$schema" "$out" || status=1
python3 - "$out" "$sid" "$grant" <<'PY' || status=1
import json, re, sys
out, sid_file, grant_file = sys.argv[1:]
results = json.load(open(out))["runs"][0]["results"]
def lines(uri):
    return open(uri, encoding="utf-8").read().split("\n")
checked = []
for r in results:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
    rel = r.get("relatedLocations", [])
    if r["ruleId"] == "SL012":
        sid = re.search(r"duplicate Sid '([^']+)'", r["message"]["text"]).group(1)
        first = next(i + 1 for i, l in enumerate(lines(uri)) if re.search(r'"Sid"\s*:\s*"' + re.escape(sid) + '"', l))
        assert first < line, (first, line)
        assert [x["physicalLocation"]["region"]["startLine"] for x in rel] == [first], (sid, first, rel)
        assert rel[0]["physicalLocation"]["artifactLocation"]["uri"] == uri, rel
    elif r["ruleId"] == "SL502" and "(" + grant_file + ":" in r["message"]["text"]:
        named = int(re.search(re.escape(grant_file) + r":(\d+)\)", r["message"]["text"]).group(1))
        assert [x["physicalLocation"]["region"]["startLine"] for x in rel] == [named], (named, rel)
        reg = rel[0]["physicalLocation"]["region"]
        text = lines(rel[0]["physicalLocation"]["artifactLocation"]["uri"])[reg["startLine"] - 1]
        assert text[reg["startColumn"] - 1] == "{", f"the related region does not start at a statement: {text!r}"
        assert "allows 'iam:PassRole'" in rel[0]["message"]["text"], rel
    else:
        continue
    checked.append(r["ruleId"])
assert sorted(checked) == ["SL012", "SL502"], f"results checked: {checked} (test is void)"
print("ok: relatedLocations point at the first statement with the Sid (SL012) and at the statement that grants (SL502)")
PY
exit $status
