#!/usr/bin/env bash
# --baseline / --update-baseline, as a user adopts sagelint in an old repository:
# record the findings, reformat the file (fingerprints do not use lines), add a new problem
# (only it is reported), fix an old one (reported as gone with -v), and check that baselined
# findings stay in SARIF as suppressed.
#   baseline.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3

rm -rf "$work"
mkdir -p "$work/policies"
cd "$work"
cp "$src/tests/integration/data/mixed severities.json" policies/mixed.json
cp "$src/fixtures/seeds/000-cluster-admin-eks.json" policies/cluster-admin.json  # invalid JSON
lint() { "$sagelint" --no-config --color never "$@"; }

rc=0; lint policies >before.txt 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "expected findings before the baseline (exit $rc)"
total=$(wc -l <before.txt)

lint --baseline .sagelint-baseline.json policies >/dev/null 2>err.txt && fail "a missing baseline must be an error"
grep -q 'create it with --update-baseline' err.txt || { cat err.txt; fail "message for a missing baseline"; }

lint --baseline .sagelint-baseline.json --update-baseline policies 2>err.txt || fail "--update-baseline must exit 0"
grep -q "recorded $total finding(s)" err.txt || { cat err.txt; fail "--update-baseline did not record $total findings"; }
python3 - <<'EOF' || fail "baseline file content"
import json
b = json.load(open(".sagelint-baseline.json"))
assert b["version"] == 1 and b["tool"] == "sagelint", b
entries = b["findings"]
for e in entries:
    assert set(e) == {"path", "ruleId", "rule", "pointer", "fingerprint", "message"}, e
    assert "line" not in e
assert entries == sorted(entries, key=lambda e: (e["path"], e["ruleId"], e["pointer"], e["fingerprint"], e["message"]))
assert {e["path"] for e in entries} == {"policies/mixed.json", "policies/cluster-admin.json"}, entries
EOF
cp .sagelint-baseline.json first-baseline.json

lint --baseline .sagelint-baseline.json policies >out.txt 2>err.txt || fail "baselined findings must not fail"
[ ! -s out.txt ] || { cat out.txt; fail "baselined findings were printed"; }
grep -q "$total suppressed" err.txt || { cat err.txt; fail "summary does not count $total suppressed"; }

# Reformat: same JSON, other indentation and line breaks; the findings move to other lines.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[1],"w").write(json.dumps(d, indent=1) + "\n")' policies/mixed.json
lint policies/mixed.json >moved.txt || true
cmp -s <(grep mixed.json before.txt) moved.txt && fail "reformatting did not move the findings (test is void)"
lint --baseline .sagelint-baseline.json policies >out.txt 2>/dev/null || { cat out.txt; fail "reformatted file: baseline no longer matches"; }
echo "ok: the baseline survives reformatting"

# A new problem is reported, the old ones stay suppressed.
python3 - <<'EOF'
import json
d = json.load(open("policies/mixed.json"))
d["Statement"].append({"Effect": "Allow ", "Action": "s3:GetObject", "Resource": "*"})
open("policies/mixed.json", "w").write(json.dumps(d, indent=1) + "\n")
EOF
rc=0; lint --baseline .sagelint-baseline.json policies >out.txt 2>/dev/null || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l <out.txt)" = 1 ] && grep -q "Allow " out.txt ||
  { cat out.txt; fail "expected exactly the new finding (exit $rc)"; }
echo "ok: only the new finding is reported: $(cat out.txt)"

# SARIF keeps the baselined findings, as suppressed.
lint --baseline .sagelint-baseline.json --format sarif -o out.sarif policies || true
python3 - <<'EOF' || fail "SARIF suppressions"
import json
results = json.load(open("out.sarif"))["runs"][0]["results"]
suppressed = [r for r in results if r.get("suppressions")]
active = [r for r in results if not r.get("suppressions")]
assert len(active) == 1, active
assert suppressed and all("baseline" in r["suppressions"][0]["justification"] for r in suppressed), suppressed
print(f"ok: SARIF has {len(suppressed)} suppressed results and {len(active)} new one")
EOF

