#!/usr/bin/env bash
# User guardrails ([[guardrail]] in .sagelint.toml) are rules like the built-in ones: they fire
# at the principal's file:line:column, obey --select/--ignore/[severity]/baselines, appear in
# list-rules and as SARIF rule descriptors, and a mistake in one is a config error naming
# file:line:column (exit 2). Also: opt-in built-in data rules run only when named.
#   user_guardrails.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
rm -rf "$work"
mkdir -p "$work"
# Runs without a PATH lint the current directory: make that the small work directory, not the
# source tree with its build directories.
cd "$work"
scenario="$src/fixtures/scenarios/user-guardrails"
seeds="$src/fixtures/seeds"

rules_of() {  # the "[SLnnn name]" tags of the text output, one per line
  sed -n 's/.*\[\(SL[0-9]*\) [a-z0-9-]*\]$/\1/p'
}

expect_rules() {  # expect_rules "DESCRIPTION" "EXPECTED" ARGS...: rule ids reported, in order
  local what=$1 expected=$2 got
  shift 2
  got=$(cd "$scenario" && { "$sagelint" --color never "$@" 2>/dev/null || true; } | rules_of | tr '\n' ' ')
  [ "$got" = "$expected" ] || fail "$what: expected '$expected', got '$got'"
  echo "ok: $what"
}

expect_rules "config select (tag user-guardrail)" "SL900 SL901 SL900 SL902 "
expect_rules "--select SL901" "SL901 " --select SL901
expect_rules "--select by name" "SL902 " --select notebook-url-outside-corporate-network
expect_rules "--ignore adds to the config" "SL901 " --ignore SL900,SL902
expect_rules "--ignore the tag" "" --ignore user-guardrail
expect_rules "--select a user tag" "SL901 " --select s3

# Positions: the finding points at the principal's [[principal]] entry of .sagelint.toml.
(cd "$scenario" && { "$sagelint" --color never --select SL902 || true; }) >"$work/text.txt" 2>/dev/null
grep -q '^\.sagelint\.toml:59:8: note: user .Developer. can open a notebook' "$work/text.txt" ||
  fail "SL902 finding not at .sagelint.toml:59:8: $(cat "$work/text.txt")"
echo "ok: file:line:column"

# SARIF: a rule descriptor per user guardrail, results that name it.
(cd "$scenario" && { "$sagelint" --format sarif || true; }) >"$work/out.sarif" 2>/dev/null
python3 - "$work/out.sarif" <<'EOF' || fail "SARIF check"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
for rid, name, level in [("SL900", "gpu-notebook-deny-missing", "error"),
                         ("SL901", "execution-role-data-bucket", "warning"),
                         ("SL902", "notebook-url-outside-corporate-network", "note")]:
    r = rules[rid]
    assert r["name"] == name, r
    assert r["defaultConfiguration"]["level"] == level, r
    assert r["helpUri"].endswith("docs/configuration.md#user-guardrails"), r
    assert "user-guardrail" in r["properties"]["tags"], r
ids = [res["ruleId"] for res in run["results"]]
assert ids == ["SL900", "SL901", "SL900", "SL902"], ids
for res in run["results"]:
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"], res
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == ".sagelint.toml", loc
EOF
echo "ok: SARIF rule descriptors and results"

# list-rules and explain know them.
(cd "$scenario" && "$sagelint" list-rules) | grep -q '^SL901  execution-role-data-bucket' || fail "list-rules"
(cd "$scenario" && "$sagelint" explain SL900) | grep -q '^SL900 gpu-notebook-deny-missing (error)' || fail "explain"
echo "ok: list-rules, explain"

# Baselines record and then hide them.
(cd "$scenario" && "$sagelint" -q --baseline "$work/baseline.json" --update-baseline) 2>/dev/null ||
  fail "--update-baseline"
(cd "$scenario" && "$sagelint" --color never --baseline "$work/baseline.json") >"$work/baselined.txt" 2>&1 ||
  fail "baselined run still fails: $(cat "$work/baselined.txt")"
echo "ok: baseline"

# From here on, configs of our own, run in a directory without policy files (sagelint lints
# "." when given no path).
mkdir -p "$work/cfg"
cd "$work/cfg"

