#!/usr/bin/env bash
# The complete .sagelint.toml of docs/configuration.md is accepted, and does what it says
# on a small tree (include/exclude, ignore, severity, suppress by path and by Sid).
#   config_doc.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
rm -rf "$work"
mkdir -p "$work/policies/legacy" "$work/policies/vendor" "$work/policies/trust" "$work/templates" "$work/vendor/iam-data"
cd "$work"
python3 "$src/tests/integration/recipe.py" "$src/docs/configuration.md" sagelint-toml >.sagelint.toml
cp "$src/data/iam-catalog.json" vendor/iam-data/
dev="$src/fixtures/seeds/003-developer-policy.json"          # PassRole on "*" without condition
cp "$dev" policies/legacy/developer.json                       # suppressed by path + rule
cp "$dev" policies/vendor/developer.json                       # excluded
python3 - "$dev" <<'PY'                                          # suppressed by Sid
import json, sys
d = json.load(open(sys.argv[1]))
d["Statement"][0]["Sid"] = "AllowPassRoleForNotebooks"
json.dump(d, open("policies/developer.json", "w"), indent=2)
json.dump(d | {"Statement": [dict(d["Statement"][0], Sid="Other")]}, open("policies/other.json", "w"), indent=2)
PY
cp "$src/fixtures/seeds/000-assume-sagemaker.json" policies/trust/sagemaker.json

rc=0
"$sagelint" --color never --format json . >out.json 2>err.txt || rc=$?
[ "$rc" -lt 2 ] || { cat err.txt; fail "the documented configuration is rejected (exit $rc)"; }
python3 - <<'PY' || fail "the documented configuration does not behave as documented"
import json
findings = json.load(open("out.json"))
files = {f["file"] for f in findings}
assert not any("vendor/" in f for f in files), files
by = {(f["file"], f["ruleName"]): f for f in findings}
legacy = by[("policies/legacy/developer.json", "passrole-missing-passed-to-service")]
assert legacy["suppressed"] and "configuration" in legacy["suppression"], legacy
sid = by[("policies/developer.json", "passrole-missing-passed-to-service")]
assert sid["suppressed"], sid
other = by[("policies/other.json", "passrole-missing-passed-to-service")]
assert not other["suppressed"], other
PY
echo "ok: the documented .sagelint.toml is valid and include/exclude/suppress behave as documented"