# Fixing an old problem leaves a stale entry: -v says so; --update-baseline drops it, and
# keeps the entries of files this run did not lint.
cp "$src/fixtures/seeds/000-assume-sagemaker.json" policies/cluster-admin.json
lint -v --baseline .sagelint-baseline.json policies/cluster-admin.json >/dev/null 2>err.txt || true
grep -q "no longer occur" err.txt || { cat err.txt; fail "-v does not mention the fixed finding"; }
lint --baseline .sagelint-baseline.json --update-baseline policies/cluster-admin.json 2>/dev/null
python3 - <<'EOF' || fail "partial --update-baseline"
import json
old = json.load(open("first-baseline.json"))["findings"]
new = json.load(open(".sagelint-baseline.json"))["findings"]
assert [e for e in new if e["path"] == "policies/cluster-admin.json"] == [], new
assert [e for e in new if e["path"] == "policies/mixed.json"] == [e for e in old if e["path"] == "policies/mixed.json"]
EOF
echo "ok: --update-baseline drops fixed findings and keeps files it did not lint"

# The baseline is JSON in the linted tree but never linted as a policy.
lint --baseline .sagelint-baseline.json . >out.txt 2>/dev/null || true
grep -q 'sagelint-baseline' out.txt && { cat out.txt; fail "the baseline file was linted"; }
echo "ok: the baseline file is not linted"

# Principal findings name policy files with line numbers ("(policies/developer.json:4)"): their
# fingerprints leave those out, so a baseline (and GitLab's fingerprints) survive a shift of the
# policy, and a baseline recorded before this change (data/principal-baseline-legacy.json, made
# by sagelint at 6221de2 on this very tree, unshifted) still matches.
mkdir -p "$work/principal/policies"
cd "$work/principal"
printf '[lint]\nselect = ["SL502", "SL601"]\n\n[[principal]]\nkind = "user"\nname = "Developer"\nmanaged = ["policies/developer.json"]\n' >.sagelint.toml
cp "$src/fixtures/seeds/003-developer-policy.json" policies/developer.json
"$sagelint" --color never --format json . >before.json 2>/dev/null || true
"$sagelint" --color never --format gitlab . >gitlab-before.json 2>/dev/null || true
"$sagelint" --baseline baseline.json --update-baseline . 2>/dev/null || fail "--update-baseline on the principal tree"
# A baseline recorded before the change matches (its fingerprints hash ":4" in the message).
cp "$src/tests/integration/data/principal-baseline-legacy.json" legacy.json
cmp -s <(python3 -c 'import json,sys; print(sorted(e["fingerprint"] for e in json.load(open(sys.argv[1]))["findings"]))' legacy.json) \
       <(python3 -c 'import json,sys; print(sorted(e["fingerprint"] for e in json.load(open(sys.argv[1]))["findings"]))' baseline.json) &&
  fail "the legacy baseline has today's fingerprints (test is void)"
rc=0; "$sagelint" --color never --baseline legacy.json . >out.txt 2>err.txt || rc=$?
[ "$rc" = 0 ] && [ ! -s out.txt ] && grep -q "2 suppressed" err.txt ||
  { cat out.txt err.txt; fail "a baseline from before the change no longer matches (exit $rc)"; }
echo "ok: a principal baseline from before the change still matches"
{ printf '\n\n\n'; cat "$src/fixtures/seeds/003-developer-policy.json"; } >policies/developer.json
"$sagelint" --color never --format json . >after.json 2>/dev/null || true
"$sagelint" --color never --format gitlab . >gitlab-after.json 2>/dev/null || true
python3 - <<'PY' || fail "principal fingerprints move with lines"
import json
before, after = json.load(open("before.json")), json.load(open("after.json"))
assert len(before) == len(after) >= 2, (len(before), len(after))
assert all("developer.json:4)" in f["message"] for f in before), [f["message"] for f in before]
assert all("developer.json:7)" in f["message"] for f in after), "the shift did not move the lines (test is void)"
assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
gb, ga = json.load(open("gitlab-before.json")), json.load(open("gitlab-after.json"))
assert [i["fingerprint"] for i in gb] == [i["fingerprint"] for i in ga] and len(gb) == len(before)
print(f"ok: {len(before)} principal fingerprints (json, gitlab) unchanged after a three-line shift")
PY
rc=0; "$sagelint" --color never --baseline baseline.json . >out.txt 2>err.txt || rc=$?
[ "$rc" = 0 ] && [ ! -s out.txt ] && grep -q "2 suppressed" err.txt ||
  { cat out.txt err.txt; fail "the baseline no longer matches the principal findings after a shift (exit $rc)"; }
echo "ok: the principal baseline still matches after the shift"