# [severity] applies to user rules too.
manifest="
[[principal]]
kind = \"user\"
name = \"Developer\"
managed = [\"$seeds/003-developer-policy.json\"]
"
guardrail='
[[guardrail]]
id = "SL950"
name = "notebook-url-anywhere"
summary = "A user can open a notebook from anywhere"
actions = ["sagemaker:CreatePresignedNotebookInstanceUrl"]
context = { "aws:SourceIp" = "203.0.113.7" }
expect = "deny"
'
printf '[severity]\nSL950 = "error"\n%s%s' "$guardrail" "$manifest" >"$work/severity.toml"
"$sagelint" --color never --config "$work/severity.toml" >"$work/severity.txt" 2>&1 && fail "severity: exit 0"
grep -q 'severity.toml:[0-9]*:8: error: user .Developer. can make a request this guardrail must deny' "$work/severity.txt" ||
  fail "[severity] not applied: $(cat "$work/severity.txt")"
echo "ok: [severity] and the default message"

# The complete example of docs/configuration.md, over the seed 003 principals.
{
  python3 "$src/tests/integration/recipe.py" "$src/docs/configuration.md" user-guardrail
  printf '%s\n' "$manifest" '[[principal]]' 'kind = "role"' 'name = "IFSM-SageMaker-Role"' \
    "trust = \"$seeds/000-assume-sagemaker.json\"" \
    "managed = [\"AmazonSageMakerFullAccess\", \"$seeds/003-restrict-internet-access.json\"]"
} >"$work/doc.toml"
got=$({ "$sagelint" --color never --select user-guardrail --config "$work/doc.toml" 2>"$work/doc.err" || true; } | rules_of | tr '\n' ' ')
[ "$got" = "SL900 SL900 SL901 " ] || fail "documented example: got '$got': $(cat "$work/doc.err")"
echo "ok: the documented [[guardrail]] example"

# Config errors: exit 2 and "FILE:LINE:COLUMN: what is wrong" on stderr.
config_error() {  # config_error NAME EXPECTED-STDERR-REGEX TOML
  local name=$1 pattern=$2
  printf '%s\n' "$3" >"$work/$name.toml"
  local rc=0
  "$sagelint" --config "$work/$name.toml" >/dev/null 2>"$work/$name.err" || rc=$?
  [ "$rc" = 2 ] || fail "$name: exit $rc, expected 2: $(cat "$work/$name.err")"
  grep -Eq "$pattern" "$work/$name.err" || fail "$name: stderr does not match '$pattern': $(cat "$work/$name.err")"
  echo "ok: config error $name"
}
config_error unknown-key "$work/unknown-key.toml:7:1: unknown key 'action' in \[\[guardrail\]\]" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
expect = "deny"
action = "s3:GetObject"'
config_error wrong-type "$work/wrong-type.toml:5:11: actions \(a string or an array of strings\) must be a non-empty string" '
[[guardrail]]
id = "SL950"
name = "x"
actions = 5
summary = "x"
expect = "deny"'
config_error id-range "$work/id-range.toml:3:6: id 'SL150' is not in SL900-SL999" '
[[guardrail]]
id = "SL150"
name = "x"
summary = "x"
actions = "s3:GetObject"
expect = "deny"'
config_error placeholder "$work/placeholder.toml:8:11: unknown placeholder \{denied_by\} in message for expect = \"deny\"" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = "s3:GetObject"
expect = "deny"
message = "{principal} {denied_by}"'
config_error context-and-absent "$work/context-and-absent.toml:8:11: 'aws:SourceIp' is both in context and absent" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = "s3:GetObject"
context = { "aws:SourceIp" = "192.0.2.1" }
absent = ["aws:SourceIp"]
expect = "deny"'
config_error group-kind "$work/group-kind.toml:9:10: kinds: groups are not asked" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = "s3:GetObject"
expect = "deny"
[guardrail.principals]
kinds = ["group"]'
config_error no-expect "$work/no-expect.toml:2:1: the guardrail needs expect" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = "s3:GetObject"'
config_error not-array "$work/not-array.toml:2:1: guardrail must be an array of tables" '
[guardrail]
id = "SL950"'
config_error duplicate-id "$work/duplicate-id.toml:9:6: \[\[guardrail\]\] id SL950 is already used at .*duplicate-id.toml:2:1" '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = "s3:GetObject"
expect = "deny"
[[guardrail]]
id = "SL950"
name = "y"
summary = "y"
actions = "s3:GetObject"
expect = "deny"'
config_error built-in-name "$work/built-in-name.toml:2:1: guardrail SL950 unknown-action: the name is already taken by SL101 unknown-action" '
[[guardrail]]
id = "SL950"
name = "unknown-action"
summary = "x"
actions = "s3:GetObject"
expect = "deny"'

# What only the catalog knows is a warning at the position of the mistake, not an error.
printf '%s\n' '
[[guardrail]]
id = "SL950"
name = "x"
summary = "x"
actions = ["sagemaker:CreateNoteBookInstanse", "sagemaker:ListModels"]
context = { "sagemaker:RootAcess" = "Enabled" }
expect = "deny"' >"$work/catalog.toml"
rc=0
"$sagelint" --config "$work/catalog.toml" >/dev/null 2>"$work/catalog.err" || rc=$?
[ "$rc" != 2 ] || fail "catalog warnings made the run fail: $(cat "$work/catalog.err")"
grep -q "catalog.toml:7:13: unknown condition key 'sagemaker:RootAcess' (did you mean 'sagemaker:RootAccess'?)" \
  "$work/catalog.err" || fail "unknown key warning: $(cat "$work/catalog.err")"
grep -q "catalog.toml:6:12: unknown action 'sagemaker:CreateNoteBookInstanse' (did you mean 'sagemaker:CreateNotebookInstance'?)" \
  "$work/catalog.err" || fail "unknown action warning: $(cat "$work/catalog.err")"
echo "ok: catalog warnings"

# Opt-in built-in data rules (default_enabled = false): not with ALL or a prefix, yes by id or name.
fixture="$src/fixtures/rules/notebook-root-access-deny-missing/invalid/seed-003-closed-network.yaml"
count() { { "$sagelint" --no-config --color never "$@" "$fixture" 2>/dev/null || true; } | grep -c 'SL610' || true; }
[ "$(count --select ALL)" = 0 ] || fail "SL610 ran with --select ALL"
[ "$(count --select SL6)" = 0 ] || fail "SL610 ran with --select SL6"
[ "$(count)" = 0 ] || fail "SL610 ran by default"
[ "$(count --select SL610)" = 2 ] || fail "SL610 did not run with --select SL610"
[ "$(count --select ALL,notebook-root-access-deny-missing)" = 2 ] || fail "SL610 did not run when named"
echo "ok: opt-in rules"
