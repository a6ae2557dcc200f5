#!/usr/bin/env bash
# Suppressions written in templates: `# sagelint: ignore[...]` comments in YAML (same line or
# the line above) and `Metadata: {sagelint: {ignore: [...]}}` on a resource or the template.
# Suppressed findings are hidden in text, kept in json and in SARIF with a suppression.
#   inline_suppress.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
mkdir -p "$work"
cd "$src/tests/integration/data"

# The principal guardrail rules (SL502, SL601) judge each role as a whole and would add findings
# unrelated to suppressions; this test is about policy-level findings.
guardrails=--ignore=passrole-deny-missing,network-isolation-deny-missing

check() {  # check FILE EXPECTED: "line rule suppression" of every finding, json format
  local got
  got=$({ "$sagelint" --no-config "$guardrails" --format json "$1" || true; } | python3 -c '
import json, sys
for f in json.load(sys.stdin):
    print(f["line"], f["ruleName"], f.get("suppression", "-"))')
  if [ "$got" != "$2" ]; then
    printf 'FAIL: %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$got" >&2
    exit 1
  fi
  echo "ok: $1"
}

check suppressions-template.yaml "21 unknown-action ignored by comment on line 21
23 unknown-action ignored by comment on line 22
24 unknown-action -
27 passrole-missing-passed-to-service -
48 passrole-missing-passed-to-service ignored by Metadata of resource NotebookRole"

check suppressions-template.json "19 unknown-action ignored by the template's Metadata
19 passrole-missing-passed-to-service -"

# Text hides them (the summary counts them); SARIF keeps them as suppressed.
"$sagelint" --no-config "$guardrails" --color never suppressions-template.yaml >"$work/out.txt" 2>"$work/err.txt" || true
[ "$(wc -l <"$work/out.txt")" = 2 ] && grep -q '3 suppressed' "$work/err.txt" ||
  { cat "$work/out.txt" "$work/err.txt"; fail "text output"; }
"$sagelint" --no-config "$guardrails" --format sarif suppressions-template.yaml >"$work/out.sarif" || true
python3 - "$work/out.sarif" <<'PY' || fail "SARIF suppressions"
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
why = sorted(r["suppressions"][0]["justification"] for r in results if r.get("suppressions"))
assert why == ["ignored by Metadata of resource NotebookRole", "ignored by comment on line 21",
               "ignored by comment on line 22"], why
# Written in the analysed file itself: SARIF 2.1.0 calls that "inSource".
kinds = {r["suppressions"][0]["kind"] for r in results if r.get("suppressions")}
assert kinds == {"inSource"}, kinds
PY
echo "ok: SARIF has the 3 suppressed results with their reasons, kind inSource"
